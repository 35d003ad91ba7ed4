"""The header's participant links that appear only when something is due: surveys to answer
and training modules to finish. One query per page, remembered on the request, and compiled
once per process (``operations.compiled``): building it cost more than running it."""

import datetime as dt

from django import template
from django.db.models import Exists, Subquery
from django.urls import reverse
from django.utils import timezone

from tandem.insights.services.surveys import open_dues
from tandem.operations.compiled import CompiledQuery
from tandem.people.models import Person
from tandem.web.todos.programs import modules_due

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_due(context) -> dict:
    """``{"surveys": bool, "training": url or ""}`` for the signed-in person."""
    request = context.get("request")
    cached = getattr(request, "_tandem_nav_due", None)
    if cached is not None:
        return cached
    due = {"surveys": False, "training": ""}
    user = getattr(request, "user", None)
    if getattr(user, "is_authenticated", False):
        try:
            person = user.person
        except Person.DoesNotExist:
            person = None
        if person is not None:
            due = _due_for(person)
    if request is not None:
        request._tandem_nav_due = due
    return due


def remember(request, surveys: bool, training_slugs: list[str]) -> None:
    """Set the header's answer from what a page already read (the home's to-do list)."""
    request._tandem_nav_due = _links(surveys, training_slugs)


def _links(surveys: bool, programs: list[str]) -> dict:
    if len(programs) == 1:
        training = reverse("participant:training", args=[programs[0]])
    else:
        training = reverse("participant:programs") if programs else ""
    return {"surveys": surveys, "training": training}


def _due_query(person_id: int, today: dt.date):
    """A survey due, and the first and last program with a module to finish."""
    slugs = modules_due(person_id).values_list("programs__slug", flat=True)
    return (
        Person.objects.filter(pk=person_id)
        .annotate(
            survey=Exists(open_dues(person_id, today).order_by()),
            first=Subquery(slugs.order_by("programs__slug")[:1]),
            last=Subquery(slugs.order_by("-programs__slug")[:1]),
        )
        .values_list("survey", "first", "last")
    )


DUE = CompiledQuery(_due_query, person_id=int, today=dt.date)


def _due_for(person: Person) -> dict:
    """In one query, compiled at the first page this process serves."""
    row = DUE.first(person_id=person.pk, today=timezone.localdate())
    surveys, first, last = row or (False, None, None)
    return _links(bool(surveys), sorted({first, last} - {None}))
