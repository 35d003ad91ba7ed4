"""``tandem remind``: emails that say something is due — never what a pair wrote.

Reminder kinds are a registry: a function registered with ``@register("kind")`` takes the
current time and yields ``Reminder`` rows. Apps above mentorships (insights: "a survey is due")
register their own kinds from their ``AppConfig.ready()``.

Idempotent and safe from cron every few minutes, on several machines at once: the due
reminders are claimed by inserting ``SentReminder`` rows, unique on (kind, key, recipient), in
one short transaction; a second run (even a concurrent one) hits the unique constraint and
skips them. Emails go out after that transaction, so no database lock is held while the SMTP
server answers. A failed send deletes its claim, so the next run tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tandem.mentorships.models import Meeting, Mentorship, Participant, SentReminder
from tandem.mentorships.services import inactivity, once
from tandem.mentorships.services.calendar import language_of
from tandem.mentorships.services.common import now
from tandem.operations import notices
from tandem.operations.dates import datetime_text
from tandem.people.models import Person
from tandem.people.services.contact import recipient_for

SOON = dt.timedelta(hours=48)
LOG_GRACE = dt.timedelta(days=2)
TOO_OLD = dt.timedelta(days=30)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reminder:
    """One notice to one person. ``subject`` and ``body`` are lazy translations formatted with
    ``params`` (plus ``name`` and ``url``) in the recipient's language; ``link`` is the path of
    the page it is about (``url`` is that page's address; the home page without one)."""

    kind: str
    key: str
    person: Person
    subject: str
    body: str
    params: dict = field(default_factory=dict)
    when: dt.datetime | None = None  # shown in the recipient's time zone as %(when)s
    link: str = ""
    program_id: int | None = None


Finder = Callable[[dt.datetime], Iterable[Reminder]]
REGISTRY: dict[str, Finder] = {}


def register(kind: str) -> Callable[[Finder], Finder]:
    def decorator(finder: Finder) -> Finder:
        REGISTRY[kind] = finder
        return finder

    return decorator


def about(kind: str, row, person: Person, program, subject, body, **fields) -> Reminder:
    """The reminder to ``person`` about one row of ``program``: keyed by the row, with the
    program's name as %(program)s (``fields``: more ``params``, ``when``, ``link``…)."""
    params = {"program": program.name, **fields.pop("params", {})}
    return Reminder(
        kind=kind,
        key=str(row.pk),
        person=person,
        subject=subject,
        body=body,
        params=params,
        **fields,
    )


def _participants(meeting: Meeting):
    return meeting.mentorship.participants.exclude(
        answer=Participant.Answer.DECLINED
    ).select_related("person")


def _meeting_reminders(kind, meetings, subject, body) -> Iterator[Reminder]:
    for meeting in meetings.select_related("mentorship__program"):
        for p in _participants(meeting):
            yield Reminder(
                kind=kind,
                key=f"{meeting.pk}@{meeting.starts_at:%Y%m%dT%H%MZ}",
                person=p.person,
                subject=subject,
                body=body,
                when=meeting.starts_at,
                params={"program": meeting.mentorship.program.name},
                link=f"/mentorships/meetings/{meeting.pk}/",
                program_id=meeting.mentorship.program_id,
            )


@register("meeting-soon")
def meetings_soon(at: dt.datetime) -> Iterator[Reminder]:
    meetings = Meeting.objects.filter(
        status=Meeting.Status.PLANNED,
        starts_at__gt=at,
        starts_at__lte=at + SOON,
        mentorship__status=Mentorship.Status.ACTIVE,
    )
    yield from _meeting_reminders(
        "meeting-soon",
        meetings,
        _("Tandem: meeting on %(when)s"),
        _(
            "Hello %(name)s,\n\nYour Tandem meeting (%(program)s) is on %(when)s. You can write "
            "your preparation beforehand.\n\n%(url)s\n"
        ),
    )


@register("meeting-unconfirmed")
def meetings_unconfirmed(at: dt.datetime) -> Iterator[Reminder]:
    """A meeting whose time has passed and is still planned: held or missed?"""
    started = Meeting.objects.filter(
        status=Meeting.Status.PLANNED,
        starts_at__lt=at,
        starts_at__gt=at - TOO_OLD,
        mentorship__status=Mentorship.Status.ACTIVE,
    )
    meetings = Meeting.objects.filter(pk__in=[m.pk for m in started if m.ends_at <= at])
    yield from _meeting_reminders(
        "meeting-unconfirmed",
        meetings,
        _("Tandem: did your meeting take place?"),
        _(
            "Hello %(name)s,\n\nYour Tandem meeting (%(program)s) of %(when)s is still marked as "
            "planned. Please mark it held or missed, and write its log.\n\n%(url)s\n"
        ),
    )


@register("log-missing")
def logs_missing(at: dt.datetime) -> Iterator[Reminder]:
    meetings = Meeting.objects.filter(
        status=Meeting.Status.HELD,
        log__isnull=True,
        starts_at__lt=at - LOG_GRACE,
        starts_at__gt=at - TOO_OLD,
        mentorship__status__in=[Mentorship.Status.ACTIVE, Mentorship.Status.COMPLETED],
    )
    yield from _meeting_reminders(
        "log-missing",
        meetings,
        _("Tandem: a meeting log is due"),
        _(
            "Hello %(name)s,\n\nThe log of your Tandem meeting (%(program)s) of %(when)s is "
            "still to be written.\n\n%(url)s\n"
        ),
    )


@register("proposal-pending")
def proposals_pending(at: dt.datetime) -> Iterator[Reminder]:
    pending = Participant.objects.filter(
        answer=Participant.Answer.PENDING, mentorship__status=Mentorship.Status.PROPOSED
    ).select_related("person", "mentorship__program")
    for p in pending:
        yield about(
            "proposal-pending",
            p,
            p.person,
            p.mentorship.program,
            _("Tandem: a mentorship proposal awaits your answer"),
            _(
                "Hello %(name)s,\n\nA mentorship is proposed to you in %(program)s. Please "
                "accept or decline it.\n\n%(url)s\n"
            ),
            link=f"/mentorships/{p.mentorship_id}/",
            program_id=p.mentorship.program_id,
        )


def _local(moment: dt.datetime, person: Person) -> str:
    """In the person's zone and language, written as the pages write it."""
    return datetime_text(moment, person.timezone, language_of(person))


def render(reminder: Reminder) -> tuple[str, str]:
    person = reminder.person
    params = {
        "name": person.first_name,
        "url": settings.SITE_URL + reminder.link,
        **reminder.params,
    }
    if reminder.when is not None:
        params["when"] = _local(reminder.when, person)
    with translation.override(language_of(person)):
        return str(reminder.subject) % params, str(reminder.body) % params


def _claim(reminders: list[Reminder]) -> list[Reminder]:
    """Claim every row in one short transaction (one savepoint each); no email is sent while
    it (on SQLite, the database's write lock) is held."""
    with transaction.atomic():
        return [r for r in reminders if once.claim(r.kind, r.key, r.person.email)]


def _send_once(reminder: Reminder, connection) -> bool:
    """Send a claimed reminder; a failed send gives the claim back, so the next run retries."""
    subject, body = render(reminder)
    return once.send_claimed(_notice(reminder, subject, body), reminder.key, connection)


def _notice(reminder: Reminder, subject: str, body: str) -> notices.Notice:
    return notices.Notice(
        kind=reminder.kind,
        recipient=recipient_for(reminder.person),
        subject=subject,
        body=body,
        link=settings.SITE_URL + reminder.link,
        program_id=reminder.program_id,
    )


def already_sent(reminder: Reminder) -> bool:
    return SentReminder.objects.filter(
        kind=reminder.kind, key=reminder.key[:120], recipient=reminder.person.email
    ).exists()


def send_due(at: dt.datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """Send every due reminder not sent before; returns how many per kind. Rows are found,
    then claimed in one short transaction, then sent outside it."""
    at = at or now()
    counts = dict.fromkeys(REGISTRY, 0)
    counts.update(inactivity.run(at, dry_run=dry_run))  # silent pairs, before the alerts' refresh
    due = [
        reminder
        for finder in REGISTRY.values()
        for reminder in finder(at)
        if reminder.person.email and reminder.person.is_active
    ]
    if dry_run:
        for reminder in due:
            counts[reminder.kind] = counts.get(reminder.kind, 0) + (not already_sent(reminder))
        return counts
    connection = get_connection()
    with connection:
        for reminder in _claim(due):
            if _send_once(reminder, connection):
                counts[reminder.kind] = counts.get(reminder.kind, 0) + 1
    return counts
