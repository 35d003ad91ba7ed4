"""Meeting invitations as real iTIP messages (RFC 5546) sent by email, for programs that turn
them on: ``METHOD:REQUEST`` when a meeting is planned or moved (same UID, ``SEQUENCE`` one
higher on every move, so calendars update the event instead of adding one), ``METHOD:CANCEL``
when it is cancelled. Tandem is the ORGANIZER (``TANDEM_CALENDAR_ORGANIZER``: attendees'
accept/decline replies go there and come back through ``tandem inbound-mail``); the
participants are the ATTENDEEs, asked to answer (``RSVP=TRUE``). Times carry the recipient's
time zone (TZID with its VTIMEZONE). Only the time, first names, addresses, the page's link
and the video room go out: never an agenda, a preparation or a log.

Invitations are queued for the task worker once the change commits (they never hold up the
page that moved the meeting), with its retries.
"""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar

from tandem.mentorships.models import Meeting, Mentorship, Participant, VideoLink
from tandem.mentorships.services.calendar import ical_address, meeting_event
from tandem.operations import notices
from tandem.operations.dates import zone_of
from tandem.programs.services.integrations import integration_of, render_template

REQUEST, CANCEL = "REQUEST", "CANCEL"


def organizer() -> tuple[str, str]:
    """(name, email) of the organizer: where attendees' replies are sent."""
    name, email = parseaddr(settings.TANDEM_CALENDAR_ORGANIZER or settings.DEFAULT_FROM_EMAIL)
    return name or "Tandem", email or "tandem@localhost"


def video_link(mentorship: Mentorship) -> str:
    """The pair's own room, else the program's pattern filled in, else nothing (no query
    when the mentorship was read with ``video_link`` and ``program__integration``)."""
    try:
        own = mentorship.video_link.url
    except VideoLink.DoesNotExist:
        own = ""
    if own:
        return own
    template = integration_of(mentorship.program).video_template
    return render_template(template, mentorship.program.slug, mentorship.pk) if template else ""


def meeting_url(meeting: Meeting) -> str:
    return settings.SITE_URL + reverse("mentorships:meeting", args=[meeting.pk])


def invitation(meeting: Meeting, person, method: str = REQUEST) -> bytes:
    """The iTIP object for one recipient: times in their zone, texts in their language."""
    zone, video = zone_of(person.timezone), video_link(meeting.mentorship)
    with translation.override(person.mail_language):
        event = meeting_event(meeting)
        for name in ("DTSTART", "DTEND", "ORGANIZER", "ATTENDEE", "STATUS"):
            event.pop(name, None)
        event.add("dtstart", meeting.starts_at.astimezone(zone))
        event.add("dtend", meeting.ends_at.astimezone(zone))
        event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
        org_name, org_email = organizer()
        event["organizer"] = ical_address(org_email, org_name)
        for p in _attendees(meeting):
            event.add(
                "attendee",
                ical_address(
                    p.person.email,
                    p.person.full_name,
                    role="REQ-PARTICIPANT",
                    partstat="NEEDS-ACTION",
                    rsvp="TRUE",
                ),
                encode=False,
            )
        lines = [_("Meeting page: %(url)s") % {"url": meeting_url(meeting)}]
        if video:
            event.add("location", video)
            lines.append(_("Video: %(url)s") % {"url": video})
        event.add("url", meeting_url(meeting))
        event.add("description", "\n".join(lines))
        cal = Calendar()
        cal.add("prodid", "-//Tandem//Reverse mentoring//EN")
        cal.add("version", "2.0")
        cal.add("method", method)
        cal.add_component(event)
        cal.add_missing_timezones()
        return cal.to_ical()


def _attendees(meeting: Meeting):
    return (
        meeting.mentorship.participants.exclude(answer=Participant.Answer.DECLINED)
        .filter(person__is_active=True)
        .select_related("person")
        .order_by("role", "pk")
    )


def _worded(meeting: Meeting, person, method: str) -> tuple[str, str]:
    zone = zone_of(person.timezone)
    when = f"{meeting.starts_at.astimezone(zone):%Y-%m-%d %H:%M} ({zone.key})"
    params = {
        "name": person.first_name,
        "program": meeting.mentorship.program.name,
        "when": when,
        "url": meeting_url(meeting),
    }
    with translation.override(person.mail_language):
        if method == CANCEL:
            subject = _("Tandem meeting cancelled: %(when)s") % params
            body = _(
                "Hello %(name)s,\n\nYour Tandem meeting (%(program)s) of %(when)s is "
                "cancelled.\n\n%(url)s\n"
            )
        elif meeting.sequence:
            subject = _("Tandem meeting moved: %(when)s") % params
            body = _(
                "Hello %(name)s,\n\nYour Tandem meeting (%(program)s) is moved to %(when)s. "
                "Your calendar updates the invitation when you accept it.\n\n%(url)s\n"
            )
        else:
            subject = _("Tandem meeting: %(when)s") % params
            body = _(
                "Hello %(name)s,\n\nYour Tandem meeting (%(program)s) is on %(when)s. Accept "
                "the invitation to put it in your calendar.\n\n%(url)s\n"
            )
        return subject, body % params


def send_invitations(meeting_ids: list[int], method: str = REQUEST) -> int:
    """Queue one invitation per participant of each meeting whose program sends them."""
    queued = 0
    meetings = Meeting.objects.filter(pk__in=meeting_ids).select_related("mentorship__program")
    for meeting in meetings.order_by("starts_at"):
        if not integration_of(meeting.mentorship.program).calendar_invitations:
            continue
        for p in _attendees(meeting):
            if not p.person.email:
                continue
            subject, body = _worded(meeting, p.person, method)
            notice = notices.Notice(
                kind="meeting-cancelled" if method == CANCEL else "meeting-invitation",
                recipient=notices.Recipient(
                    email=p.person.email, language=p.person.mail_language, person_id=p.person_id
                ),
                subject=subject,
                body=body,
                link=meeting_url(meeting),
                program_id=meeting.mentorship.program_id,
                chat=False,
                calendar=invitation(meeting, p.person, method),
                calendar_method=method,
            )
            queued += notices.send(notice, later=True)
    return queued


def invite_on_commit(meetings, method: str = REQUEST) -> None:
    """Send the invitations of these meetings (or ids) once the transaction commits."""
    ids = [getattr(m, "pk", m) for m in meetings]
    if ids:
        transaction.on_commit(lambda: send_invitations(ids, method))
