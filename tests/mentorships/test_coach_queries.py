"""The coach's page lists every supervised pair: its queries must not grow with the pairs
(bench/load.py found 125 queries for the demo's 20 pairs)."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem.mentorships.models import Goal, Meeting, Mentorship, Participant
from tandem.mentorships.services import coaching
from tests import factories as f


def _pairs(program, count: int) -> None:
    start = timezone.now() - dt.timedelta(days=40)
    for i in range(count):
        mentorship = Mentorship.objects.create(
            program=program, status=Mentorship.Status.ACTIVE, started_at=start
        )
        for role in (Participant.Role.MENTOR, Participant.Role.MENTEE):
            person = f.person(f"Person {role} {i} {program.pk}")
            learner = Participant.objects.create(
                mentorship=mentorship, person=person, role=role, answer=Participant.Answer.ACCEPTED
            )
            Goal.objects.create(mentorship=mentorship, learner=learner, title=f"Goal {role}")
        for week in (1, 3, 8):
            Meeting.objects.create(
                mentorship=mentorship, starts_at=start + dt.timedelta(weeks=week)
            )


def _queries(user) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as captured:
        rows = coaching.coach_overview(user)
    return len(captured.captured_queries), rows


def test_it_reads_the_overview_in_the_same_queries_for_two_or_eight_pairs(cast):
    _pairs(cast.program, 2)
    few, rows = _queries(cast.coach)
    assert len(rows) == 2
    _pairs(cast.program, 6)
    many, rows = _queries(cast.coach)
    assert len(rows) == 8
    assert many == few
    row = rows[-1]
    assert [role for _name, role in row.people] == ["mentee", "mentor"]
    assert {g.learner_role for g in row.goals} == {"mentor", "mentee"}
    assert len(row.held) == 0 and row.next_meeting is not None
