"""A person's chat and calendar data in their export, and gone after erasure: their choice of
channels, their calendar address (never exported: a credential) and busy times, the notices
queued for them."""

import datetime as dt
import json

from tandem.operations.models import Delivery
from tandem.people.models import BusyCalendar, BusyInterval, ContactPreference
from tandem.privacy.services import erase, export, subjects

UTC = dt.UTC


def _connect(person):
    ContactPreference.objects.create(person=person, channel="both", slack_user="U0LEA1")
    calendar = BusyCalendar.objects.create(person=person, url="https://cal.example.com/s3cret")
    BusyInterval.objects.create(
        calendar=calendar,
        starts_at=dt.datetime(2026, 3, 2, 8, tzinfo=UTC),
        ends_at=dt.datetime(2026, 3, 2, 9, tzinfo=UTC),
    )
    Delivery.objects.create(
        kind="meeting-soon",
        channel="slack",
        recipient=person.email,
        subject="Tandem: meeting on 2026-03-04 10:00",
        status="sent",
    )


def test_the_export_lists_them_without_the_address(cast):
    person = cast.mentor.person
    _connect(person)
    data = json.loads(export.export(subjects.for_user(cast.mentor), cast.mentor))
    section = data["notices_and_calendar"]
    assert section["notices_by"] == "both" and section["slack_member_id"] == "U0LEA1"
    assert section["calendar_connected"] is True and len(section["busy_times"]) == 1
    assert section["deliveries"][0]["subject"] == "Tandem: meeting on 2026-03-04 10:00"
    assert "s3cret" not in json.dumps(data)


def test_erasure_forgets_them(cast):
    person = cast.mentor.person
    email = person.email
    _connect(person)
    erase.erase(subjects.for_user(cast.mentor), cast.manager)
    assert not BusyCalendar.objects.exists() and not BusyInterval.objects.exists()
    assert not ContactPreference.objects.exists()
    assert not Delivery.objects.filter(recipient=email).exists()
