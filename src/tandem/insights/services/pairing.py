"""Before/after answers paired up: ``AnswerPair`` rows (kept by ``services.summary``) and
their sums per group, in SQL, so 10,000 pairs' answers cost a few rows in Python.

A pair is one person's baseline and final answers to the same question key, in the same
mentorship, on the same topic. Groups: each perception statement per role, the tools and the
level questions per topic (both roles together, like the figures they feed). Every group
carries what its figures need: how many pairs and distinct people, the sums of the answers
before and after and of the squared gains (exact integers), and for the tools the distinct
people below weekly use at the start and those of them at weekly use or more at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)

from tandem.insights.models import AnswerPair, Moment

PAIRED_KEYS = ("perception-1", "perception-2", "tools", "level")
BY_ROLE = ("perception-1", "perception-2")  # the statements differ by role
WEEKLY = 2  # frequency answers: 0 never, 1 monthly, 2 weekly, 3 daily


@dataclass(frozen=True)
class Asked:
    """What a question id stands for (answers are read by question id, so no aggregate joins
    the questions and surveys)."""

    key: str
    role: str
    moment: str
    builtin: bool
    text_en: str
    text_fr: str


@dataclass(frozen=True)
class PairGroup:
    key: str
    role: str | None  # None: both roles
    topic: int | None  # None: no topic, or every topic (the overall adoption)
    pairs: int
    people: int
    sum_before: int
    sum_after: int
    sum_squared_gain: int
    eligible: int
    adopted: int
    overall: bool = False  # the tools over every topic


def question_group(asked: dict[int, Asked], groups: list[tuple[str, str | None]]) -> Case:
    """A number per group of questions: group i holds the questions whose key is
    ``groups[i][0]`` and whose role or moment is ``groups[i][1]`` (None: any)."""
    whens = []
    for i, (key, other) in enumerate(groups):
        found = [
            pk
            for pk, a in asked.items()
            if a.key == key and (other is None or other in (a.role, a.moment))
        ]
        whens.append(When(question_id__in=found, then=Value(i)))
    return Case(*whens, default=Value(-1), output_field=IntegerField())


PAIR_COLUMNS = (
    "program_id",
    "mentorship_id",
    "person_id",
    "key",
    "role",
    "topic_id",
    "before",
    "after",
)


def pair_rows(answers, program_of: dict[int, int]) -> list[tuple]:
    """The ``AnswerPair`` rows (``PAIR_COLUMNS``) of these answers, of the mentorships in
    ``program_of``; a question answered twice at one moment keeps its highest value."""
    found: dict[tuple, dict[str, int]] = {}
    rows = (
        answers.filter(
            question__key__in=PAIRED_KEYS,
            question__survey__moment__in=[Moment.BASELINE, Moment.FINAL],
        )
        .values_list(
            "due__mentorship_id",
            "due__person_id",
            "question__key",
            "question__survey__role",
            "topic_id",
            "question__survey__moment",
            "value",
        )
        .order_by()
    )
    for *key, moment, value in rows.iterator(chunk_size=5000):
        values = found.setdefault(tuple(key), {})
        values[moment] = max(value, values.get(moment, value))
    return [
        (program_of[mentorship], mentorship, *rest, values[Moment.BASELINE], values[Moment.FINAL])
        for (mentorship, *rest), values in found.items()
        if len(values) == 2
    ]


def _sums(rows) -> dict:
    people = "person_id"
    below = Q(before__lt=WEEKLY)
    squared = ExpressionWrapper(
        (F("after") - F("before")) * (F("after") - F("before")), output_field=IntegerField()
    )
    return {
        "pairs": Count("id"),
        "people": Count(people, distinct=True),
        "sum_before": Sum("before"),
        "sum_after": Sum("after"),
        "sum_squared_gain": Sum(squared),
        "eligible": Count(people, distinct=True, filter=below),
        "adopted": Count(people, distinct=True, filter=below & Q(after__gte=WEEKLY)),
    }


def paired_groups(program_ids: list[int]) -> list[PairGroup]:
    """Every group's sums; the tools over every topic come as the group of topic None."""
    rows = AnswerPair.objects.filter(program_id__in=program_ids)
    by_role = Case(
        When(key__in=BY_ROLE, then=F("role")), default=Value(None), output_field=CharField()
    )
    grouped = rows.values("key", "topic_id", group_role=by_role).annotate(**_sums(rows)).order_by()
    out = [
        PairGroup(
            g["key"],
            g["group_role"],
            g["topic_id"],
            *(int(g[name] or 0) for name in _sums(rows)),
        )
        for g in grouped
    ]
    overall = rows.filter(key="tools").aggregate(**_sums(rows))
    sums = [int(overall[name] or 0) for name in _sums(rows)]
    out.append(PairGroup("tools", None, None, *sums, overall=True))
    return out
