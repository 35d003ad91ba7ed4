"""A participant's to-do list on their home page: a small registry of providers.

Each provider is one function registered with ``@provider``: it takes the ``Reader`` (the
person, now, today, and the person's enrolments and places in pairs, which the home page has
already read) and returns ``Todo`` items (label, link, due date, urgency), reading a
fixed number of rows whatever the person's history. A new kind of to-do is a new function
in one of this package's modules (imported by ``collect``)::

    @provider
    def endorsements(reader: Reader) -> list[Todo]:
        return [Todo("endorsement", _("Endorse %(name)s") % ..., url, due=None) for ...]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.mentorships.models import Participant
from tandem.people.models import Person
from tandem.programs.models import Enrolment

SOON = dt.timedelta(days=3)


class Urgency(models.IntegerChoices):
    """Sorted first to last; the home page shows the label beside each item."""

    OVERDUE = 0, _("overdue")
    SOON = 1, _("due soon")
    LATER = 2, _("to do")


@dataclass(frozen=True)
class Reader:
    """What providers read from: the person, now, today, and the rows the home page already
    holds — their enrolments (with their program) and their places in pairs and circles (with
    the mentorship and its program: ``enrolments_of``, ``places_of``) — so that providers
    filter them instead of asking again."""

    person: Person
    now: dt.datetime
    today: dt.date
    enrolments: list[Enrolment]
    places: list[Participant]


def enrolments_of(person: Person):
    """The person's enrolments in every status, with their program, latest program first."""
    return (
        Enrolment.objects.filter(person=person)
        .select_related("program")
        .order_by("-program__start", "program__name", "role")
    )


def places_of(person: Person):
    """The person's places in pairs and circles, whatever their answer or the pair's status,
    with the mentorship and its program, newest first."""
    return (
        Participant.objects.filter(person=person)
        .select_related("mentorship__program")
        .order_by("-mentorship__created_at", "-mentorship_id")
    )


@dataclass(frozen=True)
class Todo:
    kind: str
    label: str
    url: str
    due: dt.date | None = None
    urgency: Urgency = Urgency.LATER
    program: str = ""  # the program's slug, when the item belongs to one


def urgency_of(due: dt.date | None, today: dt.date) -> Urgency:
    if due is None:
        return Urgency.LATER
    if due < today:
        return Urgency.OVERDUE
    return Urgency.SOON if due - today <= SOON else Urgency.LATER


Provider = Callable[[Reader], list[Todo]]
PROVIDERS: list[Provider] = []


def provider(function: Provider) -> Provider:
    PROVIDERS.append(function)
    return function


def todo(
    kind: str, label: str, url: str, due: dt.date | None, reader: Reader, program: str = ""
) -> Todo:
    """A to-do whose urgency follows from its due date."""
    return Todo(kind, str(label), url, due, urgency_of(due, reader.today), program)


def collect(reader: Reader) -> list[Todo]:
    """Every provider's items, the most urgent first, then by due date."""
    # Cycle: each provider imports this package (Reader, Todo, provider), so they load here.
    from tandem.web.todos import (  # noqa: F401  (they register)
        endorsements,
        pairs,
        programs,
        requests,
        surveys,
    )

    items = [item for function in PROVIDERS for item in function(reader)]
    far = dt.date.max
    return sorted(items, key=lambda t: (t.urgency, t.due or far, t.label))
