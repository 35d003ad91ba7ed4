"""Planning and moving meetings around the busy times read from the participants' calendars."""

import datetime as dt

import pytest

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.services import schedule
from tandem.people.models import BusyCalendar, BusyInterval
from tests.mentorships.test_schedule import _availability, _start

UTC = dt.UTC


def busy(person, *intervals):
    calendar, _created = BusyCalendar.objects.get_or_create(person=person, defaults={"url": "x"})
    BusyInterval.objects.bulk_create(
        [BusyInterval(calendar=calendar, starts_at=a, ends_at=b) for a, b in intervals]
    )


def test_a_schedule_goes_around_a_participants_busy_time(cast, clock):
    # The only common hour is Monday 10:00-11:00 UTC (see test_schedule); the mentee's own
    # calendar is busy on the first Monday.
    _availability(cast, ["mon 09:00-12:00"], ["mon 05:00-08:00"])
    monday = dt.datetime(2026, 1, 12, 10, 30, tzinfo=UTC)
    busy(cast.mentee.person, (monday, monday + dt.timedelta(hours=1)))
    meetings = list(_start(cast).meetings.order_by("starts_at"))
    assert meetings[0].starts_at == dt.datetime(2026, 1, 19, 10, 0, tzinfo=UTC)
    assert not meetings[0].fallback_time


def test_the_working_hours_default_skips_busy_days(cast, clock):
    _availability(cast, ["mon 09:00-10:00"], ["tue 09:00-10:00"], mentee_tz="Europe/Paris")
    # 10:00 Paris = 09:00 UTC; today is Tuesday 6 January: busy until Thursday 8 at noon
    busy(
        cast.mentor.person,
        (dt.datetime(2026, 1, 6, 8, tzinfo=UTC), dt.datetime(2026, 1, 8, 12, tzinfo=UTC)),
    )
    first = (
        _start(cast, "Their weekly slots never meet: the coach plans by hand")
        .meetings.order_by("starts_at")
        .first()
    )
    assert first.fallback_time and first.starts_at == dt.datetime(2026, 1, 9, 9, tzinfo=UTC)


def test_a_move_onto_a_busy_time_is_refused_naming_who(active_pair, cast):
    meeting = active_pair.meetings.order_by("starts_at").first()
    when = dt.datetime(2026, 1, 20, 14, 0, tzinfo=UTC)
    busy(cast.mentor.person, (when - dt.timedelta(minutes=30), when + dt.timedelta(minutes=30)))
    with pytest.raises(MentorshipError, match="Léa Bernard's calendar shows them busy"):
        schedule.move_meeting(meeting, cast.mentee, when)
    moved = schedule.move_meeting(meeting, cast.mentee, when + dt.timedelta(minutes=30))
    assert moved.sequence == 1
