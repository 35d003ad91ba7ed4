"""What every participant page shares: sign-in and the permission check (dates are in the
person's own time zone on every page: ``tandem.people.middleware``)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import CalendarFeed, ClosingReview, Mentorship, Participant
from tandem.mentorships.permissions import (
    get_mentorship_for,
    person_of,
    require_participant,
)
from tandem.operations.locking import bump_version

signed_in = login_required


def my_mentorship(request: HttpRequest, pk: int) -> tuple[Mentorship, Participant]:
    """The mentorship and the user's place in it; a 404 for anyone but its participants."""
    mentorship = get_mentorship_for(request.user, pk)
    return mentorship, require_participant(request.user, mentorship)


def my_mentorship_and_people(
    request: HttpRequest, pk: int
) -> tuple[Mentorship, Participant, list[Participant]]:
    """``my_mentorship`` for pages that list everyone anyway: the participants are read once
    (with their person, "has reviewed" and "has a calendar feed") and the user's place is
    found among them, the same rule as ``require_participant`` (a non-declining participant),
    so the page costs two queries instead of five."""
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("program__integration", "video_link"), pk=pk
    )
    person = person_of(request.user)
    if person is None:
        raise Http404
    people = list(
        mentorship.participants.select_related("person")
        .annotate(
            reviewed=Exists(ClosingReview.objects.filter(participant=OuterRef("pk"))),
            has_feed=Exists(
                CalendarFeed.objects.filter(
                    person_id=OuterRef("person_id"), revoked_at__isnull=True
                )
            ),
        )
        .order_by("role", "pk")
    )
    for participant in people:
        if participant.person_id == person.pk and participant.answer != Participant.Answer.DECLINED:
            participant.mentorship = mentorship  # spares a query in templates and services
            return mentorship, participant, people
    raise Http404


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def form_data(request: HttpRequest):
    """The posted data, even when empty (so a forged empty POST shows "required" errors)."""
    return request.POST if request.method == "POST" else None


def form_saved(request: HttpRequest, form, save: Callable[[], object], message: str) -> bool:
    """A valid form given to its service (``save``): the service's refusal goes back on the
    form as its error, success is told with ``message``. True when saved."""
    if not form.is_valid():
        return False
    try:
        save()
    except MentorshipError as error:
        form.add_error(None, str(error))
        return False
    messages.success(request, message)
    return True


def tell_outcome(request: HttpRequest, act: Callable[[], object], message: str) -> None:
    """A service call told in a message: its refusal as an error, otherwise ``message``."""
    try:
        act()
    except MentorshipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message)


@contextmanager
def new_version(mentorship: Mentorship):
    """The action in the block and a bump of the mentorship's version commit together, so an
    API client still holding the old version (``If-Match``) gets a 409 instead of acting on a
    state it has not seen. An error in the block rolls both back."""
    with transaction.atomic():
        yield
        bump_version(Mentorship, mentorship.pk, None)
