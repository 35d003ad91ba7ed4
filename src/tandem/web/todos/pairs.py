"""To-dos of a person's pairs and circles: answer a proposal, sign the charter, write the log
of a meeting that took place."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tandem.mentorships.models import Meeting, Mentorship, Participant
from tandem.mentorships.services.reminders import LOG_GRACE, TOO_OLD
from tandem.web.todos import Reader, Todo, provider, todo

ANSWER_WITHIN = dt.timedelta(days=7)


def _mine(reader: Reader):
    return Participant.objects.filter(person=reader.person).exclude(
        answer=Participant.Answer.DECLINED
    )


@provider
def proposals(reader: Reader) -> list[Todo]:
    """Proposals the person has not answered yet (from the places already read)."""
    return [
        todo(
            "proposal",
            _("Answer the mentorship proposal in %(program)s")
            % {"program": place.mentorship.program.name},
            reverse("mentorships:detail", args=[place.mentorship_id]),
            timezone.localdate(place.mentorship.created_at + ANSWER_WITHIN),
            reader,
        )
        for place in reader.places
        if place.answer == Participant.Answer.PENDING
        and place.mentorship.status == Mentorship.Status.PROPOSED
    ]


@provider
def charters(reader: Reader) -> list[Todo]:
    """Charters of accepted pairs the person has not signed (from the places already read)."""
    return [
        todo(
            "charter",
            _("Sign the charter of %(program)s") % {"program": place.mentorship.program.name},
            reverse("mentorships:charter", args=[place.mentorship_id]),
            timezone.localdate(accepted + ANSWER_WITHIN) if accepted else None,
            reader,
        )
        for place in reader.places
        if place.answer != Participant.Answer.DECLINED
        and place.charter_signed_at is None
        and place.mentorship.status == Mentorship.Status.ACCEPTED
        for accepted in [place.mentorship.accepted_at]
    ]


@provider
def logs(reader: Reader) -> list[Todo]:
    """Meetings of the last 30 days that took place (held, or planned and begun) and have no
    log yet: the same window as the "log missing" reminder."""
    took_place = Q(status=Meeting.Status.HELD) | Q(
        status=Meeting.Status.PLANNED, starts_at__lte=reader.now
    )
    rows = (
        Meeting.objects.filter(
            took_place,
            mentorship_id__in=_mine(reader).values("mentorship_id"),
            mentorship__status__in=[Mentorship.Status.ACTIVE, Mentorship.Status.COMPLETED],
            log__isnull=True,
            starts_at__gt=reader.now - TOO_OLD,
        )
        .order_by("starts_at")
        .values_list("pk", "starts_at")
    )
    return [
        todo(
            "log",
            _("Write the log of the meeting of %(when)s")
            % {"when": date_format(timezone.localtime(starts), "DATETIME_FORMAT")},
            reverse("mentorships:log", args=[pk]),
            timezone.localdate(starts + LOG_GRACE),
            reader,
        )
        for pk, starts in rows
    ]
