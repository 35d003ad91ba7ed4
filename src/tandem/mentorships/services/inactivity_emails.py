"""The emails of the inactivity steps (``inactivity``): one function per kind — a nudge and a
closing notice to each member, an alert to each coach and manager, the closing to each member
— each built in its recipient's language, naming dates as the pages do, never a pair's text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.mentorships.models import Mentorship, Participant
from tandem.mentorships.services.common import pair_url
from tandem.operations.dates import date_text
from tandem.people.models import Person
from tandem.programs.models import Enrolment

if TYPE_CHECKING:  # cycle: inactivity imports this module (for its emails)
    from tandem.mentorships.services.inactivity import Silence

NUDGE, NOTICE, CLOSE = "inactivity-nudge", "inactivity-notice", "inactivity-close"


@dataclass(frozen=True)
class Notice:
    """One email: the step it belongs to, its recipient and its words."""

    kind: str
    key: str
    email: str
    subject: str
    body: str


def _manager_url(mentorship: Mentorship) -> str:
    return settings.SITE_URL + reverse(
        "cockpit:pair", args=[mentorship.program.slug, mentorship.pk]
    )


def nudge_email(person: Person, mentorship: Mentorship, silence: Silence, at) -> Notice:
    """To each member: no meeting for a while, plan the next one."""
    with translation.override(person.mail_language):
        subject = _("Tandem: time to meet again")
        body = _(
            "Hello %(name)s,\n\nYour mentorship in %(program)s has had no meeting since "
            "%(since)s (%(days)s days). Plan your next meeting with your partner: a short "
            "conversation is enough to keep going.\n\n%(url)s\n"
        ) % {
            "name": person.first_name,
            "program": mentorship.program.name,
            "since": date_text(silence.since.date()),
            "days": silence.silent_days(at),
            "url": pair_url(mentorship.pk),
        }
    return Notice(NUDGE, silence.key, person.email, subject, body)


def notice_email(person: Person, mentorship: Mentorship, silence: Silence, closes) -> Notice:
    """To each member: the pair closes on a date unless a meeting is held before."""
    with translation.override(person.mail_language):
        subject = _("Tandem: your mentorship will close on %(date)s") % {"date": date_text(closes)}
        body = _(
            "Hello %(name)s,\n\nYour mentorship in %(program)s has had no meeting since "
            "%(since)s. Unless a meeting is held and marked as held before %(date)s, the "
            "mentorship will be closed on that day and you will both be free to be matched "
            "again. Your coach and your program manager have been told.\n\n%(url)s\n"
        ) % {
            "name": person.first_name,
            "program": mentorship.program.name,
            "since": date_text(silence.since.date()),
            "date": date_text(closes),
            "url": pair_url(mentorship.pk),
        }
    return Notice(NOTICE, silence.key, person.email, subject, body)


def alert_email(email: str, language: str, mentorship, names, silence, closes) -> Notice:
    """To each coach and manager of the pair: who, since when, what happens next."""
    with translation.override(language):
        subject = _("Tandem: %(names)s have not met since %(since)s") % {
            "names": names,
            "since": date_text(silence.since.date()),
        }
        body = _(
            "Hello,\n\n%(names)s (%(program)s) have held no meeting since %(since)s. They were "
            "nudged, and both have now been told that their mentorship closes on %(date)s "
            "unless a meeting is held before then. You may want to get in touch with them."
            "\n\n%(url)s\n"
        ) % {
            "names": names,
            "program": mentorship.program.name,
            "since": date_text(silence.since.date()),
            "date": date_text(closes),
            "url": _manager_url(mentorship),
        }
    return Notice(NOTICE, silence.key, email, subject, body)


def closed_email(person: Person, mentorship: Mentorship, silence: Silence) -> Notice:
    """To each member: the pair is closed, and they are free again."""
    with translation.override(person.mail_language):
        subject = _("Tandem: your mentorship in %(program)s is closed") % {
            "program": mentorship.program.name
        }
        body = _(
            "Hello %(name)s,\n\nWith no meeting held since %(since)s, your mentorship in "
            "%(program)s is now closed. You are free to be matched again: your program "
            "manager can propose a new partner.\n\n%(url)s\n"
        ) % {
            "name": person.first_name,
            "program": mentorship.program.name,
            "since": date_text(silence.since.date()),
            "url": settings.SITE_URL + reverse("web:home"),
        }
    return Notice(CLOSE, silence.key, person.email, subject, body)


def members(mentorship: Mentorship) -> list[Person]:
    """The pair's members who can be emailed, mentors first."""
    rows = mentorship.participants.exclude(answer=Participant.Answer.DECLINED).select_related(
        "person"
    )
    people = [p.person for p in sorted(rows, key=lambda p: (p.role != "mentor", p.pk))]
    return [p for p in people if p.email and p.is_active]


def supervisors(mentorship: Mentorship) -> list[tuple[str, str]]:
    """(email, language) of the program's managers and coaches and the pair's coaches."""
    program = mentorship.program
    found = []
    for user in program.managers.all():
        person = Person.objects.filter(user=user).first()
        found.append((user.email, person.mail_language if person else settings.LANGUAGE_CODE))
    found += [(p.email, p.mail_language) for p in program.coaches.all()]
    people = mentorship.participants.values("person_id")
    coaches = Enrolment.objects.filter(
        program=program, person_id__in=people, coach__isnull=False
    ).select_related("coach")
    found += [(e.coach.email, e.coach.mail_language) for e in coaches]
    seen, out = set(), []
    for email, language in found:
        if email and email not in seen:
            seen.add(email)
            out.append((email, language))
    return out
