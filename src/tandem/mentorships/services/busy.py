"""The participants' busy times, read from their own calendars (``people.services.freebusy``),
for planning and moving meetings: a schedule goes around them, a move onto one is refused with
the name of who is busy (never what they are busy with: Tandem does not know)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import Meeting, Mentorship
from tandem.mentorships.services.common import active_participants
from tandem.people.services.freebusy import busy_for

Interval = tuple[dt.datetime, dt.datetime]


def busy_times(mentorship: Mentorship, start: dt.datetime, until: dt.date) -> list[Interval]:
    """Everyone's busy times together, from ``start`` to the end of day ``until``."""
    people = [p.person_id for p in active_participants(mentorship)]
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(0), tzinfo=dt.UTC)
    return busy_for(people, start, end)


def subtract(free: list[Interval], busy: list[Interval]) -> list[Interval]:
    """``free`` without ``busy`` (both sorted, busy merged)."""
    out = []
    for a, b in free:
        for c, d in busy:
            if d <= a or c >= b:
                continue
            if c > a:
                out.append((a, c))
            a = max(a, d)
            if a >= b:
                break
        if a < b:
            out.append((a, b))
    return out


def overlaps(busy, start: dt.datetime, end: dt.datetime) -> bool:
    return any(c < end and d > start for c, d in busy)


def refuse_busy(meeting: Meeting) -> None:
    """A move onto someone's busy time is refused, saying whose."""
    start, end = meeting.starts_at, meeting.ends_at
    for participant in active_participants(meeting.mentorship).select_related("person"):
        if overlaps(busy_for([participant.person_id], start, end), start, end):
            local = timezone.localtime(start)
            raise MentorshipError(
                _("%(name)s's calendar shows them busy at %(when)s: choose another time.")
                % {"name": participant.person.full_name, "when": f"{local:%Y-%m-%d %H:%M}"}
            )
