"""Proposal emails: sent once the proposal commits, in each person's language, with a link
to the mentorship page and nothing confidential."""

import pytest
from django.conf import settings
from django.core import mail

from tandem.matching.services.publish import publish_run
from tandem.matching.services.run import run_matching
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services.why import reasons_for
from tandem.programs.models import Program
from tests.factories import propose_pair


@pytest.fixture(autouse=True)
def _early(early_in_the_programs):
    return early_in_the_programs


def _publish(cast, django_capture_on_commit_callbacks) -> Mentorship:
    cast.program.status = Program.Status.MATCHING
    cast.program.save()
    outcome = run_matching(cast.program, actor=cast.manager)
    with django_capture_on_commit_callbacks(execute=True):
        publish_run(outcome.run, actor=cast.manager)
    return Mentorship.objects.get()


def test_it_emails_each_participant_when_a_run_is_published(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    mentorship = _publish(cast, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.mentor.email, cast.mentee.email])
    url = settings.SITE_URL + f"/mentorships/{mentorship.pk}/"
    for message in mail.outbox:
        assert cast.program.name in message.body
        assert url in message.body
        assert "accept or decline" in message.body


def test_it_never_names_the_partner_nor_the_reasons(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    mentorship = _publish(cast, django_capture_on_commit_callbacks)
    reasons = reasons_for(mentorship, manager=True)
    assert reasons
    to_mentee = next(m for m in mail.outbox if m.to == [cast.mentee.email])
    text = to_mentee.subject + to_mentee.body
    assert cast.mentor.person.full_name not in text
    assert cast.mentor.email not in text
    assert not any(reason in text for reason in reasons)


def test_it_emails_nothing_before_the_transaction_commits(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        propose_pair(cast)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_it_emails_the_people_of_a_hand_made_mentorship(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mentorship = propose_pair(cast)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.mentor.email, cast.mentee.email])
    assert all(f"/mentorships/{mentorship.pk}/" in m.body for m in mail.outbox)


def test_it_writes_in_the_persons_language(cast, mailoutbox, django_capture_on_commit_callbacks):
    mentee = cast.mentee.person
    mentee.languages = ["de", "fr", "en"]
    mentee.save()
    mentor = cast.mentor.person
    mentor.languages = ["es"]
    mentor.save()
    with django_capture_on_commit_callbacks(execute=True):
        propose_pair(cast, justification="An interpreter joins them.")
    by_email = {m.to[0]: m for m in mail.outbox}
    assert by_email[cast.mentee.email].subject.endswith(
        "une proposition de binôme attend votre réponse"
    )
    assert by_email[cast.mentor.email].subject == (
        "Tandem: a mentorship proposal awaits your answer"
    )


def test_it_skips_people_who_left(cast, mailoutbox, django_capture_on_commit_callbacks):
    mentee = cast.mentee.person
    with django_capture_on_commit_callbacks(execute=True):
        propose_pair(cast)
        mentee.is_active = False  # left before the proposal's emails went out
        mentee.save()
    assert [m.to for m in mail.outbox] == [[cast.mentor.email]]
