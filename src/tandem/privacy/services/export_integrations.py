"""The export's "notices and calendar" section: the person's choice of channels, whether a
calendar address is connected (not the address: it is a credential, and theirs anyway), its
busy times, and the notices delivered to them by chat or queued email."""

from __future__ import annotations

from tandem.operations.models import Delivery
from tandem.people.models import BusyCalendar, ContactPreference


def notices_and_calendar(person, email: str) -> dict:
    preference = ContactPreference.objects.filter(person=person).first() if person else None
    calendar = BusyCalendar.objects.filter(person=person).first() if person else None
    deliveries = Delivery.objects.filter(recipient__iexact=email).order_by("pk") if email else []
    return {
        "notices_by": preference.channel if preference else "email",
        "slack_member_id": preference.slack_user if preference else "",
        "calendar_connected": calendar is not None,
        "calendar_last_read": calendar.fetched_at if calendar else None,
        "calendar_error": calendar.error if calendar else "",
        "busy_times": [
            {"starts_at": b.starts_at, "ends_at": b.ends_at} for b in calendar.busy.all()
        ]
        if calendar
        else [],
        "deliveries": [
            {
                "kind": d.kind,
                "channel": d.channel,
                "status": d.status,
                "subject": d.subject,
                "created_at": d.created_at,
                "sent_at": d.sent_at,
            }
            for d in deliveries
        ],
    }


def forget(person) -> None:
    """Erasure: the calendar address and its busy times, the chat identity."""
    BusyCalendar.objects.filter(person=person).delete()
    ContactPreference.objects.filter(person=person).delete()
