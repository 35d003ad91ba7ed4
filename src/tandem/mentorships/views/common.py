"""What every participant page shares: sign-in and the permission check (dates are in the
person's own time zone on every page: ``tandem.people.middleware``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest

from tandem.mentorships.models import Mentorship, Participant
from tandem.mentorships.permissions import (
    get_mentorship_for,
    require_participant,
)

signed_in = login_required


def my_mentorship(request: HttpRequest, pk: int) -> tuple[Mentorship, Participant]:
    """The mentorship and the user's place in it; a 404 for anyone but its participants."""
    mentorship = get_mentorship_for(request.user, pk)
    return mentorship, require_participant(request.user, mentorship)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def form_data(request: HttpRequest):
    """The posted data, even when empty (so a forged empty POST shows "required" errors)."""
    return request.POST if request.method == "POST" else None
