"""The private calendar feed (pages come later); the secret token is the only credential."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from tandem.mentorships.services.calendar import feed_for_token


@require_GET
def calendar_feed(request, token: str):
    response = HttpResponse(feed_for_token(token), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
