"""Meeting schedules in common availability and time zones; moves and status changes."""

import datetime as dt

import pytest

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import FallbackReason, Meeting
from tandem.mentorships.services import schedule
from tandem.programs.models import Enrolment
from tests.factories import accept_all, propose_pair, sign_all

UTC = dt.UTC


def _availability(cast, mentor_slots, mentee_slots, mentee_tz="America/New_York"):
    Enrolment.objects.filter(person=cast.mentor.person).update(availability=mentor_slots)
    Enrolment.objects.filter(person=cast.mentee.person).update(availability=mentee_slots)
    cast.mentee.person.timezone = mentee_tz
    cast.mentee.person.save()


def _start(cast, justification=None):
    return sign_all(accept_all(propose_pair(cast, justification)))


def test_it_plans_meetings_in_the_common_slot_across_time_zones(cast, clock):
    # Paris 09:00-12:00 = 08:00-11:00 UTC; New York 05:00-08:00 = 10:00-13:00 UTC (winter)
    _availability(cast, ["mon 09:00-12:00"], ["mon 05:00-08:00"])
    mentorship = _start(cast)
    meetings = list(mentorship.meetings.order_by("starts_at"))
    assert len(meetings) == 6  # 180 days, every 30 days
    assert meetings[0].starts_at == dt.datetime(2026, 1, 12, 10, 0, tzinfo=UTC)
    winter = [m for m in meetings if m.starts_at.month < 3]
    assert all(m.starts_at.weekday() == 0 and m.starts_at.hour == 10 for m in winter)
    assert not any(m.fallback_time for m in meetings)
    # Both move to summer time (New York earlier than Paris): still the overlap, in UTC
    summer = [m for m in meetings if m.starts_at.month in (4, 5, 6)]
    assert all(m.starts_at.hour == 9 for m in summer)  # NY 05:00 EDT = 09:00 UTC
    program = cast.program
    assert all(program.start <= m.starts_at.date() <= program.end for m in meetings)
    days = [
        (b.starts_at.date() - a.starts_at.date()).days
        for a, b in zip(meetings, meetings[1:], strict=False)
    ]
    assert all(28 <= d <= 35 for d in days)


def test_it_falls_back_to_working_hours_and_flags_it_without_common_availability(cast, clock):
    _availability(cast, ["mon 09:00-10:00"], ["tue 09:00-10:00"], mentee_tz="Europe/Paris")
    mentorship = _start(cast, justification="They meet at lunch, off their slots.")
    meetings = list(mentorship.meetings.order_by("starts_at"))
    assert meetings and all(m.fallback_time for m in meetings)
    assert {m.fallback_reason for m in meetings} == {FallbackReason.OVERRIDE}
    first = meetings[0].starts_at.astimezone(dt.timezone(dt.timedelta(hours=1)))
    assert first.hour == 10 and first.weekday() < 5


def test_it_names_an_unreadable_slot(cast, clock):
    _availability(cast, ["someday 9-12"], [])
    with pytest.raises(MentorshipError, match="Léa Bernard.*someday 9-12"):
        _start(cast)


def test_it_moves_a_meeting_and_bumps_its_sequence(active_pair, cast):
    meeting = active_pair.meetings.order_by("starts_at").first()
    new_time = dt.datetime(2026, 1, 20, 14, 0, tzinfo=UTC)
    meeting = schedule.move_meeting(meeting, cast.mentee, new_time)
    assert meeting.starts_at == new_time and meeting.sequence == 1
    assert meeting.moved_by == cast.mentee


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (dt.datetime(2026, 1, 5, 14, 0, tzinfo=UTC), "future"),
        (dt.datetime(2026, 8, 1, 14, 0, tzinfo=UTC), "within the program"),
        (dt.datetime(2026, 1, 20, 14, 0), "time zone"),
    ],
)
def test_it_refuses_a_bad_move(active_pair, cast, when, message):
    meeting = active_pair.meetings.first()
    with pytest.raises(MentorshipError, match=message):
        schedule.move_meeting(meeting, cast.mentor, when)


def test_it_refuses_a_move_by_someone_else(active_pair, cast):
    with pytest.raises(MentorshipError):
        schedule.move_meeting(
            active_pair.meetings.first(), cast.other_member, dt.datetime(2026, 2, 2, tzinfo=UTC)
        )


def test_it_validates_status_transitions(active_pair, cast, clock):
    meeting = active_pair.meetings.order_by("starts_at").first()
    with pytest.raises(MentorshipError, match="once it has begun"):
        schedule.set_meeting_status(meeting, cast.mentor, Meeting.Status.HELD)
    clock.move_to(meeting.ends_at)
    meeting = schedule.set_meeting_status(meeting, cast.mentor, Meeting.Status.MISSED)
    meeting = schedule.set_meeting_status(meeting, cast.mentee, Meeting.Status.HELD)
    assert meeting.status == Meeting.Status.HELD
    later = active_pair.meetings.order_by("starts_at").last()
    later = schedule.set_meeting_status(later, cast.manager, Meeting.Status.CANCELLED)
    with pytest.raises(MentorshipError, match="cancelled meeting cannot become planned"):
        schedule.set_meeting_status(later, cast.mentor, Meeting.Status.PLANNED)
