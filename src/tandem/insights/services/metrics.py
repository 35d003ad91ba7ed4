"""The figures of a program, of one cohort or of a whole renewal chain, computed in SQL
(``values().annotate()``, ``Count(filter=)``, months; meetings and logs from the monthly
summary of ``services.summary``) so a program of 10,000 mentorships and a million meetings
stays under a second. Every figure is a ``Figure`` (k-anonymity).

People behind a figure: counts of people are their own ``n``; counts of mentorships use the
people in them; counts of meetings are figures over the mentorships that ran (in the month,
for a monthly count: each pair counts, met or not), and five distinct mentorships always
involve at least five people (each has a mentor and a mentee, no two the same pair).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from tandem.insights.models import MeetingMonth
from tandem.insights.services import outcomes, summary
from tandem.insights.services.figures import Figure
from tandem.insights.services.summary import as_month, month_of
from tandem.mentorships.models import Mentorship, Participant
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


# The one definition of each participation figure, used by the dashboard, the CSV, the
# report, the story, the sponsor's pages and the home pages: people enrolled are the distinct
# people with an accepted enrolment; people matched are those in a pair that was accepted
# (whatever happened next), a declined place left out; mentorships are counted by status,
# over the people in them.
ENROLLED = Enrolment.Status.ACCEPTED


def _grouped(queryset, by_program: str | None, **aggregates) -> dict:
    """{program id: row} when grouping by ``by_program``, else {None: row} over them all."""
    if by_program is None:
        return {None: queryset.aggregate(**aggregates)}
    rows = queryset.values(by_program).annotate(**aggregates).order_by()
    return {row.pop(by_program): row for row in rows}


def _participation(ids: list[int], by_program: bool) -> dict:
    group = "program_id" if by_program else None
    enrolled = _grouped(
        Enrolment.objects.filter(program_id__in=ids, status=ENROLLED),
        group,
        n=Count("person", distinct=True),
    )
    people = Participant.objects.filter(mentorship__program_id__in=ids).exclude(
        answer=Participant.Answer.DECLINED
    )
    counts = {"matched": Count("person", distinct=True, filter=Q(mentorship__status__in=MATCHED))}
    for status in ("active", "completed", "ended"):
        only = Q(mentorship__status=status)
        counts[f"{status}_m"] = Count("mentorship", distinct=True, filter=only)
        counts[f"{status}_p"] = Count("person", distinct=True, filter=only)
    found = _grouped(people, "mentorship__program_id" if by_program else None, **counts)
    out = {}
    for key in ids if by_program else [None]:
        e = (enrolled.get(key) or {}).get("n") or 0
        row = found.get(key) or {}
        matched = row.get("matched") or 0
        figures = {"enrolled": Figure(e, e), "matched": Figure(matched, matched)}
        for status in ("active", "completed", "ended"):
            figures[status] = Figure(row.get(f"{status}_m") or 0, row.get(f"{status}_p") or 0)
        out[key] = figures
    return out


def participation(ids: list[int]) -> dict[str, Figure]:
    """Participation over these programs together (a person in two cohorts counts once)."""
    return _participation(ids, by_program=False)[None]


def participation_by_program(ids: list[int]) -> dict[int, dict[str, Figure]]:
    """The same figures, program by program, in the same five queries whatever their number."""
    return _participation(ids, by_program=True) if ids else {}


def meeting_months(ids: list[int]) -> list[dict]:
    """Meetings per month by status, and logs, summed from the per-mentorship summary
    (``services.summary``, refreshed first) instead of grouping every meeting."""
    summary.refresh_programs(ids)
    return list(
        MeetingMonth.objects.filter(program_id__in=ids)
        .values("month")
        .annotate(**{name: Sum(name) for name in summary.STATUSES})
        .order_by("month")
    )


@dataclass(frozen=True)
class Spans:
    """Months in which the started mentorships began and ended, as sorted months with the
    running totals, so "how many ran in month M" is two binary searches."""

    firsts: list[dt.date]
    firsts_total: list[int]
    lasts: list[dt.date]
    lasts_total: list[int]

    @property
    def started(self) -> int:
        return self.firsts_total[-1] if self.firsts_total else 0

    def running_in(self, month: dt.date) -> int:
        began = bisect.bisect_right(self.firsts, month)
        ended = bisect.bisect_left(self.lasts, month)
        return (self.firsts_total[began - 1] if began else 0) - (
            self.lasts_total[ended - 1] if ended else 0
        )


def _cumulative(queryset, name: str) -> tuple[list[dt.date], list[int]]:
    rows = (
        queryset.annotate(month=month_of(name))
        .values("month")
        .annotate(c=Count("id"))
        .order_by("month")
        .values_list("month", "c")
    )
    months, totals, total = [], [], 0
    for month, c in rows:
        total += c
        months.append(as_month(month))
        totals.append(total)
    return months, totals


def running(ids: list[int]) -> Spans:
    """First and last months of the mentorships that started (ongoing: no last)."""
    started = Mentorship.objects.filter(program_id__in=ids, started_at__isnull=False)
    return Spans(
        *_cumulative(started, "started_at"),
        *_cumulative(started.filter(ended_at__isnull=False), "ended_at"),
    )


def meetings(rows: list[dict], spans: Spans) -> dict[str, Figure]:
    """Totals by status, over the mentorships that ran (each counts, met or not)."""
    held = sum(r["held"] for r in rows)
    total = sum(r["held"] + r["missed"] + r["planned"] for r in rows)
    n = spans.started
    return {
        "held": Figure(held, n),
        "scheduled": Figure(total, n),
        "held_share": Figure(100.0 * held / total if total else None, n, "percent"),
    }


def held_by_month(rows: list[dict], spans: Spans) -> list[tuple[dt.date, Figure]]:
    """Held meetings per month, over the mentorships running that month."""
    return [
        (r["month"], Figure(r["held"], spans.running_in(r["month"]))) for r in rows if r["held"]
    ]


def _next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def started_by_month(
    ids: list[int], through: dt.date | None = None
) -> list[tuple[dt.date, Figure]]:
    """Mentorships started so far, at the end of every month from the first start to
    ``through`` (the last month with meetings held): a cumulative line has a point for each
    month, also those in which nothing started."""
    rows = (
        Mentorship.objects.filter(program_id__in=ids, started_at__isnull=False)
        .annotate(month=month_of("started_at"))
        .values("month")
        .annotate(c=Count("id"))
        .order_by("month")
    )
    counts = {as_month(r["month"]): r["c"] for r in rows}
    if not counts:
        return []
    month, last = min(counts), max([*counts, *([as_month(through)] if through else [])])
    total, series = 0, []
    while month <= last:
        total += counts.get(month, 0)
        series.append((month, Figure(total, total)))
        month = _next_month(month)
    return series


def reciprocity(ids: list[int]) -> Figure:
    """Share of logs in which the mentor also learned something (a boolean set at save time:
    no text is decrypted here), over the mentorships with a log."""
    summary.refresh_programs(ids)
    row = MeetingMonth.objects.filter(program_id__in=ids).aggregate(
        total=Sum("logs"),
        yes=Sum("learned"),
        m=Count("mentorship", distinct=True, filter=Q(logs__gt=0)),
    )
    share = 100.0 * row["yes"] / row["total"] if row["total"] else None
    return Figure(share, row["m"], "percent")


def compute(programs: list[Program], label: str = "") -> Metrics:
    ids = [p.pk for p in programs]
    months, spans = meeting_months(ids), running(ids)
    held = held_by_month(months, spans)
    return Metrics(
        label=label or ", ".join(p.name for p in programs),
        program_ids=ids,
        participation=participation(ids),
        meetings=meetings(months, spans),
        held_by_month=held,
        started_by_month=started_by_month(ids, held[-1][0] if held else None),
        reciprocity=reciprocity(ids),
        outcomes=outcomes.compute(ids),
    )


def for_program(program: Program) -> Metrics:
    return compute([program], program.name)


def chain_label(cohorts: list[Program]) -> str:
    return str(_("All cohorts (%(n)s)")) % {"n": len(cohorts)}


def across_chain(program: Program) -> Metrics:
    cohorts = chain(program)
    return compute(cohorts, chain_label(cohorts))


def cohort_comparison(
    program: Program, cohorts: list[Program] | None = None, known: dict | None = None
) -> list[tuple[Program, dict[str, Figure]]]:
    """Key figures of each cohort of the chain (``cohorts``: already read), side by side
    (cheap ones only); ``known``: the Metrics the caller computed for some cohorts, by
    program pk, whose figures are the same and are not read again."""
    rows = []
    for cohort in chain(program) if cohorts is None else cohorts:
        m = (known or {}).get(cohort.pk)
        if m is not None:
            rows.append((cohort, {**m.participation, **m.meetings, **m.outcomes.key}))
            continue
        ids = [cohort.pk]
        figures = dict(participation(ids))
        figures.update(meetings(meeting_months(ids), running(ids)))
        figures.update(outcomes.key_figures(ids))
        rows.append((cohort, figures))
    return rows
