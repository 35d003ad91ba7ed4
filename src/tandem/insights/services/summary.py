"""The summaries the dashboard sums instead of grouping a million meetings and pairing
hundreds of thousands of answers (``MeetingMonth``, ``AnswerPair``), and how they stay exact.

Every change to a meeting, a log or an answer (``insights.receivers``, ``submit_answers``)
leaves a ``StaleMentorship`` mark in the same transaction and asks for a refresh once it
commits; anything that reads the summaries first refreshes the marks of its programs
(``refresh_programs``), so the figures are right even when a refresh after commit was skipped
(tests, a crash). A refresh locks the mentorships it recomputes, then reads their meetings
and answers: two refreshes of one mentorship run one after the other and the last one sees
every committed change. ``rebuild`` recomputes
whole programs (``tandem rebuild-insights``, after data was loaded around the ORM).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import CharField, Count, DateTimeField, Q
from django.db.models.functions import Cast, Substr, TruncMonth

from tandem.insights.models import Answer, AnswerPair, MeetingMonth, StaleMentorship
from tandem.insights.services import pairing
from tandem.mentorships.models import Meeting, Mentorship
from tandem.operations.bulk import insert_rows

STATUSES = ("held", "missed", "planned", "cancelled")
COUNTS = (*STATUSES, "logs", "learned")
BATCH = 5000


def month_of(name: str):
    """The month of a datetime column, grouped in SQL. SQLite would call a Python function
    per row for ``TruncMonth``; its stored text "YYYY-MM-…" (UTC) is cut instead. Months are
    UTC months on every database."""
    if connection.vendor == "sqlite":
        return Substr(Cast(name, output_field=CharField()), 1, 7)
    return TruncMonth(name, output_field=DateTimeField(), tzinfo=dt.UTC)


def as_month(value) -> dt.date:
    """The first day of the UTC month of a value of ``month_of`` or of a datetime."""
    if isinstance(value, str):
        year, month = value.split("-")[:2]
        return dt.date(int(year), int(month), 1)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return dt.date(value.year, value.month, 1)


def _grouped(meetings):
    """(mentorship, month, held, missed, planned, cancelled, logs, learned) rows, in SQL."""
    counts = {s: Count("id", filter=Q(status=s)) for s in STATUSES}
    return (
        meetings.annotate(month=month_of("starts_at"))
        .values("mentorship_id", "month")
        .annotate(
            **counts,
            logs=Count("log"),
            learned=Count("log", filter=Q(log__mentor_learned_something=True)),
        )
        .order_by()
        .values_list("mentorship_id", "month", *COUNTS)
    )


MONTH_COLUMNS = ("mentorship_id", "program_id", "month", *COUNTS)


def _month_rows(grouped, program_of: dict[int, int]) -> list[tuple]:
    """``MeetingMonth`` rows (``MONTH_COLUMNS``) of ``_grouped`` meetings."""
    return [(row[0], program_of[row[0]], as_month(row[1]), *row[2:]) for row in grouped]


def write(meetings, answers, program_of: dict[int, int]) -> tuple[int, int]:
    """Insert the summary rows of these meetings and answers (the old rows deleted first)."""
    months = _month_rows(_grouped(meetings).iterator(chunk_size=BATCH), program_of)
    pairs = pairing.pair_rows(answers, program_of)
    return (
        insert_rows(MeetingMonth, MONTH_COLUMNS, months),
        insert_rows(AnswerPair, pairing.PAIR_COLUMNS, pairs),
    )


def _recompute(mentorship_ids: list[int]) -> None:
    """Replace the summary rows of these mentorships by what their meetings and answers say
    now."""
    program_of = dict(
        Mentorship.objects.filter(pk__in=mentorship_ids).values_list("pk", "program_id")
    )
    MeetingMonth.objects.filter(mentorship_id__in=mentorship_ids).delete()
    AnswerPair.objects.filter(mentorship_id__in=mentorship_ids).delete()
    write(
        Meeting.objects.filter(mentorship_id__in=mentorship_ids),
        Answer.objects.filter(due__mentorship_id__in=mentorship_ids),
        program_of,
    )


def refresh(mentorship_ids: Iterable[int]) -> int:
    """Recompute the marked mentorships among ``mentorship_ids``; returns how many."""
    ids = sorted(set(mentorship_ids))
    if not ids:
        return 0
    with transaction.atomic():
        # The lock orders concurrent refreshes of one mentorship (see the module docstring).
        locked = list(
            Mentorship.objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        marks = list(
            StaleMentorship.objects.filter(mentorship_id__in=locked).values_list(
                "pk", "mentorship_id"
            )
        )
        stale = sorted({m for _pk, m in marks})
        if stale:
            _recompute(stale)
            StaleMentorship.objects.filter(pk__in=[pk for pk, _m in marks]).delete()
    return len(stale)


def refresh_programs(program_ids: Iterable[int]) -> int:
    """Bring the summary of these programs up to date before reading it."""
    stale = StaleMentorship.objects.filter(mentorship__program_id__in=list(program_ids))
    return refresh(stale.values_list("mentorship_id", flat=True).distinct())


def mark(mentorship_id: int | None) -> None:
    """Called in the transaction of a change: mark now, refresh once it commits."""
    if mentorship_id is None:
        return
    StaleMentorship.objects.create(mentorship_id=mentorship_id)
    transaction.on_commit(lambda: refresh([mentorship_id]), robust=True)


def rebuild(program_ids: Iterable[int] | None = None) -> tuple[int, int]:
    """Recompute the whole summary of these programs (all when None) from the meetings and
    answers, in one transaction; returns the numbers of monthly and answer-pair rows."""
    mentorships = Mentorship.objects.all()
    if program_ids is not None:
        mentorships = mentorships.filter(program_id__in=list(program_ids))
    with transaction.atomic():
        # Locked like a refresh does, so none runs meanwhile; later changes leave marks.
        locked = mentorships.select_for_update().order_by("pk").values_list("pk", "program_id")
        program_of = dict(locked)
        for model in (MeetingMonth, AnswerPair, StaleMentorship):
            found = model.objects.all()
            if program_ids is not None:
                found = found.filter(mentorship__in=mentorships)
            found.delete()
        return write(
            Meeting.objects.filter(mentorship__in=mentorships),
            Answer.objects.filter(due__mentorship__in=mentorships),
            program_of,
        )
