"""The sponsor's page: per sponsored program, how many people took part, by stage.

Counts are of people (distinct persons), aggregated in SQL in three queries whatever the
number of programs. A count below ``MIN_GROUP`` is never shown as a number: aggregates over
fewer than five people could point at someone (DESIGN.md, Confidentiality).
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from tandem.mentorships.models import Mentorship, Participant
from tandem.people.models import Person
from tandem.programs.models import Enrolment, Program

MIN_GROUP = 5
OPEN_ENROLMENT = [Enrolment.Status.APPLIED, Enrolment.Status.ACCEPTED]
MATCHED = [
    Mentorship.Status.ACCEPTED,
    Mentorship.Status.ACTIVE,
    Mentorship.Status.COMPLETED,
    Mentorship.Status.ENDED,
]
STAGES = ("enrolled", "matched", "active", "completed")


def masked(n: int) -> int | None:
    """``n`` if at least ``MIN_GROUP`` people, else None (shown as "fewer than 5")."""
    return n if n >= MIN_GROUP else None


@dataclass
class SponsorRow:
    program: Program
    counts: dict  # stage → int or None when masked


def participation_counts(program_ids: list[int]) -> dict[int, dict[str, int]]:
    """program id → {stage: number of distinct people}, unmasked."""
    counts = {pk: dict.fromkeys(STAGES, 0) for pk in program_ids}
    enrolled = (
        Enrolment.objects.filter(program_id__in=program_ids, status__in=OPEN_ENROLMENT)
        .values_list("program_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    )
    for program_id, n in enrolled:
        counts[program_id]["enrolled"] = n
    status = "mentorship__status"
    paired = (
        Participant.objects.filter(mentorship__program_id__in=program_ids)
        .values_list("mentorship__program_id")
        .annotate(
            matched=Count("person_id", distinct=True, filter=Q(**{f"{status}__in": MATCHED})),
            active=Count("person_id", distinct=True, filter=Q(**{status: "active"})),
            completed=Count("person_id", distinct=True, filter=Q(**{status: "completed"})),
        )
        .order_by()
    )
    for program_id, matched, active, completed in paired:
        counts[program_id].update(matched=matched, active=active, completed=completed)
    return counts


def sponsor_rows(person: Person | None) -> list[SponsorRow]:
    if person is None:
        return []
    programs = list(Program.objects.filter(sponsor=person).order_by("-start", "name"))
    counts = participation_counts([p.pk for p in programs]) if programs else {}
    return [
        SponsorRow(p, {stage: masked(n) for stage, n in counts[p.pk].items()}) for p in programs
    ]


def dashboard_url() -> str | None:
    """The insights dashboard, once that app publishes one."""
    try:
        return reverse("insights:dashboard")
    except NoReverseMatch:
        return None


@login_required
@require_GET
def sponsor_page(request):
    try:
        person = request.user.person  # read once per request by PersonTimeZoneMiddleware
    except Person.DoesNotExist:
        person = None
    context = {
        "rows": sponsor_rows(person),
        "min_group": MIN_GROUP,
        "dashboard_url": dashboard_url(),
    }
    return render(request, "web/sponsor.html", context)
