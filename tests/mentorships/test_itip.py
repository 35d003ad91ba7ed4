"""Meeting invitations as iTIP emails through a real SMTP server, parsed back with icalendar:
REQUEST with the participants as attendees, the same UID and a rising SEQUENCE on a move,
CANCEL when cancelled, times in the recipient's zone, the video room; and attendees' REPLY
answers, by the inbound mail command or uploaded on the meeting page."""

import datetime as dt
import io
import sys
from email.message import EmailMessage

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from icalendar import Calendar, Event, vCalAddress

from tandem.mentorships.models import Meeting, MeetingReply, VideoLink
from tandem.mentorships.services import journal, schedule
from tandem.operations.notices.worker import deliver_due
from tandem.programs.models import ProgramIntegration
from tests.factories import accept_all, propose_pair, sign_all

UTC = dt.UTC
ORGANIZER = "meetings@tandem.example.com"


@pytest.fixture
def invitations(cast, settings):
    settings.TANDEM_CALENDAR_ORGANIZER = f"Tandem <{ORGANIZER}>"
    ProgramIntegration.objects.create(
        program=cast.program,
        calendar_invitations=True,
        video_template="https://meet.example.com/tandem-{program}-{pair}",
    )


@pytest.fixture
def pair(cast, clock, invitations, smtp, django_capture_on_commit_callbacks):
    cast.mentee.person.timezone = "America/New_York"
    cast.mentee.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        mentorship = sign_all(accept_all(propose_pair(cast)))
    deliver_due()
    return mentorship


def calendars(inbox, to=None) -> list[tuple[object, Calendar]]:
    """(message, parsed text/calendar part) of each email received (to one address)."""
    found = []
    for message in inbox.messages:
        if to and message["To"] != to:
            continue
        for part in message.walk():
            if part.get_content_type() == "text/calendar":
                found.append((message, part, Calendar.from_ical(part.get_payload(decode=True))))
    return found


def event_of(cal: Calendar) -> Event:
    (event,) = cal.walk("VEVENT")
    return event


def test_it_sends_each_participant_an_itip_request(pair, cast, smtp):
    meetings = list(pair.meetings.order_by("starts_at"))
    received = calendars(smtp, cast.mentee.email)
    assert len(received) == len(meetings) == 6
    message, part, cal = received[0]
    assert part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST"
    assert any(p.get_filename() == "invite.ics" for p in message.walk())
    assert message["Subject"].startswith("Tandem meeting: 2026-01-")
    assert str(cal["METHOD"]) == "REQUEST"
    event, first = event_of(cal), meetings[0]
    assert str(event["UID"]) == f"tandem-meeting-{first.pk}@127.0.0.1"
    assert event["SEQUENCE"] == 0 and str(event["STATUS"]) == "CONFIRMED"
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "America/New_York" and start == first.starts_at
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    assert str(event["ORGANIZER"]) == f"mailto:{ORGANIZER}"
    attendees = {str(a): a.params for a in event["ATTENDEE"]}
    assert set(attendees) == {f"mailto:{cast.mentor.email}", f"mailto:{cast.mentee.email}"}
    assert all(p["RSVP"] == "TRUE" and p["PARTSTAT"] == "NEEDS-ACTION" for p in attendees.values())
    room = f"https://meet.example.com/tandem-{cast.program.slug}-{pair.pk}"
    assert str(event["LOCATION"]) == room
    assert f"/mentorships/meetings/{first.pk}/" in str(event["DESCRIPTION"])
    mentor_event = event_of(calendars(smtp, cast.mentor.email)[0][2])
    assert str(mentor_event.decoded("DTSTART").tzinfo) == "Europe/Paris"


def test_a_move_sends_the_same_uid_with_a_higher_sequence(
    pair, cast, smtp, django_capture_on_commit_callbacks
):
    meeting = pair.meetings.order_by("starts_at").first()
    journal.write_preparation(meeting, cast.mentee, topics_to_raise="SECRET board reshuffle")
    smtp.messages.clear()
    new_time = dt.datetime(2026, 1, 20, 15, 0, tzinfo=UTC)
    with django_capture_on_commit_callbacks(execute=True):
        schedule.move_meeting(meeting, cast.mentor, new_time)
    deliver_due()
    received = calendars(smtp)
    assert len(received) == 2
    for message, _part, cal in received:
        event = event_of(cal)
        assert message["Subject"].startswith("Tandem meeting moved:")
        assert str(event["UID"]) == f"tandem-meeting-{meeting.pk}@127.0.0.1"
        assert event["SEQUENCE"] == 1 and event.decoded("DTSTART") == new_time
        assert "SECRET" not in message.as_string()


def test_a_cancellation_sends_a_cancel(pair, cast, smtp, django_capture_on_commit_callbacks):
    meeting = pair.meetings.order_by("starts_at").first()
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        schedule.set_meeting_status(meeting, cast.manager, Meeting.Status.CANCELLED)
    deliver_due()
    (message, part, cal), _other = calendars(smtp)
    assert part.get_param("method") == "CANCEL" and str(cal["METHOD"]) == "CANCEL"
    event = event_of(cal)
    assert str(event["STATUS"]) == "CANCELLED" and event["SEQUENCE"] == 1
    assert message["Subject"].startswith("Tandem meeting cancelled:")


def test_no_invitation_unless_the_program_sends_them(
    cast, clock, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_all(accept_all(propose_pair(cast)))
    deliver_due()
    assert calendars(smtp) == []


def reply(meeting, attendee: str, partstat: str, sequence=None) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN")
    cal.add("version", "2.0")
    cal.add("method", "REPLY")
    event = Event()
    event.add("uid", f"tandem-meeting-{meeting.pk}@127.0.0.1")
    event.add("sequence", meeting.sequence if sequence is None else sequence)
    event.add("dtstamp", dt.datetime(2026, 1, 7, tzinfo=UTC))
    event.add("dtstart", meeting.starts_at)
    address = vCalAddress(f"mailto:{attendee}")
    address.params["PARTSTAT"] = partstat
    event.add("attendee", address, encode=False)
    event.add("organizer", f"mailto:{ORGANIZER}")
    cal.add_component(event)
    return cal.to_ical()


def forwarded(sender: str, ics: bytes) -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = sender, ORGANIZER
    message["Subject"] = "Accepted: Tandem meeting"
    message.set_content("Accepted")
    message.add_alternative(ics.decode(), subtype="calendar", params={"method": "REPLY"})
    return message.as_bytes()


def inbound(raw: bytes, monkeypatch) -> tuple[str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out, err = io.StringIO(), io.StringIO()
    call_command("inbound-mail", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_reply_mailed_to_the_organizer_records_the_answer(pair, cast, monkeypatch):
    meeting = pair.meetings.order_by("starts_at").first()
    out, err = inbound(
        forwarded(cast.mentee.email, reply(meeting, cast.mentee.email, "ACCEPTED")), monkeypatch
    )
    assert out.strip() == f"{cast.mentee.email}, meeting {meeting.pk}: Accepted" and err == ""
    inbound(
        forwarded(
            f"Léa <{cast.mentor.email.upper()}>", reply(meeting, cast.mentor.email, "DECLINED")
        ),
        monkeypatch,
    )
    answers = {r.participant.person.email: r.answer for r in MeetingReply.objects.all()}
    assert answers == {cast.mentee.email: "accepted", cast.mentor.email: "declined"}
    client = Client()
    client.force_login(cast.mentee)
    page = client.get(f"/mentorships/meetings/{meeting.pk}/").content.decode()
    assert "Jean Moreau: <span" in page and ">Accepted<" in page and ">Declined<" in page
    assert f"https://meet.example.com/tandem-{cast.program.slug}-{pair.pk}" in page


def test_a_reply_for_someone_else_or_an_old_version_is_ignored(pair, cast, monkeypatch):
    meeting = pair.meetings.order_by("starts_at").first()
    _out, err = inbound(
        forwarded(cast.outsider.email, reply(meeting, cast.mentee.email, "DECLINED")), monkeypatch
    )
    assert "an answer can only be given by its attendee" in err
    Meeting.objects.filter(pk=meeting.pk).update(sequence=2)
    _out, err = inbound(
        forwarded(cast.mentee.email, reply(meeting, cast.mentee.email, "ACCEPTED", 1)), monkeypatch
    )
    assert "moved since" in err
    _out, err = inbound(b"From: someone@example.com\n\nhello\n", monkeypatch)
    assert "holds no calendar answer" in err
    assert not MeetingReply.objects.exists()


def test_a_participant_uploads_their_answer_on_the_meeting_page(pair, cast):
    meeting = pair.meetings.order_by("starts_at").first()
    client = Client()
    client.force_login(cast.mentor)
    url = f"/mentorships/meetings/{meeting.pk}/reply/"
    theirs = SimpleUploadedFile("reply.ics", reply(meeting, cast.mentee.email, "ACCEPTED"))
    response = client.post(url, {"reply": theirs}, follow=True)
    assert "no answer of yours" in response.content.decode()
    mine = SimpleUploadedFile("reply.ics", reply(meeting, cast.mentor.email, "TENTATIVE"))
    response = client.post(url, {"reply": mine}, follow=True)
    assert "Your answer is recorded: Tentative." in response.content.decode()
    assert MeetingReply.objects.get().answer == "tentative"
    junk = SimpleUploadedFile("reply.ics", b"not a calendar")
    assert "not a calendar file" in client.post(url, {"reply": junk}, follow=True).content.decode()
    outsider = Client()
    outsider.force_login(cast.coach)
    assert outsider.post(url, {"reply": SimpleUploadedFile("r.ics", b"x")}).status_code == 404


def test_a_pairs_own_video_room_goes_into_the_invitation(
    pair, cast, smtp, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(cast.mentee)
    room = "https://teams.example.com/l/meetup-join/abc"
    response = client.post(f"/mentorships/{pair.pk}/video/", {"url": room})
    assert response.status_code == 302 and VideoLink.objects.get().url == room
    assert (
        client.post(f"/mentorships/{pair.pk}/video/", {"url": "http://x.example"}).status_code
        == 302
    )
    assert VideoLink.objects.get().url == room  # refused: not https
    smtp.messages.clear()
    meeting = pair.meetings.order_by("starts_at").first()
    with django_capture_on_commit_callbacks(execute=True):
        schedule.move_meeting(meeting, cast.mentee, dt.datetime(2026, 1, 21, 15, tzinfo=UTC))
    deliver_due()
    assert str(event_of(calendars(smtp)[0][2])["LOCATION"]) == room
    assert room in client.get(f"/mentorships/{pair.pk}/").content.decode()
