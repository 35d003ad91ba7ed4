"""A person deactivated (by the SCIM directory or the admin) leaves cleanly: a pair's proposal
is withdrawn, an active mentorship ends with its planned meetings cancelled, a circle goes on
without them; the partner is free for a new proposal and told in their own language; the
person's history stays."""

import pytest
from django.core import mail

from tandem.accounts.models import AuditEvent
from tandem.mentorships.models import Meeting, Mentorship, Participant
from tandem.mentorships.services import lifecycle
from tandem.people.services import deactivation
from tandem.programs.models import Enrolment, Program
from tests import factories as f
from tests.factories import propose_pair
from tests.people.scim_helpers import make_directory


def test_an_active_pair_ends_and_the_partner_is_freed_and_told_in_french(
    cast, active_pair, django_capture_on_commit_callbacks
):
    mentee = cast.mentee.person
    mentee.languages = ["fr"]
    mentee.save()
    planned = active_pair.meetings.filter(status=Meeting.Status.PLANNED).count()
    assert planned and not lifecycle.is_free(mentee, cast.program, "mentee")
    with django_capture_on_commit_callbacks(execute=True):
        deactivation.deactivate(cast.mentor.person, source="scim")
    active_pair.refresh_from_db()
    assert active_pair.status == Mentorship.Status.ENDED
    assert active_pair.meetings.filter(status=Meeting.Status.PLANNED).count() == 0
    assert active_pair.meetings.count() >= planned  # history kept
    assert lifecycle.is_free(mentee, cast.program, "mentee")
    enrolment = Enrolment.objects.get(person=cast.mentor.person, program=cast.program)
    assert enrolment.status == Enrolment.Status.WITHDRAWN
    to_mentee = next(m for m in mail.outbox if m.to == [mentee.email])
    assert "binôme" in to_mentee.body or "mentorat" in to_mentee.body
    assert f"/mentorships/{active_pair.pk}/" in to_mentee.body
    to_mentor = next(m for m in mail.outbox if m.to == [cast.mentor.person.email])
    assert "deactivated" in to_mentor.body
    event = AuditEvent.objects.get(action="mentorship.participant_left")
    assert event.details["outcome"] == "ended" and event.details["source"] == "scim"


def test_a_pending_proposal_is_withdrawn(cast, clock, django_capture_on_commit_callbacks):
    proposal = propose_pair(cast)
    with django_capture_on_commit_callbacks(execute=True):
        deactivation.deactivate(cast.mentee.person, source="admin")
    proposal.refresh_from_db()
    assert proposal.status == Mentorship.Status.DECLINED
    left = proposal.participants.get(person=cast.mentee.person)
    assert left.answer == Participant.Answer.DECLINED and "deactivated" in left.decline_reason
    assert lifecycle.is_free(cast.mentor.person, cast.program, "mentor")
    assert any("withdrawn" in m.body for m in mail.outbox if m.to == [cast.mentor.person.email])


def test_a_circle_goes_on_without_the_person(cast, clock):
    cast.program.format = Program.Format.CIRCLE
    cast.program.save()
    second = f.person("Nora Haddad", with_user=True)
    f.competence(second, "genai", 3, 2)
    f.enrol(second, cast.program, Enrolment.Role.MENTOR)
    circle = lifecycle.create_mentorship(
        cast.program, [cast.mentor.person, second], [cast.mentee.person], cast.manager
    )
    deactivation.deactivate(second, source="scim")
    circle.refresh_from_db()
    assert circle.status == Mentorship.Status.PROPOSED
    assert circle.participants.get(person=second).answer == Participant.Answer.DECLINED
    assert AuditEvent.objects.get(action="mentorship.participant_left").details["outcome"] == (
        "continues"
    )


def test_scim_deactivation_frees_the_partner(cast, active_pair):
    scim = make_directory()
    mentor = cast.mentor.person
    body = scim.create_user(mentor.email, mentor.email)
    scim.patch(f"/Users/{body['id']}", {"op": "Replace", "path": "active", "value": "False"})
    active_pair.refresh_from_db()
    assert active_pair.status == Mentorship.Status.ENDED
    assert lifecycle.is_free(cast.mentee.person, cast.program, "mentee")


def test_the_admin_unticking_active_goes_through_the_same_path(cast, active_pair, admin_client):
    from django.contrib.admin.sites import site

    from tandem.people.models import Person

    admin = site._registry[Person]
    request = type("R", (), {"user": cast.manager})()
    mentor = cast.mentor.person
    mentor.is_active = False
    admin.save_model(request, mentor, form=None, change=True)
    active_pair.refresh_from_db()
    assert active_pair.status == Mentorship.Status.ENDED


@pytest.mark.parametrize("twice", [True])
def test_deactivating_twice_changes_nothing_more(cast, active_pair, twice):
    assert deactivation.deactivate(cast.mentor.person, source="scim") is True
    assert deactivation.deactivate(cast.mentor.person, source="scim") is False
    assert AuditEvent.objects.filter(action="mentorship.participant_left").count() == 1
