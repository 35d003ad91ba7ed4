"""The program cockpit: every pair or circle of a program with its people, status, health
(at risk first), last and next meeting, open alerts and coach; filtered by status, health,
coach, topic and name; paginated; exported as CSV (statuses and dates, never a text a pair
wrote). The coach page lists a coach's pairs the same way.

A page is read in a fixed number of queries whatever the program's size: the filtered,
sorted list is one query (health from open alerts, in SQL), and its page's people, meetings,
alerts and coaches one query each.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from tandem.insights.models import Alert
from tandem.insights.services.alert_words import alert_text
from tandem.insights.services.health import RANK, Health, health_of, with_health
from tandem.mentorships.models import Goal, Meeting, Mentorship, Participant
from tandem.people.models import LearningNeed, Person
from tandem.programs.models import Enrolment, Program

NO_COACH = "none"
Status = Mentorship.Status


@dataclass(frozen=True)
class Filters:
    status: str = ""
    health: str = ""
    coach: str = ""  # a person id, NO_COACH, or ""
    topic: int | None = None
    q: str = ""


@dataclass
class PairRow:
    """What the cockpit shows of one pair: no field for anything a pair writes."""

    mentorship: Mentorship
    health: Health
    mentors: list[Person] = field(default_factory=list)
    mentees: list[Person] = field(default_factory=list)
    coach: Person | None = None
    last_meeting: dt.datetime | None = None
    next_meeting: dt.datetime | None = None
    held: int = 0
    alerts: list[str] = field(default_factory=list)
    alert_kinds: list[str] = field(default_factory=list)

    @property
    def people(self) -> list[Person]:
        return self.mentees + self.mentors


def _mentee_name():
    return Subquery(
        Participant.objects.filter(mentorship=OuterRef("pk"), role=Participant.Role.MENTEE)
        .order_by("person__full_name")
        .values("person__full_name")[:1]
    )


def pairs(base: QuerySet, filters: Filters = Filters()) -> QuerySet:
    """``base`` mentorships filtered and sorted: at risk first, then by mentee name."""
    qs = with_health(base)
    # every status but declined proposals, unless one is asked for
    qs = qs.filter(status=filters.status) if filters.status else qs.exclude(status=Status.DECLINED)
    if filters.health:
        qs = qs.filter(health_rank=_rank(filters.health))
    if filters.coach:
        qs = qs.filter(_coach_q(filters.coach))
    if filters.topic:
        qs = qs.filter(_topic_q(filters.topic))
    if filters.q.strip():
        named = Participant.objects.filter(
            mentorship=OuterRef("pk"), person__full_name__icontains=filters.q.strip()
        )
        qs = qs.filter(Exists(named))
    return (
        qs.select_related("program")
        .annotate(sort_name=_mentee_name())
        .order_by("health_rank", "sort_name", "pk")
    )


def coached_by(person: Person) -> QuerySet:
    """The pairs a person coaches: every pair of a program they coach, and the pairs of the
    people whose enrolment names them as coach. Not the pairs they manage."""
    coached = Participant.objects.filter(
        person__enrolments__coach=person, person__enrolments__program=OuterRef("program")
    ).filter(mentorship=OuterRef("pk"))
    return Mentorship.objects.filter(Q(program__coaches=person) | Exists(coached)).distinct()


def _rank(health: str) -> int:
    return RANK.get(health, -1)


def _coach_q(coach: str) -> Q:
    coached = Participant.objects.filter(
        mentorship=OuterRef("pk"),
        person__enrolments__program=OuterRef("program"),
        person__enrolments__coach__isnull=False,
    )
    if coach == NO_COACH:
        return ~Exists(coached)
    return Exists(coached.filter(person__enrolments__coach_id=int(coach)))


def _topic_q(topic: int) -> Q:
    goals = Goal.objects.filter(mentorship=OuterRef("pk"), topic_id=topic)
    needs = LearningNeed.objects.filter(
        topic_id=topic,
        person__participations__mentorship=OuterRef("pk"),
        person__participations__role=Participant.Role.MENTEE,
    )
    return Exists(goals) | Exists(needs)


def health_counts(base: QuerySet) -> list[tuple[str, str, int]]:
    """(health, label, how many pairs) for each health, declined proposals left out: one
    query."""
    rows = (
        with_health(base.exclude(status=Status.DECLINED))
        .values_list("health_rank")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(Health.values, 0)
    for rank, n in rows:
        counts[health_of(rank).value] += n
    return [(value, label, counts[value]) for value, label in Health.choices]


def rows(mentorships: list[Mentorship], at: dt.datetime | None = None) -> list[PairRow]:
    """The page's pairs with their people, meetings, alerts and coach (four queries)."""
    at = at or timezone.now()
    ids = [m.pk for m in mentorships]
    found = {m.pk: PairRow(m, health_of(getattr(m, "health_rank", 2))) for m in mentorships}
    if not ids:
        return []
    names = _people(found, ids)
    _meetings(found, ids, at)
    _alerts(found, ids, names)
    _coaches(found, mentorships)
    return [found[pk] for pk in ids]


def _people(found: dict[int, PairRow], ids) -> dict[int, str]:
    participants = (
        Participant.objects.filter(mentorship_id__in=ids)
        .exclude(answer=Participant.Answer.DECLINED)
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    names = {}
    for p in participants:
        row = found[p.mentorship_id]
        (row.mentors if p.role == Participant.Role.MENTOR else row.mentees).append(p.person)
        names[p.person_id] = p.person.full_name
    return names


def _meetings(found: dict[int, PairRow], ids, at: dt.datetime) -> None:
    held = Q(status=Meeting.Status.HELD)
    stats = (
        Meeting.objects.filter(mentorship_id__in=ids)
        .values("mentorship_id")
        .annotate(
            last=Max("starts_at", filter=held),
            next=Min("starts_at", filter=Q(status=Meeting.Status.PLANNED, starts_at__gt=at)),
            held=Count("pk", filter=held),
        )
        .order_by()
    )
    for s in stats:
        row = found[s["mentorship_id"]]
        row.last_meeting, row.next_meeting, row.held = s["last"], s["next"], s["held"]


def _alerts(found: dict[int, PairRow], ids, names: dict[int, str]) -> None:
    alerts = Alert.objects.filter(mentorship_id__in=ids, closed_at__isnull=True).order_by(
        "opened_at", "pk"
    )
    today = timezone.localdate()
    for alert in alerts:
        row = found[alert.mentorship_id]
        row.alerts.append(alert_text(alert, names, today))
        row.alert_kinds.append(alert.kind)


def _coaches(found: dict[int, PairRow], mentorships: list[Mentorship]) -> None:
    """The coach of a pair: its mentee's enrolment coach, else a mentor's."""
    people = {p.pk for row in found.values() for p in row.people}
    programs = {m.program_id for m in mentorships}
    enrolments = (
        Enrolment.objects.filter(person_id__in=people, program_id__in=programs, coach__isnull=False)
        .select_related("coach")
        .order_by("pk")
    )
    coach_of = {(e.program_id, e.person_id): e.coach for e in enrolments}
    for row in found.values():
        program_id = row.mentorship.program_id
        coaches = [coach_of.get((program_id, p.pk)) for p in row.people]
        row.coach = next((c for c in coaches if c is not None), None)


def coach_choices(program: Program) -> list[tuple[str, str]]:
    coaches = (
        Person.objects.filter(coached_enrolments__program=program)
        .distinct()
        .order_by("full_name")
        .values_list("pk", "full_name")
    )
    return [(str(pk), name) for pk, name in coaches]


def all_rows(qs: QuerySet, at: dt.datetime | None = None, chunk: int = 1000) -> Iterator[PairRow]:
    """Every pair of ``qs`` (the CSV), a chunk at a time."""
    ids = list(qs.values_list("pk", "health_rank"))
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        ranks = dict(part)
        found = Mentorship.objects.in_bulk([pk for pk, _r in part])
        mentorships = []
        for pk, _r in part:
            m = found[pk]
            m.health_rank = ranks[pk]
            mentorships.append(m)
        yield from rows(mentorships, at)


def pair_alerts(mentorship: Mentorship) -> tuple[list[Alert], list[Alert]]:
    """(open, closed) alerts of one pair, newest first."""
    alerts = list(mentorship.alerts.order_by("-opened_at", "-pk"))
    return [a for a in alerts if a.closed_at is None], [a for a in alerts if a.closed_at]


def programs_health(program_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per program: pairs by health and open alerts (home pages), in two queries."""
    out: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(Health.values, 0))
    rows_ = (
        with_health(Mentorship.objects.filter(program_id__in=program_ids))
        .exclude(status=Status.DECLINED)
        .values_list("program_id", "health_rank")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for program_id, rank, n in rows_:
        out[program_id][health_of(rank).value] += n
    alerts = (
        Alert.objects.filter(program_id__in=program_ids, closed_at__isnull=True)
        .values_list("program_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for program_id, n in alerts:
        out[program_id]["alerts"] = n
    return out


CSV_HEADER = (
    "pair",
    "program",
    "status",
    "end_cause",
    "health",
    "mentees",
    "mentors",
    "coach",
    "proposed_on",
    "started_on",
    "ended_on",
    "last_meeting",
    "next_meeting",
    "meetings_held",
    "open_alerts",
)


def _day(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).date().isoformat() if moment else ""


def csv_rows(qs: QuerySet, program: Program) -> Iterator[list]:
    """One line per pair: codes, names and ISO dates (``CSV_HEADER``), never a pair's text."""
    for row in all_rows(qs):
        m = row.mentorship
        yield [
            m.pk,
            program.slug,
            m.status,
            m.end_cause,
            row.health.value,
            "|".join(p.full_name for p in row.mentees),
            "|".join(p.full_name for p in row.mentors),
            row.coach.full_name if row.coach else "",
            _day(m.created_at),
            _day(m.started_at),
            _day(m.ended_at),
            _day(row.last_meeting),
            _day(row.next_meeting),
            row.held,
            "|".join(row.alert_kinds),
        ]
