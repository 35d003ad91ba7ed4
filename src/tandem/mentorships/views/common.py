"""What every participant page shares: sign-in, the person's time zone, the permission check."""

from __future__ import annotations

from functools import wraps
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.utils import timezone

from tandem.mentorships.models import Mentorship, Participant
from tandem.mentorships.permissions import (
    get_mentorship_for,
    person_of,
    require_participant,
)


def person_zone(user) -> ZoneInfo | None:
    person = person_of(user)
    try:
        return ZoneInfo(person.timezone) if person and person.timezone else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def signed_in(view):
    """Login required, and dates shown in the person's own time zone (Person.timezone)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        zone = person_zone(request.user)
        if zone is None:
            return view(request, *args, **kwargs)
        with timezone.override(zone):
            return view(request, *args, **kwargs)

    return wrapper


def my_mentorship(request: HttpRequest, pk: int) -> tuple[Mentorship, Participant]:
    """The mentorship and the user's place in it; a 404 for anyone but its participants."""
    mentorship = get_mentorship_for(request.user, pk)
    return mentorship, require_participant(request.user, mentorship)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def form_data(request: HttpRequest):
    """The posted data, even when empty (so a forged empty POST shows "required" errors)."""
    return request.POST if request.method == "POST" else None
