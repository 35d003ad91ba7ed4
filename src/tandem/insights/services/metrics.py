"""The figures of a program, of one cohort or of a whole renewal chain, computed in SQL
(``values().annotate()``, ``Count(filter=)``, months) so a program of 10,000 mentorships and a
million meetings stays under a second. Every figure is a ``Figure`` (k-anonymity).

People behind a figure: counts of people are their own ``n``; counts of mentorships use the
people in them; counts of meetings are figures over the mentorships that ran (in the month,
for a monthly count: each pair counts, met or not), and five distinct mentorships always
involve at least five people (each has a mentor and a mentee, no two the same pair).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, DateTimeField, Q
from django.db.models.fields import CharField
from django.db.models.functions import Cast, Substr, TruncMonth
from django.utils.translation import gettext_lazy as _

from tandem.insights.services import outcomes
from tandem.insights.services.figures import Figure
from tandem.mentorships.models import Meeting, MeetingLog, Mentorship, Participant
from tandem.programs.models import Enrolment, Program

MATCHED = (
    Mentorship.Status.ACCEPTED,
    Mentorship.Status.ACTIVE,
    Mentorship.Status.COMPLETED,
    Mentorship.Status.ENDED,
)
PARTICIPATION_LABELS = {
    "enrolled": _("People enrolled"),
    "matched": _("People matched"),
    "active": _("Mentorships active"),
    "completed": _("Mentorships completed"),
    "ended": _("Mentorships ended early"),
}


@dataclass
class Metrics:
    """Everything the dashboard, the CSV, the report and the story show."""

    label: str
    program_ids: list[int]
    participation: dict[str, Figure] = field(default_factory=dict)
    meetings: dict[str, Figure] = field(default_factory=dict)
    held_by_month: list[tuple[dt.date, Figure]] = field(default_factory=list)
    started_by_month: list[tuple[dt.date, Figure]] = field(default_factory=list)
    reciprocity: Figure | None = None
    outcomes: outcomes.Outcomes | None = None


def chain(program: Program) -> list[Program]:
    """Every cohort of the program's renewal chain, oldest first."""
    root = program
    seen = {root.pk}
    while root.renews_id and root.renews_id not in seen:
        root = Program.objects.get(pk=root.renews_id)
        seen.add(root.pk)
    cohorts, frontier, seen = [root], [root.pk], {root.pk}
    while frontier:
        nxt = list(Program.objects.filter(renews_id__in=frontier).exclude(pk__in=seen))
        seen.update(p.pk for p in nxt)
        cohorts += nxt
        frontier = [p.pk for p in nxt]
    return sorted(cohorts, key=lambda p: (p.start, p.pk))


def month_of(name: str):
    """The month of a datetime column, grouped in SQL. SQLite would call a Python function
    per row for ``TruncMonth``; its stored text "YYYY-MM-…" (UTC) is cut instead. Months are
    UTC months on every database."""
    if connection.vendor == "sqlite":
        return Substr(Cast(name, output_field=CharField()), 1, 7)
    return TruncMonth(name, output_field=DateTimeField(), tzinfo=dt.UTC)


def _as_month(value) -> dt.date:
    if isinstance(value, str):
        year, month = value.split("-")[:2]
        return dt.date(int(year), int(month), 1)
    return dt.date(value.year, value.month, 1)


def participation(ids: list[int]) -> dict[str, Figure]:
    enrolled = Enrolment.objects.filter(
        program_id__in=ids, status=Enrolment.Status.ACCEPTED
    ).aggregate(n=Count("person", distinct=True))["n"]
    people = Participant.objects.filter(mentorship__program_id__in=ids).exclude(
        answer=Participant.Answer.DECLINED
    )
    matched = people.filter(mentorship__status__in=MATCHED).aggregate(
        n=Count("person", distinct=True)
    )["n"]
    by_status = {
        row["mentorship__status"]: row
        for row in people.values("mentorship__status").annotate(
            m=Count("mentorship", distinct=True), p=Count("person", distinct=True)
        )
    }
    figures = {"enrolled": Figure(enrolled, enrolled), "matched": Figure(matched, matched)}
    for status in ("active", "completed", "ended"):
        row = by_status.get(status, {"m": 0, "p": 0})
        figures[status] = Figure(row["m"], row["p"])
    return figures


def meeting_months(ids: list[int]) -> list[dict]:
    """One pass over the program's meetings: how many per (status, month) — a plain count, so
    the database streams the (mentorship, status, starts_at) index without de-duplicating."""
    pairs = Mentorship.objects.filter(program_id__in=ids).values("pk")
    return list(
        Meeting.objects.filter(mentorship_id__in=pairs)
        .annotate(month=month_of("starts_at"))
        .values("status", "month")
        .annotate(c=Count("id"))
        .order_by()
    )


def running(ids: list[int]) -> tuple[list[dt.date], list[dt.date]]:
    """Sorted first and last months of the mentorships that started (ongoing: no last)."""
    firsts, lasts = [], []
    for started, ended in Mentorship.objects.filter(
        program_id__in=ids, started_at__isnull=False
    ).values_list("started_at", "ended_at"):
        firsts.append(_as_month(started.astimezone(dt.UTC)))
        if ended is not None:
            lasts.append(_as_month(ended.astimezone(dt.UTC)))
    return sorted(firsts), sorted(lasts)


def running_in(month: dt.date, spans: tuple[list[dt.date], list[dt.date]]) -> int:
    firsts, lasts = spans
    return bisect.bisect_right(firsts, month) - bisect.bisect_left(lasts, month)


def meetings(rows: list[dict], spans) -> dict[str, Figure]:
    """Totals by status, over the mentorships that ran (each counts, met or not)."""
    scheduled = [r for r in rows if r["status"] != Meeting.Status.CANCELLED]
    total = sum(r["c"] for r in scheduled)
    held = sum(r["c"] for r in scheduled if r["status"] == Meeting.Status.HELD)
    n = len(spans[0])
    return {
        "held": Figure(held, n),
        "scheduled": Figure(total, n),
        "held_share": Figure(100.0 * held / total if total else None, n, "percent"),
    }


def held_by_month(rows: list[dict], spans) -> list[tuple[dt.date, Figure]]:
    """Held meetings per month, over the mentorships running that month."""
    held = sorted(
        (_as_month(r["month"]), r["c"]) for r in rows if r["status"] == Meeting.Status.HELD
    )
    return [(month, Figure(c, running_in(month, spans))) for month, c in held]


def started_by_month(ids: list[int]) -> list[tuple[dt.date, Figure]]:
    """Mentorships started so far, month by month (cumulative)."""
    rows = (
        Mentorship.objects.filter(program_id__in=ids, started_at__isnull=False)
        .annotate(month=month_of("started_at"))
        .values("month")
        .annotate(c=Count("id"))
        .order_by("month")
    )
    total, series = 0, []
    for r in rows:
        total += r["c"]
        series.append((_as_month(r["month"]), Figure(total, total)))
    return series


def reciprocity(ids: list[int]) -> Figure:
    """Share of logs in which the mentor also learned something (a boolean set at save time:
    no text is decrypted here)."""
    row = MeetingLog.objects.filter(meeting__mentorship__program_id__in=ids).aggregate(
        total=Count("id"),
        yes=Count("id", filter=Q(mentor_learned_something=True)),
        m=Count("meeting__mentorship", distinct=True),
    )
    share = 100.0 * row["yes"] / row["total"] if row["total"] else None
    return Figure(share, row["m"], "percent")


def compute(programs: list[Program], label: str = "") -> Metrics:
    ids = [p.pk for p in programs]
    months, spans = meeting_months(ids), running(ids)
    return Metrics(
        label=label or ", ".join(p.name for p in programs),
        program_ids=ids,
        participation=participation(ids),
        meetings=meetings(months, spans),
        held_by_month=held_by_month(months, spans),
        started_by_month=started_by_month(ids),
        reciprocity=reciprocity(ids),
        outcomes=outcomes.compute(ids),
    )


def for_program(program: Program) -> Metrics:
    return compute([program], program.name)


def across_chain(program: Program) -> Metrics:
    cohorts = chain(program)
    return compute(cohorts, str(_("All cohorts (%(n)s)")) % {"n": len(cohorts)})


def cohort_comparison(program: Program) -> list[tuple[Program, dict[str, Figure]]]:
    """Key figures of each cohort of the chain, side by side (cheap ones only)."""
    rows = []
    for cohort in chain(program):
        ids = [cohort.pk]
        figures = dict(participation(ids))
        figures.update(meetings(meeting_months(ids), running(ids)))
        figures.update(outcomes.key_figures(ids))
        rows.append((cohort, figures))
    return rows
