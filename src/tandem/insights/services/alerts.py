"""Early warnings for managers and coaches, computed from state: a pair that has not met for
1.5 cadences, two meetings missed in a row, no goal after the first meeting, a low
satisfaction answer (≤ 2, without saying whose), a proposal unanswered for a week.

``refresh_alerts`` opens an ``Alert`` row when a condition starts holding and closes it when
it stops, so the weekly digest can tell what is new. Everything is computed in a handful of
queries per program, whatever its size.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from tandem.insights.models import Alert, Answer, Moment
from tandem.mentorships.models import Meeting, Mentorship, Participant
from tandem.mentorships.services.goals import LIVE_GOALS
from tandem.programs.models import Program

UNANSWERED = dt.timedelta(days=7)
LOW = 2
Kind = Alert.Kind


def _active(program: Program):
    return Mentorship.objects.filter(program=program, status=Mentorship.Status.ACTIVE)


def _meeting_flags(program: Program, at: dt.datetime) -> set[tuple[int, str]]:
    limit = dt.timedelta(days=1.5 * program.cadence_days)
    rows = _active(program).annotate(
        last_held=Max("meetings__starts_at", filter=Q(meetings__status=Meeting.Status.HELD)),
        live_goals=Count("goals", filter=Q(goals__status__in=LIVE_GOALS), distinct=True),
    )
    flags, last_held = set(), {}
    for m in rows.values("pk", "started_at", "last_held", "live_goals"):
        last_held[m["pk"]] = m["last_held"]
        reference = m["last_held"] or m["started_at"]
        if reference is not None and at - reference > limit:
            flags.add((m["pk"], Kind.NO_RECENT_MEETING))
        if m["last_held"] is not None and not m["live_goals"]:
            flags.add((m["pk"], Kind.NO_GOAL))
    missed = Meeting.objects.filter(
        mentorship__in=_active(program), status=Meeting.Status.MISSED, starts_at__lte=at
    ).values_list("mentorship_id", "starts_at")
    since_held: dict[int, int] = {}
    for pk, starts_at in missed:
        if last_held.get(pk) is None or starts_at > last_held[pk]:
            since_held[pk] = since_held.get(pk, 0) + 1
    flags |= {(pk, Kind.TWO_MISSED) for pk, count in since_held.items() if count >= 2}
    return flags


def _low_satisfaction(program: Program) -> set[tuple[int, str]]:
    """Pairs whose latest satisfaction answer, from anyone, is low."""
    rows = (
        Answer.objects.filter(
            question__survey__program=program,
            question__key="satisfaction",
            due__mentorship__status=Mentorship.Status.ACTIVE,
        )
        .values_list("due__mentorship_id", "due__person_id", "question__survey__moment", "value")
        .order_by()
    )
    order = {Moment.BASELINE: 0, Moment.MIDPOINT: 1, Moment.FINAL: 2}
    latest: dict[tuple[int, int], tuple[int, int]] = {}
    for mentorship_id, person_id, moment, value in rows:
        key = (mentorship_id, person_id)
        if key not in latest or order[moment] >= latest[key][0]:
            latest[key] = (order[moment], value)
    return {(m, Kind.LOW_SATISFACTION) for (m, _p), (_o, v) in latest.items() if v <= LOW}


def _unanswered(program: Program, at: dt.datetime) -> set[tuple[int, str]]:
    ids = Participant.objects.filter(
        mentorship__program=program,
        mentorship__status=Mentorship.Status.PROPOSED,
        mentorship__created_at__lt=at - UNANSWERED,
        answer=Participant.Answer.PENDING,
    ).values_list("mentorship_id", flat=True)
    return {(pk, Kind.PROPOSAL_UNANSWERED) for pk in set(ids)}


def current_flags(program: Program, at: dt.datetime | None = None) -> set[tuple[int, str]]:
    at = at or timezone.now()
    return _meeting_flags(program, at) | _low_satisfaction(program) | _unanswered(program, at)


def refresh_alerts(program: Program, at: dt.datetime | None = None) -> dict[str, int]:
    """Open the alerts that start holding, close those that stopped; returns the counts."""
    at = at or timezone.now()
    flags = current_flags(program, at)
    with transaction.atomic():
        open_rows = {
            (a.mentorship_id, a.kind): a.pk
            for a in Alert.objects.select_for_update().filter(
                program=program, closed_at__isnull=True
            )
        }
        to_close = [pk for key, pk in open_rows.items() if key not in flags]
        Alert.objects.filter(pk__in=to_close).update(closed_at=at)
        Alert.objects.bulk_create(
            [
                Alert(program=program, mentorship_id=m, kind=kind, opened_at=at)
                for m, kind in sorted(flags - set(open_rows))
            ],
            batch_size=2000,
        )
    return {"opened": len(flags - set(open_rows)), "closed": len(to_close)}


def refresh_running(at: dt.datetime | None = None) -> dict[str, int]:
    totals = {"opened": 0, "closed": 0}
    programs = Program.objects.filter(
        Q(status=Program.Status.RUNNING)
        | Q(alerts__closed_at__isnull=True)
        | Q(mentorships__status__in=[Mentorship.Status.ACTIVE, Mentorship.Status.PROPOSED])
    ).distinct()
    for program in programs:
        for key, value in refresh_alerts(program, at).items():
            totals[key] += value
    return totals
