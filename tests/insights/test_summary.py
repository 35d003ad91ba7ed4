"""The meetings-per-month summary the dashboard reads stays equal to the meetings: after
meetings and logs are added, changed, moved and deleted, after a mentorship ends (its future
meetings are cancelled in bulk), after a commit and without one, and after a rebuild. (The
answer pairs: ``test_answer_pairs``.)"""

import datetime as dt
import random
from collections import Counter, defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tandem.insights.models import MeetingMonth, StaleMentorship
from tandem.insights.services import metrics, summary
from tandem.mentorships.models import Meeting, MeetingLog, Mentorship
from tandem.mentorships.services.lifecycle import end_mentorship
from tests.insights import builders as b

STATUSES = list(Meeting.Status.values)


def truth(program) -> dict:
    """What the meetings say, worked out in Python."""
    found = defaultdict(Counter)
    for m in Meeting.objects.filter(mentorship__program=program).select_related("log"):
        cell = found[(m.mentorship_id, summary.as_month(m.starts_at))]
        cell[m.status] += 1
        log = getattr(m, "log", None)
        cell["logs"] += log is not None
        cell["learned"] += bool(log and log.mentor_learned_something)
    return {k: {c: v[c] for c in summary.COUNTS} for k, v in found.items()}


def stored(program) -> dict:
    summary.refresh_programs([program.pk])
    return {
        (r.mentorship_id, r.month): {c: getattr(r, c) for c in summary.COUNTS}
        for r in MeetingMonth.objects.filter(program=program)
    }


@pytest.fixture
def pair(cast):
    return b.pair(cast.program, cast.mentor.person, cast.mentee.person)


def test_it_follows_meetings_and_logs_as_they_change(cast, pair):
    held = b.meeting(pair, Meeting.Status.HELD, 10, "what I learned")
    planned = b.meeting(pair, Meeting.Status.PLANNED, 40)
    month = dt.date(2026, 1, 1)
    assert stored(cast.program)[(pair.pk, month)]["learned"] == 1
    planned.status = Meeting.Status.MISSED
    planned.save()
    held.starts_at += dt.timedelta(days=31)  # moved to February
    held.save()
    held.log.mentor_learned = ""
    held.log.save()
    assert stored(cast.program) == truth(cast.program)
    assert stored(cast.program)[(pair.pk, dt.date(2026, 2, 1))]["missed"] == 1
    held.log.delete()
    planned.delete()
    assert stored(cast.program) == truth(cast.program)
    assert stored(cast.program) == {
        (pair.pk, dt.date(2026, 2, 1)): {**dict.fromkeys(summary.COUNTS, 0), "held": 1}
    }


def test_it_refreshes_once_the_change_commits(cast, pair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        b.meeting(pair, Meeting.Status.HELD, 10, "yes")
    assert not StaleMentorship.objects.exists()  # refreshed after the commit, not by a reader
    row = MeetingMonth.objects.get(mentorship=pair)
    assert (row.held, row.logs, row.learned, row.program_id) == (1, 1, 1, cast.program.pk)


def test_it_counts_the_meetings_cancelled_when_a_mentorship_ends(
    cast, pair, django_capture_on_commit_callbacks
):
    b.meeting(pair, Meeting.Status.HELD, 10)
    future = Meeting.objects.create(
        mentorship=pair, starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=40)
    )
    stored(cast.program)
    with django_capture_on_commit_callbacks(execute=True):
        end_mentorship(pair, cast.manager, "moved abroad")
    future.refresh_from_db()
    assert future.status == Meeting.Status.CANCELLED  # a bulk update: no signal of its own
    assert not StaleMentorship.objects.exists()
    rows = {r.month: r for r in MeetingMonth.objects.filter(mentorship=pair)}
    assert rows[summary.as_month(future.starts_at)].cancelled == 1
    assert stored(cast.program) == truth(cast.program)


def test_it_drops_the_rows_of_a_deleted_mentorship(cast, pair):
    b.meeting(pair, Meeting.Status.HELD, 10, "yes")
    stored(cast.program)
    pair.delete()
    assert not MeetingMonth.objects.exists() and not StaleMentorship.objects.exists()


def test_it_stays_exact_through_random_changes(cast):
    rng = random.Random(7)
    pairs = b.pairs(cast.program, 3)
    meetings = []
    for step in range(60):
        action = rng.random()
        if action < 0.45 or not meetings:
            m = b.meeting(rng.choice(pairs), rng.choice(STATUSES), rng.randint(0, 120))
            meetings.append(m)
        elif action < 0.65:
            m = rng.choice(meetings)
            m.status = rng.choice(STATUSES)
            m.starts_at += dt.timedelta(days=rng.randint(-40, 40))
            m.save()
        elif action < 0.8:
            m = rng.choice(meetings)
            log, _created = MeetingLog.objects.get_or_create(meeting=m)
            log.mentor_learned = rng.choice(["", "a lot"])
            log.save()
        elif action < 0.9:
            MeetingLog.objects.filter(meeting=rng.choice(meetings)).delete()
        else:
            meetings.pop(rng.randrange(len(meetings))).delete()
        if step % 15 == 14:
            assert stored(cast.program) == truth(cast.program)
    assert stored(cast.program) == truth(cast.program)


def test_it_rebuilds_what_was_written_around_the_orm(cast, pair, capsys):
    b.meeting(pair, Meeting.Status.HELD, 10)
    stored(cast.program)
    with connection.cursor() as cursor:  # like bench/insights.py: raw inserts, no signal
        cursor.execute(
            "UPDATE mentorships_meeting SET status = %s WHERE mentorship_id = %s",
            [Meeting.Status.MISSED, pair.pk],
        )
    assert stored(cast.program) != truth(cast.program)
    call_command("rebuild-insights", cast.program.slug)
    assert "1 monthly meeting rows and 0 answer pairs" in capsys.readouterr().out
    assert stored(cast.program) == truth(cast.program)
    assert metrics.for_program(cast.program).meetings["scheduled"].value == 1
    with pytest.raises(CommandError, match="No program"):
        call_command("rebuild-insights", "nope")


def test_it_leaves_other_programs_alone_when_rebuilding_one(cast, pair):
    other = b.f.program("Other", slug="other")
    theirs = b.pair(other, b.f.person(), b.f.person())
    b.meeting(theirs, Meeting.Status.HELD, 10)
    b.meeting(pair, Meeting.Status.HELD, 10)
    stored(other)
    stored(cast.program)
    assert summary.rebuild([cast.program.pk]) == (1, 0)
    assert MeetingMonth.objects.filter(program=other).count() == 1
    assert Mentorship.objects.count() == 2
