"""Meeting invitations and the private calendar feed, parsed back with icalendar."""

import datetime as dt

import pytest
from django.http import Http404
from django.test import RequestFactory
from icalendar import Calendar

from tandem.mentorships import views
from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import CalendarFeed
from tandem.mentorships.services import calendar, lifecycle, schedule

UTC = dt.UTC


def _events(ics: bytes):
    return list(Calendar.from_ical(ics).walk("VEVENT"))


def test_it_writes_an_invitation_without_confidential_text(active_pair, cast):
    meeting = active_pair.meetings.order_by("starts_at").first()
    (event,) = _events(calendar.meeting_ics(meeting))
    assert str(event["summary"]) == "Tandem meeting: Léa & Jean"
    assert event["uid"] == f"tandem-meeting-{meeting.pk}@127.0.0.1"
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtstart").tzinfo is not None
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=60)
    attendees = {str(a) for a in event.get("attendee")}
    assert attendees == {f"mailto:{cast.mentor.email}", f"mailto:{cast.mentee.email}"}
    assert str(event["organizer"]).startswith("mailto:")
    assert set(event) <= {
        "UID",
        "SEQUENCE",
        "DTSTAMP",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "STATUS",
        "ORGANIZER",
        "ATTENDEE",
    }


def test_it_serves_a_feed_that_follows_a_moved_meeting(active_pair, cast):
    token = calendar.issue_feed_token(cast.mentee.person, cast.mentee)
    assert len(token) >= 40
    stored = CalendarFeed.objects.get(person=cast.mentee.person)
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    before = {e["uid"]: e for e in _events(calendar.feed_for_token(token))}
    assert len(before) == active_pair.meetings.count()

    meeting = active_pair.meetings.order_by("starts_at").first()
    new_time = dt.datetime(2026, 1, 21, 15, 30, tzinfo=UTC)
    schedule.move_meeting(meeting, cast.mentor, new_time)

    after = {e["uid"]: e for e in _events(calendar.feed_for_token(token))}
    uid = calendar.meeting_uid(meeting)
    assert after[uid].decoded("dtstart") == new_time
    assert after[uid]["sequence"] == before[uid]["sequence"] + 1
    assert set(after) == set(before)


def test_it_serves_the_feed_over_http(active_pair, cast):
    token = calendar.issue_feed_token(cast.mentor.person, cast.mentor)
    response = views.calendar_feed(RequestFactory().get(f"/calendar/{token}.ics"), token=token)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert len(_events(response.content)) == active_pair.meetings.count()


def test_it_forgets_a_revoked_or_regenerated_token(active_pair, cast):
    person = cast.mentee.person
    first = calendar.issue_feed_token(person, cast.mentee)
    second = calendar.issue_feed_token(person, cast.mentee)
    with pytest.raises(Http404):
        calendar.feed_for_token(first)
    assert calendar.feed_for_token(second)
    calendar.revoke_feed_token(person, cast.mentee)
    with pytest.raises(Http404):
        calendar.feed_for_token(second)
    with pytest.raises(Http404):
        calendar.feed_for_token("not-a-token")


def test_it_lets_only_the_person_create_their_link(cast, db):
    with pytest.raises(MentorshipError):
        calendar.issue_feed_token(cast.mentee.person, cast.manager)


def test_it_drops_cancelled_meetings_from_the_feed(active_pair, cast):
    token = calendar.issue_feed_token(cast.mentee.person, cast.mentee)
    lifecycle.end_mentorship(active_pair, cast.mentee)
    assert _events(calendar.feed_for_token(token)) == []
