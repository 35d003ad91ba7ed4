"""Self-matching in ``tandem remind`` (registered from ``MentorshipsConfig.ready``): requests
unanswered past their date expire and the mentee is told once; a mentor is reminded once of a
request that expires within two days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from tandem.mentorships.models import MentorRequest
from tandem.mentorships.services.reminders import TOO_OLD, Reminder, about, register
from tandem.mentorships.services.requests import expire_overdue

SOON = dt.timedelta(days=2)


@register("mentor-request-expired")
def requests_expired(at: dt.datetime) -> Iterator[Reminder]:
    expire_overdue(at)
    expired = MentorRequest.objects.filter(
        status=MentorRequest.Status.EXPIRED, expires_at__gt=at - TOO_OLD
    ).select_related("mentee", "program")
    for request in expired:
        yield about(
            "mentor-request-expired",
            request,
            request.mentee,
            request.program,
            _("Tandem: your request expired"),
            _(
                "Hello %(name)s,\n\nThe mentor you asked in %(program)s did not answer in time. "
                "You can choose another mentor.\n\n%(url)s/me/requests/\n"
            ),
        )


@register("mentor-request-pending")
def requests_pending(at: dt.datetime) -> Iterator[Reminder]:
    pending = MentorRequest.objects.filter(
        status=MentorRequest.Status.PENDING, expires_at__gt=at, expires_at__lte=at + SOON
    ).select_related("mentor", "program")
    for request in pending:
        yield about(
            "mentor-request-pending",
            request,
            request.mentor,
            request.program,
            _("Tandem: a mentee's request awaits your answer"),
            _(
                "Hello %(name)s,\n\nA mentee of %(program)s asked you to be their mentor; "
                "the request expires on %(when)s. Please accept or decline it.\n\n"
                "%(url)s/me/requests/\n"
            ),
            when=request.expires_at,
        )
