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


def test_the_feed_carries_only_times_and_first_names_as_its_page_promises(
    active_pair, cast, client
):
    client.force_login(cast.mentee)
    promise = client.get("/mentorships/calendar/").content.decode()
    assert "only times and first names" in promise
    feed = calendar.feed_for_token(calendar.issue_feed_token(cast.mentee.person, cast.mentee))
    events = _events(feed)
    assert len(events) == active_pair.meetings.count()
    for event in events:
        assert set(event) == {"UID", "SEQUENCE", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "STATUS"}
        assert str(event["summary"]) == "Tandem meeting: Léa & Jean"
    text = feed.decode()
    for person in (cast.mentor.person, cast.mentee.person):
        assert person.email not in text and person.full_name not in text
        assert person.full_name.split()[-1] not in text  # no last name at all
    assert "mailto:" not in text and "@" not in text.replace("@127.0.0.1", "")


def test_the_feed_names_events_in_the_person_s_language(
    active_pair, cast, django_assert_max_num_queries
):
    person = cast.mentee.person
    person.languages = ["fr", "en"]
    person.save()
    with django_assert_max_num_queries(4):
        feed = calendar.person_feed(person)
    calendar_ = Calendar.from_ical(feed)
    assert str(calendar_["x-wr-calname"]) == "Séances Tandem"
    assert {str(e["summary"]) for e in _events(feed)} == {"Séance Tandem\xa0: Léa & Jean"}
    cast.mentor.person.languages = ["en"]
    cast.mentor.person.save()
    assert {str(e["summary"]) for e in _events(calendar.person_feed(cast.mentor.person))} == {
        "Tandem meeting: Léa & Jean"
    }
