"""Calendars: the private feed (its secret token is the only credential) and the page where a
person creates, regenerates or revokes it. The link is shown once, right after creation."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import CalendarFeed
from tandem.mentorships.permissions import person_of
from tandem.mentorships.services.calendar import (
    feed_for_token,
    issue_feed_token,
    revoke_feed_token,
)
from tandem.mentorships.views.common import signed_in, tell_outcome


@require_GET
def calendar_feed(request, token: str):
    response = HttpResponse(feed_for_token(token), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


def _person(request):
    person = person_of(request.user)
    if person is None:
        raise Http404
    return person


def _page(request, person, secret_url: str | None = None):
    feed = CalendarFeed.objects.filter(person=person).first()
    context = {
        "feed": feed if feed and feed.revoked_at is None else None,
        "secret_url": secret_url,
    }
    response = render(request, "mentorships/calendar.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@signed_in
def calendar_page(request):
    return _page(request, _person(request))


@require_POST
@signed_in
def create_feed(request):
    """Create (or regenerate: the old link stops working) and show the link this once."""
    person = _person(request)
    try:
        token = issue_feed_token(person, request.user)
    except MentorshipError as e:
        messages.error(request, str(e))
        return redirect("mentorships:calendar")
    url = request.build_absolute_uri(reverse("mentorships:calendar-feed", args=[token]))
    return _page(request, person, secret_url=url)


@require_POST
@signed_in
def revoke_feed(request):
    tell_outcome(
        request,
        lambda: revoke_feed_token(_person(request), request.user),
        _("Your calendar link is revoked: it no longer works."),
    )
    return redirect("mentorships:calendar")
