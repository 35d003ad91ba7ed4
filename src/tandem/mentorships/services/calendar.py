"""Meetings in people's calendars: one ``.ics`` invitation per meeting and a private feed per
person. An invitation carries the time, the first names and the attendees' addresses (a
calendar needs them to answer); the feed carries only what its page promises, the times and
the first names, worded in the person's language. Never an agenda, a log or a preparation.
The feed token is shown once; only its SHA-256 is kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import CalendarFeed, Meeting, Participant
from tandem.mentorships.permissions import person_of
from tandem.mentorships.services.common import first_names, now
from tandem.people.models import Person

UTC = dt.UTC
FEED_STATUSES = (Meeting.Status.PLANNED, Meeting.Status.HELD)
ICS_STATUS = {
    Meeting.Status.PLANNED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.MISSED: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def language_of(person: Person) -> str:
    """The first of the person's languages Tandem speaks (en, fr); English otherwise."""
    return person.mail_language


def meeting_uid(meeting: Meeting) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "tandem"
    return f"tandem-meeting-{meeting.pk}@{host}"


def ical_address(email: str, name: str, **params) -> vCalAddress:
    """A mailto address with its common name and parameters (organiser, attendee)."""
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name)
    for key, value in params.items():
        address.params[key] = vText(value)
    return address


def _bare_event(meeting: Meeting, names: str) -> Event:
    """The fields every copy of a meeting carries: identity, times, the pair's first names."""
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", (meeting.updated_at or now()).astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("summary", _("Tandem meeting: %(names)s") % {"names": names})
    event.add("status", ICS_STATUS[meeting.status])
    return event


def meeting_event(meeting: Meeting) -> Event:
    event = _bare_event(meeting, first_names(meeting.mentorship))
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    event["organizer"] = ical_address(email or "tandem@localhost", name or "Tandem")
    people = meeting.mentorship.participants.exclude(answer=Participant.Answer.DECLINED)
    for p in people.select_related("person"):
        event.add(
            "attendee",
            ical_address(p.person.email, p.person.full_name, role="REQ-PARTICIPANT"),
            encode=False,
        )
    return event


def _calendar(method: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Tandem//Reverse mentoring//EN")
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    return cal


def meeting_ics(meeting: Meeting, language: str = "en") -> bytes:
    """An invitation (REQUEST, or CANCEL for a cancelled meeting) for one meeting."""
    with translation.override(language):
        cancelled = meeting.status == Meeting.Status.CANCELLED
        cal = _calendar("CANCEL" if cancelled else "REQUEST")
        cal.add_component(meeting_event(meeting))
        return cal.to_ical()


def issue_feed_token(person: Person, actor) -> str:
    """A new secret feed token for the person (replacing any earlier one); shown only now."""
    if person_of(actor) != person:
        raise MentorshipError(_("Only you can create your calendar link."))
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.update_or_create(
            person=person, defaults={"token_hash": _hash(token), "revoked_at": None}
        )
    return token


def revoke_feed_token(person: Person, actor) -> None:
    if person_of(actor) != person:
        raise MentorshipError(_("Only you can revoke your calendar link."))
    CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).update(revoked_at=now())


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def feed_for_token(token: str) -> bytes:
    """The person's planned and held meetings; Http404 for an unknown or revoked token."""
    feed = (
        CalendarFeed.objects.select_related("person")
        .filter(token_hash=_hash(token or ""), revoked_at__isnull=True)
        .first()
    )
    if feed is None:
        raise Http404
    return person_feed(feed.person)


def feed_event(meeting: Meeting, names: str) -> Event:
    """A meeting as the feed shows it: its times and the pair's first names, nothing else (no
    attendee, no organiser address, no full name)."""
    return _bare_event(meeting, names)


def _first_names_by_mentorship(mentorship_ids) -> dict[int, str]:
    """ "Léa & Jean" for each mentorship (mentors first), read in one query."""
    people: dict[int, list] = {}
    rows = (
        Participant.objects.filter(mentorship_id__in=mentorship_ids)
        .exclude(answer=Participant.Answer.DECLINED)
        .order_by("mentorship_id", "-role", "id")  # "mentor" sorts after "mentee"
        .values_list("mentorship_id", "person__full_name")
    )
    for mentorship_id, full_name in rows:
        if full_name:
            people.setdefault(mentorship_id, []).append(full_name.split()[0])
    return {pk: " & ".join(names) for pk, names in people.items()}


def person_feed(person: Person) -> bytes:
    """The person's planned and held meetings in three queries, whatever their number."""
    mine = Participant.objects.filter(person=person).exclude(answer=Participant.Answer.DECLINED)
    meetings = list(
        Meeting.objects.filter(
            mentorship_id__in=mine.values("mentorship_id"), status__in=FEED_STATUSES
        ).order_by("starts_at")
    )
    names = _first_names_by_mentorship({m.mentorship_id for m in meetings})
    with translation.override(language_of(person)):
        cal = _calendar()
        cal.add("x-wr-calname", _("Tandem meetings"))
        for meeting in meetings:
            cal.add_component(feed_event(meeting, names.get(meeting.mentorship_id, "")))
        return cal.to_ical()
