"""Early warnings for managers and coaches, computed from state: a pair that has not met for
1.5 cadences, two meetings missed in a row, no goal after the first meeting, a low
satisfaction answer (≤ 2, without saying whose), a proposal unanswered for a week, a pair
silent long enough to get its closing notice (``mentorships.services.inactivity``).

Each alert is stored structured, a kind and its parameters (dates, counts, a survey moment),
and worded when shown in the reader's language (``alert_words``). ``refresh_alerts`` opens an
``Alert`` row when a condition starts holding and closes it when it stops, so the weekly
digest can tell what is new; ``close_resolved`` closes a pair's alerts as soon as their cause
is gone (an answered proposal, a meeting held, a pair ended), without waiting for
``tandem remind``. Everything is computed in a handful of queries per program, whatever its
size.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from tandem.insights.models import Alert, Answer, Moment
from tandem.mentorships.models import Meeting, Mentorship, Participant
from tandem.mentorships.services import inactivity
from tandem.mentorships.services.goals import LIVE_GOALS
from tandem.programs.models import Program

UNANSWERED = dt.timedelta(days=7)
LOW = 2
Kind = Alert.Kind
Flags = dict[tuple[int, str], dict]  # (mentorship id, kind) → parameters


def _day(moment: dt.datetime | None) -> str | None:
    return timezone.localtime(moment).date().isoformat() if moment else None


def _active(program: Program, only=None):
    pairs = Mentorship.objects.filter(program=program, status=Mentorship.Status.ACTIVE)
    return pairs.filter(pk__in=only) if only is not None else pairs


def _meeting_flags(program: Program, at: dt.datetime, only=None) -> Flags:
    limit = dt.timedelta(days=1.5 * program.cadence_days)
    rows = _active(program, only).annotate(
        last_held=Max("meetings__starts_at", filter=Q(meetings__status=Meeting.Status.HELD)),
        live_goals=Count("goals", filter=Q(goals__status__in=LIVE_GOALS), distinct=True),
    )
    flags: Flags = {}
    last_held = {}
    for m in rows.values("pk", "started_at", "last_held", "live_goals"):
        last_held[m["pk"]] = m["last_held"]
        reference = m["last_held"] or m["started_at"]
        if reference is not None and at - reference > limit:
            flags[(m["pk"], Kind.NO_RECENT_MEETING)] = {
                "since": _day(reference),
                "cadence": program.cadence_days,
            }
        if m["last_held"] is not None and not m["live_goals"]:
            flags[(m["pk"], Kind.NO_GOAL)] = {"first_meeting": _day(m["last_held"])}
    missed = Meeting.objects.filter(
        mentorship__in=_active(program, only), status=Meeting.Status.MISSED, starts_at__lte=at
    ).values_list("mentorship_id", "starts_at")
    since_held: dict[int, list[dt.datetime]] = {}
    for pk, starts_at in missed:
        if last_held.get(pk) is None or starts_at > last_held[pk]:
            since_held.setdefault(pk, []).append(starts_at)
    for pk, dates in since_held.items():
        if len(dates) >= 2:
            flags[(pk, Kind.TWO_MISSED)] = {"missed": len(dates), "last": _day(max(dates))}
    return flags


def _low_satisfaction(program: Program, only=None) -> Flags:
    """Pairs whose latest satisfaction answer, from anyone, is low (the moment is said, the
    person is not)."""
    answers = Answer.objects.filter(
        question__survey__program=program,
        question__key="satisfaction",
        due__mentorship__status=Mentorship.Status.ACTIVE,
    )
    if only is not None:
        answers = answers.filter(due__mentorship_id__in=only)
    rows = answers.values_list(
        "due__mentorship_id", "due__person_id", "question__survey__moment", "value"
    ).order_by()
    order = {Moment.BASELINE: 0, Moment.MIDPOINT: 1, Moment.FINAL: 2}
    latest: dict[tuple[int, int], tuple[int, int, str]] = {}
    for mentorship_id, person_id, moment, value in rows:
        key = (mentorship_id, person_id)
        if key not in latest or order[moment] >= latest[key][0]:
            latest[key] = (order[moment], value, moment)
    return {
        (m, Kind.LOW_SATISFACTION): {"moment": moment}
        for (m, _p), (_o, value, moment) in sorted(latest.items())
        if value <= LOW
    }


def _unanswered(program: Program, at: dt.datetime, only=None) -> Flags:
    rows = Participant.objects.filter(
        mentorship__program=program,
        mentorship__status=Mentorship.Status.PROPOSED,
        mentorship__created_at__lt=at - UNANSWERED,
        answer=Participant.Answer.PENDING,
    )
    if only is not None:
        rows = rows.filter(mentorship_id__in=only)
    flags: Flags = {}
    for pk, person_id, created in rows.values_list(
        "mentorship_id", "person_id", "mentorship__created_at"
    ).order_by("mentorship_id", "person_id"):
        params = flags.setdefault((pk, Kind.PROPOSAL_UNANSWERED), {"since": _day(created)})
        params.setdefault("waiting", []).append(person_id)
    return flags


def _inactive(program: Program, at: dt.datetime, only=None) -> Flags:
    """Pairs whose closing notice went out (``inactivity``): until they meet or close."""
    found = inactivity.noticed(program, at)
    return {
        (pk, Kind.INACTIVE): params
        for pk, params in found.items()
        if only is None or pk in set(only)
    }


def current_flags(program: Program, at: dt.datetime | None = None, only=None) -> Flags:
    """Every condition holding now, with its parameters; ``only``: these mentorships."""
    at = at or timezone.now()
    flags = {
        **_meeting_flags(program, at, only),
        **_low_satisfaction(program, only),
        **_unanswered(program, at, only),
        **_inactive(program, at, only),
    }
    # A closing notice says the silence and its date: the plain "no meeting" alert would
    # repeat it on the same pair.
    for pk in [pk for pk, kind in flags if kind == Kind.INACTIVE]:
        flags.pop((pk, Kind.NO_RECENT_MEETING), None)
    return flags


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
        new = sorted(set(flags) - set(open_rows))
        Alert.objects.bulk_create(
            [
                Alert(
                    program=program,
                    mentorship_id=m,
                    kind=kind,
                    opened_at=at,
                    params=flags[(m, kind)],
                )
                for m, kind in new
            ],
            batch_size=2000,
        )
    return {"opened": len(new), "closed": len(to_close)}


def close_resolved(mentorship_id: int, at: dt.datetime | None = None) -> int:
    """Close the pair's open alerts whose cause is gone (a proposal answered, a meeting
    held, the pair ended); how many. One query when the pair has no open alert."""
    open_alerts = list(Alert.objects.filter(mentorship_id=mentorship_id, closed_at__isnull=True))
    if not open_alerts:
        return 0
    at = at or timezone.now()
    program = Program.objects.get(pk=open_alerts[0].program_id)
    holding = current_flags(program, at, only=[mentorship_id])
    gone = [a.pk for a in open_alerts if (a.mentorship_id, a.kind) not in holding]
    return Alert.objects.filter(pk__in=gone, closed_at__isnull=True).update(closed_at=at)


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
