"""Pairs that went silent: a nudge, then an alert and a closing notice, then the closing.

An active pair with no meeting held for the program's ``inactivity_days`` (default 60) gets a
nudge (both members, by email); ``inactivity_grace_days`` (7) after the nudge, if still
silent, its coaches and managers get an alert and both members a notice that the pair closes
``inactivity_notice_days`` (14) later; when that notice has run out, still silent, the pair is
closed as "ended: inactive" and both members are free to be matched again. A meeting held at
any point starts the count again. Each step is an email per person and a line in the pair's
history (an audit event on the mentorship, shown on the pair's page).

``run`` is called by ``tandem remind`` (``reminders.send_due``). Idempotent: a step is done
once per silence (the silence is named by the moment it started) thanks to a ``SentReminder``
claim with an empty recipient, taken with the history line in one transaction; each email has
its own claim, so a failed send is tried again at the next run.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Max, Q

from tandem.accounts.audit import record
from tandem.mentorships.models import EndCause, Meeting, Mentorship, SentReminder
from tandem.mentorships.services import once
from tandem.mentorships.services.common import lock, now
from tandem.mentorships.services.inactivity_emails import (
    CLOSE,
    NOTICE,
    NUDGE,
    Notice,
    alert_email,
    closed_email,
    members,
    notice_email,
    nudge_email,
    supervisors,
)
from tandem.mentorships.services.lifecycle import cancel_future_meetings
from tandem.operations import notices
from tandem.programs.models import Program

STEP = ""  # the recipient of a step's own claim
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Silence:
    """An active pair's time without a meeting held (since its last one, or its start)."""

    mentorship_id: int
    program_id: int
    since: dt.datetime
    days: int  # the program's inactivity_days
    grace: int
    notice: int

    @property
    def key(self) -> str:
        """Names this silence: a meeting held later starts another one."""
        return f"{self.mentorship_id}@{self.since.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"

    def silent_days(self, at: dt.datetime) -> int:
        return (at - self.since).days


def silences(at: dt.datetime, programs=None) -> list[Silence]:
    """Active pairs (of ``programs``, or all) silent for at least their program's days."""
    pairs = Mentorship.objects.filter(
        status=Mentorship.Status.ACTIVE, program__inactivity_days__gt=0
    )
    if programs is not None:
        pairs = pairs.filter(program__in=programs)
    rows = pairs.annotate(
        last_held=Max("meetings__starts_at", filter=Q(meetings__status=Meeting.Status.HELD))
    ).values_list(
        "pk",
        "program_id",
        "started_at",
        "last_held",
        "program__inactivity_days",
        "program__inactivity_grace_days",
        "program__inactivity_notice_days",
    )
    found = []
    for pk, program_id, started_at, last_held, days, grace, notice in rows:
        since = max(d for d in (started_at, last_held) if d is not None) if started_at else None
        if since is not None and (at - since).days >= days:
            found.append(Silence(pk, program_id, since, days, grace, notice))
    return found


def _claimed(kind: str, keys: list[str]) -> dict[str, dt.datetime]:
    rows = SentReminder.objects.filter(kind=kind, key__in=keys, recipient=STEP)
    return dict(rows.values_list("key", "sent_at"))


def noticed(program: Program, at: dt.datetime) -> dict[int, dict]:
    """The program's silent pairs whose closing notice went out (their coaches and managers
    were alerted): mentorship id → {"since", "noticed_on", "closes_on"} (ISO dates)."""
    found = silences(at, [program])
    notices = _claimed(NOTICE, [s.key for s in found])
    out = {}
    for s in found:
        sent = notices.get(s.key)
        if sent is not None:
            out[s.mentorship_id] = {
                "since": s.since.date().isoformat(),
                "noticed_on": sent.date().isoformat(),
                "closes_on": (sent + dt.timedelta(days=s.notice)).date().isoformat(),
            }
    return out


def run(at: dt.datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """Take every step that is due; returns how many pairs took each (nudged, noticed,
    closed). A dry run counts them and changes nothing."""
    at = at or now()
    counts = {NUDGE: 0, NOTICE: 0, CLOSE: 0}
    found = silences(at)
    keys = [s.key for s in found]
    nudged, noticed_at = _claimed(NUDGE, keys), _claimed(NOTICE, keys)
    for silence in found:
        step = _due_step(silence, at, nudged.get(silence.key), noticed_at.get(silence.key))
        if step is None:
            continue
        if dry_run or _take(step, silence, at):
            counts[step] += 1
    if not dry_run:
        _send_pending(at, found)
    return counts


def _due_step(s: Silence, at: dt.datetime, nudged, noticed) -> str | None:
    if nudged is None:
        return NUDGE
    if noticed is None:
        return NOTICE if at - nudged >= dt.timedelta(days=s.grace) else None
    return CLOSE if at - noticed >= dt.timedelta(days=s.notice) else None


def _take(step: str, silence: Silence, at: dt.datetime) -> bool:
    """Claim the step and write its history line (and close the pair) in one transaction."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(kind=step, key=silence.key, recipient=STEP)
            mentorship = lock(Mentorship(pk=silence.mentorship_id))
            if mentorship.status != Mentorship.Status.ACTIVE:
                transaction.set_rollback(True)
                return False
            details = {"since": silence.since.date().isoformat(), "days": silence.silent_days(at)}
            if step == NUDGE:
                record(None, "mentorship.inactivity_nudge", mentorship, **details)
            elif step == NOTICE:
                closes = (at + dt.timedelta(days=silence.notice)).date().isoformat()
                record(
                    None, "mentorship.inactivity_notice", mentorship, closes_on=closes, **details
                )
            else:
                _close(mentorship, at, details)
    except IntegrityError:
        return False  # taken by a concurrent run
    return True


def _close(mentorship: Mentorship, at: dt.datetime, details: dict) -> None:
    mentorship.status, mentorship.ended_at = Mentorship.Status.ENDED, at
    mentorship.end_cause, mentorship.ended_by = EndCause.INACTIVE, None
    mentorship.save(update_fields=["status", "ended_at", "end_cause", "ended_by", "updated_at"])
    cancel_future_meetings(mentorship)
    record(
        None,
        "mentorship.ended",
        mentorship,
        by="system",
        cause=EndCause.INACTIVE.value,
        status_before=Mentorship.Status.ACTIVE.value,
        **details,
    )


def _notices(step: str, silence: Silence, mentorship: Mentorship, at) -> Iterator[Notice]:
    people = members(mentorship)
    if step == NUDGE:
        yield from (nudge_email(p, mentorship, silence, at) for p in people)
    elif step == NOTICE:
        sent = SentReminder.objects.get(kind=NOTICE, key=silence.key, recipient=STEP).sent_at
        closes = (sent + dt.timedelta(days=silence.notice)).date()
        yield from (notice_email(p, mentorship, silence, closes) for p in people)
        names = " & ".join(p.full_name for p in people)
        for email, language in supervisors(mentorship):
            yield alert_email(email, language, mentorship, names, silence, closes)
    else:
        yield from (closed_email(p, mentorship, silence) for p in people)


def _send_pending(at: dt.datetime, found: list[Silence]) -> None:
    """Send the emails of every step taken whose recipients have not had theirs yet (a
    failed send is tried again here at the next run)."""
    by_key = {s.key: s for s in found}
    steps = SentReminder.objects.filter(kind__in=[NUDGE, NOTICE, CLOSE], recipient=STEP)
    recent = steps.filter(sent_at__gte=at - dt.timedelta(days=3))
    closed = {s.key: s for s in _closed_silences(recent.filter(kind=CLOSE))}
    connection = get_connection()
    with connection:
        for kind, key in recent.values_list("kind", "key"):
            silence = by_key.get(key) or closed.get(key)
            if silence is None:
                continue
            mentorship = Mentorship.objects.select_related("program").get(pk=silence.mentorship_id)
            for notice in _notices(kind, silence, mentorship, at):
                _send_once(notice, connection)


def _closed_silences(claims) -> list[Silence]:
    """The silences of pairs closed by a recent claim (no longer active, so not in
    ``silences``), rebuilt from the claim's key and the pair's program."""
    out = []
    for key in claims.values_list("key", flat=True):
        pk, _sep, stamp = key.partition("@")
        m = Mentorship.objects.filter(pk=int(pk)).select_related("program").first()
        if m is None:
            continue
        since = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        p = m.program
        out.append(
            Silence(
                m.pk,
                p.pk,
                since,
                p.inactivity_days,
                p.inactivity_grace_days,
                p.inactivity_notice_days,
            )
        )
    return out


def _send_once(notice: Notice, connection) -> bool:
    """Claim the (kind, key, recipient) row, then send through the notice seam outside the
    claim's transaction; a failed send gives it back (``once``)."""
    if not once.claim(notice.kind, notice.key, notice.email):
        return False
    outgoing = notices.Notice(
        kind=notice.kind,
        recipient=notices.Recipient(email=notice.email),
        subject=notice.subject,
        body=notice.body,
    )
    return once.send_claimed(outgoing, notice.key, connection)
