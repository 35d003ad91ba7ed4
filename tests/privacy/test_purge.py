"""Retention: ``tandem privacy purge`` empties the confidential texts of mentorships closed
more than ``TANDEM_RETENTION_MONTHS`` months ago and keeps every fact."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from tandem.accounts.models import AuditEvent
from tandem.insights.services import metrics
from tandem.mentorships.models import (
    ClosingReview,
    Goal,
    GoalProgress,
    Meeting,
    MeetingLog,
    Mentorship,
    Preparation,
)
from tandem.privacy.services.retention import months_before, purge
from tests.privacy.conftest import GOAL_NOTES, MENTEE_LOG, MENTEE_PREP

CLOSED = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def closed(world):
    Mentorship.objects.filter(pk=world.pair.pk).update(status="completed", ended_at=CLOSED)
    return world


def _texts(pair) -> list[str]:
    logs = MeetingLog.objects.filter(meeting__mentorship=pair)
    preparations = Preparation.objects.filter(meeting__mentorship=pair)
    return [
        *(t for log in logs for t in (log.acquired, log.to_improve, log.mentor_learned)),
        *(p.state_of_mind for p in preparations),
        *Goal.objects.filter(mentorship=pair).values_list("notes", flat=True),
        *GoalProgress.objects.filter(goal__mentorship=pair).values_list("comment", flat=True),
        *ClosingReview.objects.filter(participant__mentorship=pair).values_list(
            "next_steps", flat=True
        ),
    ]


def test_it_keeps_texts_within_the_retention_period(closed, settings):
    settings.TANDEM_RETENTION_MONTHS = 24
    with time_machine.travel(dt.datetime(2028, 6, 29, tzinfo=dt.UTC)):
        counts = purge()
    assert counts["mentorships"] == 0
    assert MENTEE_LOG in _texts(closed.pair)


def test_it_empties_the_texts_after_it_and_keeps_the_facts(closed, settings):
    settings.TANDEM_RETENTION_MONTHS = 24
    figures = repr(metrics.for_program(closed.cast.program))
    meetings = Meeting.objects.filter(mentorship=closed.pair).count()
    with time_machine.travel(dt.datetime(2028, 7, 1, tzinfo=dt.UTC)):
        counts = purge()
    assert counts["mentorships"] == 1 and counts["meetinglog"] == 2
    assert set(_texts(closed.pair)) == {""}
    assert MeetingLog.objects.get(pk=closed.log.pk).mentor_learned_something
    assert Meeting.objects.filter(mentorship=closed.pair).count() == meetings
    assert Goal.objects.filter(mentorship=closed.pair).first().title
    assert repr(metrics.for_program(closed.cast.program)) == figures
    assert AuditEvent.objects.filter(action="privacy.purge").count() == 1


def test_it_leaves_open_mentorships_alone(world, settings):
    settings.TANDEM_RETENTION_MONTHS = 1
    with time_machine.travel(dt.datetime(2030, 1, 1, tzinfo=dt.UTC)):
        assert purge()["mentorships"] == 0
    assert GOAL_NOTES in _texts(world.pair)


def test_a_dry_run_counts_and_changes_nothing(closed, settings, capsys):
    settings.TANDEM_RETENTION_MONTHS = 24
    with time_machine.travel(dt.datetime(2028, 7, 1, tzinfo=dt.UTC)):
        call_command("privacy", "purge", "--dry-run")
    out = capsys.readouterr().out
    assert "1 mentorships closed more than 24 months ago" in out and "would be emptied" in out
    assert MENTEE_PREP in _texts(closed.pair)
    assert not AuditEvent.objects.filter(action="privacy.purge").exists()


def test_the_command_purges_and_is_idempotent(closed, settings, capsys):
    settings.TANDEM_RETENTION_MONTHS = 24
    with time_machine.travel(dt.datetime(2028, 7, 1, tzinfo=dt.UTC)):
        call_command("privacy", "purge")
        call_command("privacy", "purge")
    first, second = capsys.readouterr().out.strip().splitlines()
    assert "rows of confidential text emptied" in first and " 0 rows" not in first
    assert "; 0 rows of confidential text emptied" in second
    assert AuditEvent.objects.filter(action="privacy.purge").count() == 1


def test_zero_months_keeps_everything(closed, settings, capsys):
    settings.TANDEM_RETENTION_MONTHS = 0
    with time_machine.travel(dt.datetime(2040, 1, 1, tzinfo=dt.UTC)):
        call_command("privacy", "purge")
    assert "Retention is off" in capsys.readouterr().out
    assert MENTEE_LOG in _texts(closed.pair)


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (dt.datetime(2028, 3, 31), 1, dt.datetime(2028, 2, 29)),
        (dt.datetime(2028, 1, 15), 13, dt.datetime(2026, 12, 15)),
        (dt.datetime(2028, 7, 1), 24, dt.datetime(2026, 7, 1)),
    ],
)
def test_months_are_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected
