"""What every participant page shares: sign-in and the permission check (dates are in the
person's own time zone on every page: ``tandem.people.middleware``)."""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest

from tandem.mentorships.models import Mentorship, Participant
from tandem.mentorships.permissions import (
    get_mentorship_for,
    require_participant,
)
from tandem.operations.locking import bump_version

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


@contextmanager
def new_version(mentorship: Mentorship):
    """The action in the block and a bump of the mentorship's version commit together, so an
    API client still holding the old version (``If-Match``) gets a 409 instead of acting on a
    state it has not seen. An error in the block rolls both back."""
    with transaction.atomic():
        yield
        bump_version(Mentorship, mentorship.pk, None)
