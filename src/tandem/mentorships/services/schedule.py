"""Meetings: a schedule from the program's cadence in the participants' common availability,
then moved one by one and marked held, missed or cancelled.

Weekly slots ("mon 09:00-12:00", each in its person's time zone) are laid on the real
calendar with zoneinfo and converted to UTC day by day, so daylight saving is right; the
participants' intervals are intersected and each cadence step takes the first common interval
long enough, on or after its target date. Without common availability the meeting goes to a
working-hours default (10:00 on a weekday in the mentee's zone) and is flagged with why
(``FallbackReason``: nobody gave availability, none in common, or a manager paired them
against the "common free time" rule).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.matching.explain.shown import overridden_codes
from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import FallbackReason, Meeting, Mentorship, Participant
from tandem.mentorships.services import itip
from tandem.mentorships.services.busy import busy_times, overlaps, refuse_busy, subtract
from tandem.mentorships.services.common import (
    acting_participant,
    active_participants,
    now,
    participant_or_manager,
    require_status,
)
from tandem.operations.dates import UnknownZone, read_zone
from tandem.people.services.freebusy import merge
from tandem.programs.models import Enrolment
from tandem.programs.services.availability import SlotError, week_spans

UTC = dt.UTC
DEFAULT_TIME = dt.time(10, 0)
Interval = tuple[dt.datetime, dt.datetime]


def _zone(name: str, who: str) -> ZoneInfo:
    try:
        return read_zone(name)
    except UnknownZone:
        raise MentorshipError(
            _("The time zone of %(who)s cannot be read: %(tz)s.") % {"who": who, "tz": name}
        ) from None


def weekly_slots(participant: Participant) -> list[tuple[int, int]]:
    """The participant's slots for this program as local minutes of the week."""
    enrolment = Enrolment.objects.filter(
        person=participant.person, program=participant.mentorship.program, role=participant.role
    ).first()
    try:
        return week_spans((enrolment.availability if enrolment else None) or [])
    except SlotError as exc:
        raise MentorshipError(
            _("The availability of %(who)s cannot be read: %(error)s.")
            % {"who": participant.person.full_name, "error": exc}
        ) from None


def utc_intervals(slots, zone: ZoneInfo, first: dt.date, last: dt.date) -> list[Interval]:
    """Weekly local slots laid on the days first..last, in UTC, merged and sorted."""
    out = []
    day = first - dt.timedelta(days=1)
    while day <= last + dt.timedelta(days=1):
        midnight = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
        for start, end in slots:
            if start // 1440 == day.weekday():
                offset = start - day.weekday() * 1440
                begin = midnight + dt.timedelta(minutes=offset)
                finish = midnight + dt.timedelta(minutes=offset + end - start)
                out.append((begin.astimezone(UTC), finish.astimezone(UTC)))
        day += dt.timedelta(days=1)
    return merge(sorted(out))


def intersect(left: list[Interval], right: list[Interval]) -> list[Interval]:
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        a, b = max(left[i][0], right[j][0]), min(left[i][1], right[j][1])
        if a < b:
            out.append((a, b))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return out


def participant_slots(mentorship: Mentorship) -> list[tuple[list, ZoneInfo]]:
    """Each participant's weekly slots and zone (read once per schedule)."""
    out = []
    for p in active_participants(mentorship):
        slots = weekly_slots(p)
        if slots:
            out.append((slots, _zone(p.person.timezone, p.person.full_name)))
    return out


def common_availability(people: list[tuple[list, ZoneInfo]], first: dt.date, last: dt.date):
    """Common UTC intervals between first and last, or None when nobody gave availability."""
    common = None
    for slots, zone in people:
        mine = utc_intervals(slots, zone, first, last)
        common = mine if common is None else intersect(common, mine)
    return common


def fallback_zone(mentorship: Mentorship) -> ZoneInfo:
    """The (first) mentee's time zone: the senior's diary is usually the tighter one."""
    mentee = active_participants(mentorship).filter(role=Participant.Role.MENTEE).first()
    return _zone(mentee.person.timezone if mentee else "UTC", str(mentee))


def _fallback(
    zone: ZoneInfo, target: dt.date, after: dt.datetime, busy=(), minutes=dt.timedelta(0)
) -> dt.datetime:
    """10:00 on the first weekday on/after target in the given zone that nobody's calendar
    shows busy (the first weekday at all after four busy weeks)."""
    day, first = target, None
    while True:
        start = dt.datetime.combine(day, DEFAULT_TIME, tzinfo=zone).astimezone(UTC)
        if day.weekday() < 5 and start >= after:
            if not overlaps(busy, start, start + minutes):
                return start
            first = first or start
            if day > target + dt.timedelta(days=28):
                return first
        day += dt.timedelta(days=1)


def pick_slot(
    program, people, zone: ZoneInfo, target: dt.date, after: dt.datetime, busy=()
) -> tuple[dt.datetime, bool]:
    """(start, fallback?) for one cadence step: the first common interval long enough,
    outside the participants' busy times (``busy``, from their own calendars)."""
    minutes = dt.timedelta(minutes=program.meeting_minutes)
    window = max(7, program.cadence_days)
    common = common_availability(people, target, target + dt.timedelta(days=window))
    floor = max(after, dt.datetime.combine(target, dt.time(0), tzinfo=UTC))
    for a, b in subtract(common or [], busy):
        start = a if a >= floor else _round_up(floor)
        if start + minutes <= b:
            return start, False
    return _fallback(zone, target, after, busy, minutes), True


def _round_up(moment: dt.datetime, step: int = 30) -> dt.datetime:
    """To the next half hour, so a meeting never starts at 14:37:12."""
    base = moment.replace(second=0, microsecond=0)
    extra = -base.minute % step or (step if moment != base else 0)
    return base + dt.timedelta(minutes=extra)


def why_fallback(mentorship: Mentorship, people, target: dt.date) -> str:
    """Why a meeting of this mentorship went to the default time (a ``FallbackReason``)."""
    if not people:
        return FallbackReason.NONE_GIVEN
    if "no_common_availability" in overridden_codes(mentorship.details):
        return FallbackReason.OVERRIDE
    week = common_availability(people, target, target + dt.timedelta(days=7)) or []
    length = dt.timedelta(minutes=mentorship.program.meeting_minutes)
    if not any(end - begin >= length for begin, end in week):
        return FallbackReason.NO_COMMON
    return FallbackReason.NONE_NEAR


@dataclass
class ScheduleResult:
    meetings: list[Meeting] = field(default_factory=list)

    @property
    def fallback(self) -> int:
        return sum(m.fallback_time for m in self.meetings)

    @property
    def fallback_reasons(self) -> list[str]:
        """The distinct reasons of the meetings at a default time, in words."""
        codes = dict.fromkeys(m.fallback_reason for m in self.meetings if m.fallback_time)
        return [str(FallbackReason(code).label) for code in codes if code]


def generate_schedule(mentorship: Mentorship, actor=None, start: dt.date | None = None):
    """Plan the meetings left until the program ends, after the last planned or held one."""
    if actor is not None:
        participant_or_manager(mentorship, actor)
    require_status(mentorship, Mentorship.Status.ACTIVE)
    program = mentorship.program
    cadence = dt.timedelta(days=program.cadence_days)
    target = max(program.start, start or timezone.localdate())
    after = now()
    last = mentorship.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("starts_at").last()
    if last is not None:
        target = max(target, timezone.localdate(last.starts_at) + cadence)
        after = max(after, last.ends_at)
    result = ScheduleResult()
    people, zone = participant_slots(mentorship), fallback_zone(mentorship)
    busy = busy_times(mentorship, after, program.end)
    with transaction.atomic():
        while target <= program.end:
            begin, flagged = pick_slot(program, people, zone, target, after, busy)
            meeting = Meeting(
                mentorship=mentorship,
                starts_at=begin,
                minutes=program.meeting_minutes,
                fallback_time=flagged,
                fallback_reason=why_fallback(mentorship, people, target) if flagged else "",
            )
            if not _inside_program(meeting):
                break
            meeting.save()
            result.meetings.append(meeting)
            after, target = meeting.ends_at, max(target + cadence, timezone.localdate(begin))
        itip.invite_on_commit(result.meetings)
    return result


def _inside_program(meeting: Meeting) -> bool:
    program = meeting.mentorship.program
    return (
        timezone.localdate(meeting.starts_at) >= program.start
        and timezone.localdate(meeting.ends_at) <= program.end
    )


def move_meeting(meeting: Meeting, actor, starts_at: dt.datetime) -> Meeting:
    """Move one planned meeting to a future time inside the program; calendars see a new
    SEQUENCE."""
    if timezone.is_naive(starts_at):
        raise MentorshipError(_("Give the new time with its time zone."))
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update()
            .select_related("mentorship__program")
            .get(pk=meeting.pk)
        )
        participant_or_manager(meeting.mentorship, actor)
        require_status(meeting.mentorship, Mentorship.Status.ACTIVE)
        if meeting.status != Meeting.Status.PLANNED:
            raise MentorshipError(_("Only a planned meeting can be moved."))
        if starts_at <= now():
            raise MentorshipError(_("A meeting can only be moved to a time in the future."))
        meeting.starts_at = starts_at
        refuse_busy(meeting)
        if not _inside_program(meeting):
            program = meeting.mentorship.program
            raise MentorshipError(
                _("A meeting must take place within the program, from %(start)s to %(end)s.")
                % {"start": program.start, "end": program.end}
            )
        meeting.sequence += 1
        meeting.fallback_time, meeting.fallback_reason = False, ""
        meeting.moved_at, meeting.moved_by = now(), actor
        meeting.save()
        itip.invite_on_commit([meeting])
    return meeting


TRANSITIONS = {
    Meeting.Status.PLANNED: {Meeting.Status.HELD, Meeting.Status.MISSED, Meeting.Status.CANCELLED},
    Meeting.Status.MISSED: {Meeting.Status.HELD},
    Meeting.Status.HELD: {Meeting.Status.MISSED},
    Meeting.Status.CANCELLED: set(),
}


def set_meeting_status(meeting: Meeting, actor, status: str) -> Meeting:
    """Held or missed once its time has come (by a participant); cancelled before (also by
    a manager)."""
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update()
            .select_related("mentorship__program")
            .get(pk=meeting.pk)
        )
        if status == Meeting.Status.CANCELLED:
            participant_or_manager(meeting.mentorship, actor)
        else:
            acting_participant(meeting.mentorship, actor)
        if status not in TRANSITIONS[meeting.status]:
            raise MentorshipError(
                _("A %(old)s meeting cannot become %(new)s.")
                % {
                    "old": meeting.get_status_display().lower(),
                    "new": Meeting.Status(status).label.lower()
                    if status in Meeting.Status.values
                    else status,
                }
            )
        if status in (Meeting.Status.HELD, Meeting.Status.MISSED) and meeting.starts_at > now():
            raise MentorshipError(_("A meeting can be marked held or missed once it has begun."))
        if status == Meeting.Status.MISSED and hasattr(meeting, "log"):
            raise MentorshipError(_("This meeting has a log: it was held."))
        meeting.status = status
        meeting.status_changed_at, meeting.status_changed_by = now(), actor
        if status == Meeting.Status.CANCELLED:
            meeting.sequence += 1
            itip.invite_on_commit([meeting], itip.CANCEL)
        meeting.save()
    return meeting
