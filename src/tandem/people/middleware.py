"""Every page shows dates and times in the signed-in person's own time zone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.utils import timezone

from tandem.operations.dates import UnknownZone, read_zone
from tandem.people.models import Person


def person_zone(user) -> ZoneInfo | None:
    """The zone of the person linked to this account; None for accounts without a person or
    with a zone name the machine does not know (the server's zone is used then)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        name = user.person.timezone
    except Person.DoesNotExist:
        return None
    try:
        return read_zone(name) if name else None
    except UnknownZone:
        return None


class PersonTimeZoneMiddleware:
    """Activates ``Person.timezone`` for the request (after authentication), so the home page,
    participant pages and manager pages all agree on what "Thursday 9:00" means."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = person_zone(getattr(request, "user", None))
        if zone is None:
            return self.get_response(request)
        with timezone.override(zone):
            return self.get_response(request)
