"""A participant's "what's next": their next meeting, their to-dos and their goals' progress.

Read in a fixed number of queries whatever the person's history (tests count them): one for
the next meeting, one for its partners' names, one for the goals, and each to-do provider's
few (``todos``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from tandem.mentorships.models import Goal, Meeting, Mentorship, Participant, Preparation
from tandem.people.models import Person
from tandem.web.todos import Reader, Todo, collect

GOAL_STATUSES = (Goal.Status.OPEN, Goal.Status.IN_PROGRESS, Goal.Status.REACHED)


@dataclass
class NextMeeting:
    meeting: Meeting
    partners: list[str]
    program: str
    prepared: bool


@dataclass
class WhatsNext:
    next_meeting: NextMeeting | None
    todos: list[Todo] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)

    training_slugs: list[str] = field(default_factory=list)

    def has(self, kind: str) -> bool:
        return any(item.kind == kind for item in self.todos)


def _mine(person: Person):
    return Participant.objects.filter(person=person).exclude(answer=Participant.Answer.DECLINED)


def next_meeting(person: Person, now: dt.datetime) -> NextMeeting | None:
    """The first planned meeting not over yet of the person's active pairs and circles."""
    meeting = (
        Meeting.objects.filter(
            mentorship_id__in=_mine(person).values("mentorship_id"),
            mentorship__status=Mentorship.Status.ACTIVE,
            status=Meeting.Status.PLANNED,
            starts_at__gt=now - dt.timedelta(hours=8),
        )
        .annotate(
            prepared=Exists(
                Preparation.objects.filter(meeting_id=OuterRef("pk"), author__person=person)
            ),
            program_name=F("mentorship__program__name"),
        )
        .order_by("starts_at", "pk")
    )
    found = next((m for m in meeting[:3] if m.ends_at > now), None)
    if found is None:
        return None
    partners = (
        Participant.objects.filter(mentorship_id=found.mentorship_id)
        .exclude(answer=Participant.Answer.DECLINED)
        .exclude(person=person)
        .order_by("-role", "person__full_name")
        .values_list("person__full_name", flat=True)
    )
    return NextMeeting(found, list(partners), found.program_name, found.prepared)


def goals_of(person: Person) -> list[Goal]:
    """The person's own goals in their running pairs and circles, reached ones last."""
    goals = Goal.objects.filter(
        learner__person=person,
        mentorship__status__in=[Mentorship.Status.ACCEPTED, Mentorship.Status.ACTIVE],
        status__in=GOAL_STATUSES,
    ).order_by("mentorship_id", "pk")
    return sorted(goals, key=lambda g: g.status == Goal.Status.REACHED)


def whats_next(person: Person, enrolments: list, places: list) -> WhatsNext:
    """``enrolments`` and ``places``: the rows the home page read (``todos.Reader``)."""
    now = timezone.now()
    today = timezone.localdate(now)
    reader = Reader(person, now, today, enrolments=enrolments, places=places)
    todos = collect(reader)
    return WhatsNext(
        next_meeting=next_meeting(person, now),
        todos=todos,
        goals=goals_of(person),
        training_slugs=sorted({t.program for t in todos if t.kind == "training"}),
    )
