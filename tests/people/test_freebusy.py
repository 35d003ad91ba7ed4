"""Free/busy from a private calendar address served by a local HTTP server: recurring events
across a daylight-saving change, free and cancelled events ignored, only intervals kept, the
address encrypted, an unreadable feed reported to its owner once, private addresses refused."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from icalendar import Calendar, Event

from tandem.people.errors import PeopleError
from tandem.people.models import BusyCalendar, BusyInterval
from tandem.people.services import freebusy
from tests.operations.chat_server import ChatServer

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
UTC = dt.UTC


def ics() -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Test//EN")
    cal.add("version", "2.0")

    def event(uid, start, end, summary="Board meeting", **extra):
        e = Event()
        e.add("uid", uid)
        e.add("summary", summary)
        e.add("location", "Room 12, confidential")
        e.add("dtstart", start)
        e.add("dtend", end)
        for key, value in extra.items():
            e.add(key, value)
        cal.add_component(e)

    # Mondays 09:00-10:00 in Paris, six weeks: summer time starts on 29 March.
    event(
        "weekly",
        dt.datetime(2026, 3, 2, 9, tzinfo=PARIS),
        dt.datetime(2026, 3, 2, 10, tzinfo=PARIS),
        rrule={"freq": "weekly", "count": 6},
    )
    event(
        "free",
        dt.datetime(2026, 3, 3, 9, tzinfo=PARIS),
        dt.datetime(2026, 3, 3, 17, tzinfo=PARIS),
        transp="TRANSPARENT",
    )
    event(
        "gone",
        dt.datetime(2026, 3, 4, 9, tzinfo=PARIS),
        dt.datetime(2026, 3, 4, 17, tzinfo=PARIS),
        status="CANCELLED",
    )
    event("holiday", dt.date(2026, 3, 5), dt.date(2026, 3, 6))  # all day, in her zone
    event(
        "tandem-meeting-7@testserver",
        dt.datetime(2026, 3, 6, 9, tzinfo=PARIS),
        dt.datetime(2026, 3, 6, 10, tzinfo=PARIS),
    )
    cal.add_missing_timezones()
    return cal.to_ical()


@pytest.fixture
def served(settings):
    server = ChatServer().start()
    settings.TANDEM_FREEBUSY = True
    settings.TANDEM_FREEBUSY_ALLOW_PRIVATE = True  # the server is on this machine
    yield server
    server.stop()


@pytest.fixture
def clock_start():
    return NOW


def connect(cast, served, path="/cal/private-abc/basic.ics"):
    client = Client()
    client.force_login(cast.mentor)
    response = client.post("/people/profile/busy-calendar/", {"url": served.url + path})
    return client, response


def test_it_keeps_only_the_busy_intervals_in_utc(
    cast, served, clock, django_capture_on_commit_callbacks
):
    served.answer("/cal/private-abc/basic.ics", 200, ics().decode())
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client, response = connect(cast, served)
    assert response.status_code == 302 and len(queued) == 1  # read by the worker, not the page
    calendar = BusyCalendar.objects.get(person=cast.mentor.person)
    assert freebusy.refresh(calendar) is True
    busy = list(BusyInterval.objects.values_list("starts_at", "ends_at"))
    winter = [
        (dt.datetime(2026, 3, d, 8, tzinfo=UTC), dt.datetime(2026, 3, d, 9, tzinfo=UTC))
        for d in (2, 9, 16, 23)
    ]
    summer = [
        (dt.datetime(2026, 3, 30, 7, tzinfo=UTC), dt.datetime(2026, 3, 30, 8, tzinfo=UTC)),
        (dt.datetime(2026, 4, 6, 7, tzinfo=UTC), dt.datetime(2026, 4, 6, 8, tzinfo=UTC)),
    ]
    holiday = [(dt.datetime(2026, 3, 4, 23, tzinfo=UTC), dt.datetime(2026, 3, 5, 23, tzinfo=UTC))]
    assert sorted(busy) == sorted(winter[:2] + holiday + winter[2:] + summer)
    page = client.get("/people/profile/notices/").content.decode()
    assert "Your calendar at 127.0.0.1 is connected." in page and "7 busy times ahead" in page
    assert "private-abc" not in page  # the address is never shown back


def test_it_stores_the_address_encrypted_and_no_title(cast, served, clock):
    served.answer("/cal/private-abc/basic.ics", 200, ics().decode())
    connect(cast, served)
    freebusy.refresh(BusyCalendar.objects.get())
    with connection.cursor() as cursor:
        cursor.execute("SELECT url FROM people_busycalendar")
        (raw,) = cursor.fetchone()
        assert raw.startswith("fernet:") and "private-abc" not in raw
        for table in ("people_busycalendar", "people_busyinterval"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            text = repr(cursor.fetchall())
            assert "Board" not in text and "confidential" not in text


def test_it_reports_an_unreadable_feed_to_its_owner_once(
    cast, served, clock, mailoutbox, django_capture_on_commit_callbacks
):
    served.answer("/cal/private-abc/basic.ics", 404, "Not found", times=2)
    client, _response = connect(cast, served)
    calendar = BusyCalendar.objects.get()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert freebusy.refresh(calendar) is False
    calendar.refresh_from_db()
    assert calendar.error == "The calendar's server refused to give it (HTTP 404)."
    assert [m.subject for m in mail.outbox] == ["Tandem cannot read your calendar"]
    assert mail.outbox[0].to == [cast.mentor.email]
    assert "/people/profile/notices/" in mail.outbox[0].body
    profile = client.get("/people/profile/").content.decode()
    assert "Tandem cannot read your calendar: The calendar&#x27;s server refused" in profile
    served.answer("/cal/private-abc/basic.ics", 200, ics().decode())
    assert freebusy.refresh(calendar) is True
    calendar.refresh_from_db()
    assert calendar.error == "" and calendar.error_notified_at is None


@pytest.mark.parametrize(
    "body, message",
    [
        ("<html>Sign in</html>", "does not give a calendar"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:garbage\n", "does not give a calendar"),
    ],
)
def test_it_says_when_the_address_is_not_a_calendar(cast, served, clock, body, message):
    served.answer("/cal/private-abc/basic.ics", 200, body)
    connect(cast, served)
    calendar = BusyCalendar.objects.get()
    assert freebusy.refresh(calendar) is False
    assert message in calendar.error


def test_it_refuses_a_calendar_larger_than_allowed(cast, served, clock, settings):
    settings.TANDEM_FREEBUSY_MAX_BYTES = 1000
    served.answer("/cal/private-abc/basic.ics", 200, ics().decode())
    connect(cast, served)
    assert freebusy.refresh(BusyCalendar.objects.get()) is False
    assert "larger than" in BusyCalendar.objects.get().error


@pytest.mark.parametrize(
    "url, message",
    [
        ("http://calendar.example.com/x.ics", "https://"),
        ("ftp://calendar.example.com/x.ics", "https://"),
        ("https://127.0.0.1/x.ics", "private network"),
        ("https://[::1]/x.ics", "private network"),
        ("https://10.1.2.3/x.ics", "private network"),
        ("https://user:pw@calendar.example.com/x.ics", "cannot be used"),
    ],
)
def test_it_never_fetches_from_a_private_network(url, message, settings):
    settings.TANDEM_FREEBUSY_ALLOW_PRIVATE = False
    with pytest.raises(PeopleError, match=message):
        freebusy.fetch(url)


def test_webcal_addresses_are_read_over_https():
    assert freebusy.clean_address(
        " webcal://outlook.office365.com/owa/calendar/x/calendar.ics "
    ) == ("https://outlook.office365.com/owa/calendar/x/calendar.ics")


def test_it_is_off_unless_the_server_turns_it_on(cast, settings):
    settings.TANDEM_FREEBUSY = False
    client = Client()
    client.force_login(cast.mentor)
    page = client.get("/people/profile/notices/").content.decode()
    assert "not set up in your organisation" in page
    response = client.post("/people/profile/busy-calendar/", {"url": "https://x.example/a.ics"})
    assert response.status_code == 400 and not BusyCalendar.objects.exists()


def test_the_command_reads_every_calendar_and_removing_forgets_it(cast, served, clock):
    served.answer("/cal/private-abc/basic.ics", 200, ics().decode())
    client, _response = connect(cast, served)
    out = __import__("io").StringIO()
    call_command("refresh-calendars", stdout=out)
    assert out.getvalue().strip() == "1 calendars read, 0 could not be read."
    assert BusyInterval.objects.count() == 7
    assert client.post("/people/profile/busy-calendar/remove/").status_code == 302
    assert not BusyCalendar.objects.exists() and not BusyInterval.objects.exists()
