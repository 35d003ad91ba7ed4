"""Which evidence counts for a program: evidence older than the program's ``evidence_months``
counts as self-declared. The matching engine's problem builder reads mentors' competences
through ``mentor_competences``, and the program page's table counts with the same expression,
so what the page says is what the matching does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Q, Value, When

from tandem.people.models import Competence, Evidence, Topic
from tandem.people.services.provenance import cutoff
from tandem.programs.models import Enrolment, Program
from tandem.programs.services.training import trained_ids


def counted_evidence(program: Program, today: dt.date | None = None):
    """An expression: the competence's evidence, or self-declared when it has expired for
    ``program`` (given on or before the cut-off, or on an unknown day)."""
    cut = cutoff(program.evidence_months, today)
    if cut is None:
        return F("evidence")
    expired = Q(evidence__gt=Evidence.SELF) & (
        Q(evidence_date__isnull=True) | Q(evidence_date__lte=cut)
    )
    return Case(
        When(expired, then=Value(int(Evidence.SELF))),
        default=F("evidence"),
        output_field=IntegerField(),
    )


def _mentors(program: Program, accepted_only: bool):
    enrolments = Enrolment.objects.filter(program=program, role=Enrolment.Role.MENTOR)
    if accepted_only:
        enrolments = enrolments.filter(status=Enrolment.Status.ACCEPTED, person__is_active=True)
    return enrolments.values("person_id")


def mentor_competences(program: Program, topic_filter: dict | None = None, today=None):
    """(person id, topic id, level, evidence that counts) of the program's mentors."""
    return (
        Competence.objects.filter(person_id__in=_mentors(program, False), **(topic_filter or {}))
        .annotate(counted=counted_evidence(program, today))
        .values_list("person_id", "topic_id", "level", "counted")
    )


@dataclass
class TopicRow:
    topic: Topic
    at_least: list[int]  # index = evidence level: mentors with that evidence or better
    trained: int = 0  # of those at the program's minimum, how many passed the training
    minimum: int = 0

    @property
    def at_minimum(self) -> int:
        return self.at_least[self.minimum]


@dataclass
class EvidenceTable:
    """Accepted mentors per topic and evidence level, for the program page."""

    levels: list[tuple[int, str]]
    minimum: int
    rows: list[TopicRow] = field(default_factory=list)
    training: bool = False


def evidence_table(program: Program, today=None) -> EvidenceTable:
    """How many accepted mentors qualify at each evidence level, per topic of the program,
    in three queries whatever the number of mentors."""
    topics = list(program.topics.order_by("name_en"))
    counts: dict[tuple[int, int], int] = {}
    rows = (
        Competence.objects.filter(person_id__in=_mentors(program, True), topic__in=topics)
        .annotate(counted=counted_evidence(program, today))
        .values_list("topic_id", "counted")
        .annotate(n=Count("id"))
        .order_by()
    )
    for topic_id, level, n in rows:
        counts[(topic_id, level)] = counts.get((topic_id, level), 0) + n
    minimum = int(program.min_evidence)
    table = EvidenceTable(
        levels=list(Evidence.choices), minimum=minimum, training=program.require_training
    )
    qualified = (
        Competence.objects.filter(person_id__in=_mentors(program, True), topic__in=topics)
        .annotate(counted=counted_evidence(program, today))
        .filter(counted__gte=minimum)
        .values_list("topic_id", "person_id")
    )
    by_topic: dict[int, set] = {}
    for topic_id, person_id in qualified:
        by_topic.setdefault(topic_id, set()).add(person_id)
    ready = trained_ids(program, _mentors(program, True))
    for topic in topics:
        per_level = [counts.get((topic.pk, level), 0) for level in Evidence.values]
        at_least = [sum(per_level[level:]) for level in range(len(per_level))]
        people = by_topic.get(topic.pk, set())
        trained = len(people if ready is None else people & ready)
        table.rows.append(TopicRow(topic, at_least, trained, minimum))
    return table
