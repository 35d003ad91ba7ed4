"""``tandem remind`` against a real SMTP server: each reminder once, never a pair's words."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from tandem.mentorships.models import Meeting, SentReminder
from tandem.mentorships.services import journal, lifecycle, reminders, schedule
from tandem.programs.models import Enrolment
from tests import factories as f


@pytest.fixture
def pending_proposal(cast):
    mentee = f.person("Zoé Lambert", with_user=True, email="zoe@example.com")
    f.need(mentee, "genai")
    f.competence(cast.other_member.person, "genai")
    f.enrol(mentee, cast.program, Enrolment.Role.MENTEE)
    return lifecycle.create_mentorship(
        cast.program, [cast.other_member.person], [mentee], cast.manager
    )


def _remind():
    call_command("remind", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_it_sends_each_reminder_once_and_only_once(
    smtp, active_pair, pending_proposal, cast, clock
):
    meeting = active_pair.meetings.order_by("starts_at").first()
    journal.write_preparation(
        meeting, cast.mentee, state_of_mind="SECRET-worried", topics_to_raise="SECRET-layoffs"
    )
    _remind()
    _remind()
    # insights registers "survey-due" too (the baseline survey): count the mentorship kinds
    received = [r for r in smtp.received() if "survey" not in r[1]]
    assert len(received) == len(set(received)) == 4
    soon = [to for to, subject in received if subject.startswith("Tandem: meeting on")]
    assert sorted(soon) == sorted([cast.mentor.email, cast.mentee.email])
    pending = [to for to, subject in received if "awaits your answer" in subject]
    assert sorted(pending) == sorted([cast.other_member.email, "zoe@example.com"])
    assert SentReminder.objects.exclude(kind="survey-due").count() == 4

    clock.move_to(meeting.ends_at + dt.timedelta(hours=1))
    _remind()
    _remind()
    unconfirmed = [s for _to, s in smtp.received() if "take place" in s]
    assert len(unconfirmed) == 2

    schedule.set_meeting_status(meeting, cast.mentor, Meeting.Status.HELD)
    clock.move_to(meeting.starts_at + dt.timedelta(days=2, hours=1))
    _remind()
    _remind()
    missing = [s for _to, s in smtp.received() if "log is due" in s]
    assert len(missing) == 2
    for message in smtp.messages:
        body = message.get_content()
        assert "SECRET" not in body and "SECRET" not in message["Subject"]


def test_it_tries_again_after_a_failed_send(smtp, pending_proposal, clock):
    smtp.refuse.add("zoe@example.com")
    _remind()
    assert not SentReminder.objects.filter(recipient="zoe@example.com").exists()
    smtp.refuse.clear()
    _remind()
    _remind()
    assert [to for to, _s in smtp.received()].count("zoe@example.com") == 1


def test_it_refuses_a_second_claim_on_the_same_reminder(db):
    SentReminder.objects.create(kind="k", key="1", recipient="a@example.com")
    with pytest.raises(IntegrityError):
        SentReminder.objects.create(kind="k", key="1", recipient="a@example.com")


def test_it_lets_another_app_register_a_reminder_kind(smtp, cast, clock, monkeypatch):
    person = cast.mentee.person
    monkeypatch.setattr(reminders, "REGISTRY", dict(reminders.REGISTRY))

    @reminders.register("survey-due")
    def surveys(at):
        yield reminders.Reminder(
            kind="survey-due",
            key="survey-1",
            person=person,
            subject="Tandem: a survey is due",
            body="Hello %(name)s, %(url)s",
        )

    counts = reminders.send_due()
    assert counts["survey-due"] == 1
    assert reminders.send_due()["survey-due"] == 0
    assert smtp.received() == [(cast.mentee.email, "Tandem: a survey is due")]


def test_it_writes_in_the_recipients_language(cast, db):
    person = cast.mentee.person
    person.languages = ["de", "fr", "en"]
    assert reminders.language_of(person) == "fr"
    person.languages = ["de"]
    assert reminders.language_of(person) == "en"
