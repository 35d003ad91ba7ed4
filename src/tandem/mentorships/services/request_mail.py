"""The emails of self-matching, one function per kind (subject, body, recipient, language),
sent once the request's change commits. Like proposal emails, they name the program and
link to the page, never the message or who asked: a forwarded email leaks nothing."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tandem.mentorships.models import MentorRequest
from tandem.operations import notices
from tandem.people.models import Person
from tandem.people.services.contact import recipient_for

logger = logging.getLogger(__name__)
Mail = tuple[Person, str, str]  # recipient, subject, body


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _mail(person: Person, subject: str, body: str, **params) -> Mail:
    """Subject and body (gettext_noop'd English) worded in the recipient's language."""
    with translation.override(person.mail_language):
        params = {"name": person.first_name, **params}
        return person, _(subject) % params, _(body) % params


def asked(request: MentorRequest) -> list[Mail]:
    with translation.override(request.mentor.mail_language):
        until = date_format(request.expires_at, "DATE_FORMAT")
    return [
        _mail(
            request.mentor,
            gettext_noop("Tandem: a mentee asks you to be their mentor"),
            gettext_noop(
                "Hello %(name)s,\n\nA mentee of %(program)s asks you to be their mentor. Sign "
                "in to read their message and answer by %(until)s.\n\n%(url)s\n"
            ),
            program=request.program.name,
            until=until,
            url=_url("mentorships:requests"),
        )
    ]


def _to_mentee(request: MentorRequest, subject: str, body: str) -> list[Mail]:
    return [
        _mail(
            request.mentee,
            subject,
            body,
            program=request.program.name,
            url=_url("mentorships:requests"),
        )
    ]


def declined(request: MentorRequest) -> list[Mail]:
    return _to_mentee(
        request,
        gettext_noop("Tandem: an answer to your request"),
        gettext_noop(
            "Hello %(name)s,\n\nThe mentor you asked in %(program)s cannot take you on. You can "
            "choose another mentor.\n\n%(url)s\n"
        ),
    )


def awaiting_approval(request: MentorRequest) -> list[Mail]:
    mails = _to_mentee(
        request,
        gettext_noop("Tandem: your mentor said yes"),
        gettext_noop(
            "Hello %(name)s,\n\nThe mentor you asked in %(program)s said yes. A program manager "
            "now approves the pair; you will be told.\n\n%(url)s\n"
        ),
    )
    managers = Person.objects.filter(user__managed_programs=request.program).exclude(email="")
    return mails + [
        _mail(
            manager,
            gettext_noop("Tandem: a pair waits for your approval"),
            gettext_noop(
                "Hello %(name)s,\n\nA mentor accepted a mentee's request in %(program)s. The pair "
                "waits for your approval.\n\n%(url)s\n"
            ),
            program=request.program.name,
            url=_url("mentorships:program-requests", request.program.slug),
        )
        for manager in managers
    ]


def paired(request: MentorRequest) -> list[Mail]:
    url = _url("mentorships:detail", request.mentorship_id)
    return [
        _mail(
            person,
            gettext_noop("Tandem: your pair is made"),
            gettext_noop(
                "Hello %(name)s,\n\nYour pair in %(program)s is made. Sign the charter and set "
                "your goals to start.\n\n%(url)s\n"
            ),
            program=request.program.name,
            url=url,
        )
        for person in (request.mentee, request.mentor)
    ]


def refused(request: MentorRequest) -> list[Mail]:
    return [
        _mail(
            person,
            gettext_noop("Tandem: a request was not approved"),
            gettext_noop(
                "Hello %(name)s,\n\nA program manager of %(program)s did not approve the pair you "
                "agreed on. The mentee can choose another mentor.\n\n%(url)s\n"
            ),
            program=request.program.name,
            url=_url("mentorships:requests"),
        )
        for person in (request.mentee, request.mentor)
    ]


def send(mails: list[Mail]) -> int:
    sent = 0
    for person, subject, body in mails:
        if not person.email or not person.is_active:
            continue
        notice = notices.Notice(
            kind="mentor-request", recipient=recipient_for(person), subject=subject, body=body
        )
        try:
            sent += notices.send(notice)
        except (smtplib.SMTPException, OSError) as exc:
            logger.warning("Request email to %s not sent: %s", person.email, exc)
    return sent


def on_commit(kind: Callable[[MentorRequest], list[Mail]], request: MentorRequest) -> None:
    """Word the emails now (the request as it is), send them once the change commits."""
    mails = kind(request)
    transaction.on_commit(lambda: send(mails))
