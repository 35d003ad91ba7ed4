"""Inviting the program's people from its page: one by one, or all without an account."""

import pytest
from django.core import mail
from django.urls import reverse

from tandem.accounts.models import Invitation
from tandem.programs.models import Enrolment
from tests import factories as f


@pytest.fixture
def hr(client, cast):
    client.force_login(cast.manager)
    return client


def test_it_invites_everyone_enrolled_without_an_account(hr, cast):
    a = f.person("No Account A")
    b = f.person("No Account B")
    gone = f.person("Withdrawn C")
    f.enrol(a, cast.program, Enrolment.Role.MENTEE)
    f.enrol(b, cast.program, Enrolment.Role.MENTOR, status=Enrolment.Status.APPLIED)
    f.enrol(gone, cast.program, Enrolment.Role.MENTEE, status=Enrolment.Status.WITHDRAWN)
    url = reverse("programs:invite-all", args=[cast.program.slug])
    hr.post(url)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([a.email, b.email])
    hr.post(url)  # a second press sends nothing: their links are still valid
    assert len(mail.outbox) == 2


def test_it_invites_one_person_of_the_program(hr, cast):
    person = f.person("Solo")
    f.enrol(person, cast.program, Enrolment.Role.MENTEE)
    hr.post(reverse("programs:invite-one", args=[cast.program.slug, person.pk]))
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert Invitation.objects.filter(person=person).count() == 1


def test_it_refuses_someone_outside_the_program(hr, cast):
    stranger = f.person("Stranger")
    response = hr.post(reverse("programs:invite-one", args=[cast.program.slug, stranger.pk]))
    assert response.status_code == 404
    assert mail.outbox == []


def test_it_sends_a_sign_in_link_to_someone_with_an_account(hr, cast):
    body = hr.get(reverse("programs:detail", args=[cast.program.slug])).content.decode()
    action = reverse("programs:invite-one", args=[cast.program.slug, cast.mentor.person.pk])
    assert f'action="{action}"' in body
    hr.post(action)
    assert [m.to for m in mail.outbox] == [[cast.mentor.email]]
