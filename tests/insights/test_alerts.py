"""Alerts fire and clear as meetings happen; the weekly digest goes once per ISO week to the
program's managers and coaches and carries no word a pair wrote."""

import datetime as dt

import pytest
from django.core import mail

from tandem.insights.models import Alert, Moment
from tandem.insights.services.alerts import refresh_alerts
from tandem.insights.services.digest import send_digest
from tandem.mentorships.models import Goal, Meeting, Mentorship, Participant
from tests.insights import builders as b

DAY = dt.timedelta(days=1)


@pytest.fixture
def pair(cast):
    return b.pair(cast.program, cast.mentor.person, cast.mentee.person)


def open_kinds(program):
    return set(
        Alert.objects.filter(program=program, closed_at__isnull=True).values_list("kind", flat=True)
    )


def at(days):
    return b.STARTED + days * DAY


def test_it_flags_a_pair_that_has_not_met_for_one_and_a_half_cadences(cast, pair):
    refresh_alerts(cast.program, at(44))  # cadence 30 days: limit 45
    assert open_kinds(cast.program) == set()
    refresh_alerts(cast.program, at(46))
    assert open_kinds(cast.program) == {"no-recent-meeting"}
    b.meeting(pair, Meeting.Status.HELD, 45)
    refresh_alerts(cast.program, at(47))
    assert open_kinds(cast.program) == set()
    alert = Alert.objects.get(kind="no-recent-meeting")
    assert (alert.opened_at, alert.closed_at) == (at(46), at(47))


def test_it_flags_two_missed_meetings_in_a_row_until_one_is_held(cast, pair):
    b.meeting(pair, Meeting.Status.HELD, 5)
    b.meeting(pair, Meeting.Status.MISSED, 10)
    refresh_alerts(cast.program, at(16))
    assert open_kinds(cast.program) == set()
    b.meeting(pair, Meeting.Status.MISSED, 15)
    refresh_alerts(cast.program, at(16))
    assert open_kinds(cast.program) == {"two-missed"}
    b.meeting(pair, Meeting.Status.HELD, 20)
    refresh_alerts(cast.program, at(21))
    assert open_kinds(cast.program) == set()


def test_it_flags_a_pair_without_goal_after_its_first_meeting(cast, pair):
    pair.goals.update(status=Goal.Status.DROPPED)
    refresh_alerts(cast.program, at(3))
    assert open_kinds(cast.program) == set()  # no meeting yet
    b.meeting(pair, Meeting.Status.HELD, 5)
    refresh_alerts(cast.program, at(6))
    assert open_kinds(cast.program) == {"no-goal"}
    pair.goals.update(status=Goal.Status.IN_PROGRESS)
    refresh_alerts(cast.program, at(7))
    assert open_kinds(cast.program) == set()


def test_it_flags_a_low_satisfaction_answer_until_a_better_one(cast, pair):
    b.meeting(pair, Meeting.Status.HELD, 5)
    b.answer(pair, "mentee", Moment.MIDPOINT, "satisfaction", 2)
    refresh_alerts(cast.program, at(6))
    assert open_kinds(cast.program) == {"low-satisfaction"}
    b.answer(pair, "mentee", Moment.FINAL, "satisfaction", 4)
    refresh_alerts(cast.program, at(7))
    assert open_kinds(cast.program) == set()


def test_it_flags_a_proposal_unanswered_for_a_week(cast):
    proposal = Mentorship.objects.create(program=cast.program)
    Participant.objects.create(mentorship=proposal, person=cast.mentor.person, role="mentor")
    Mentorship.objects.filter(pk=proposal.pk).update(created_at=at(0))
    refresh_alerts(cast.program, at(6))
    assert open_kinds(cast.program) == set()
    refresh_alerts(cast.program, at(8))
    assert open_kinds(cast.program) == {"proposal-unanswered"}
    proposal.participants.update(answer=Participant.Answer.ACCEPTED)
    refresh_alerts(cast.program, at(9))
    assert open_kinds(cast.program) == set()


def test_it_closes_the_alerts_of_a_completed_mentorship(cast, pair):
    refresh_alerts(cast.program, at(60))
    pair.status = Mentorship.Status.COMPLETED
    pair.save()
    refresh_alerts(cast.program, at(61))
    assert open_kinds(cast.program) == set()


def test_it_sends_the_digest_once_a_week_without_pair_texts(cast, pair):
    b.meeting(pair, Meeting.Status.HELD, 5, log_mentor_learned="a private lesson")
    refresh_alerts(cast.program, at(60))
    assert send_digest(at(60), refresh=False) == 2  # the manager and the coach
    assert send_digest(at(61), refresh=False) == 0  # same ISO week
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([cast.manager.email, cast.coach.person.email])
    body = mail.outbox[0].body
    assert "Jean Moreau & Léa Bernard: No meeting held for 55 days" in body and "[new]" in body
    assert f"/programs/{cast.program.slug}/pairs/{pair.pk}/" in body
    assert "private lesson" not in body and "secret words" not in body
    assert send_digest(at(68), refresh=False) == 2  # next week


def test_it_runs_the_digest_from_the_command(cast, pair):
    from django.core.management import call_command

    refresh_alerts(cast.program, at(60))
    call_command("alerts-digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("alerts-digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2
