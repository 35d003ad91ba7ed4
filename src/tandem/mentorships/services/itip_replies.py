"""Attendees' answers to Tandem's invitations (iTIP ``METHOD:REPLY``): accepted, tentative or
declined for one meeting, as their calendar sent it to the organizer's address (forwarded by
the mail server to ``tandem inbound-mail``) or as a participant uploaded it on the meeting
page. An answer counts only for its own attendee: from the email's sender, or from the
signed-in participant, never for someone else; an answer to an older version of a meeting
(before it moved) is ignored."""

from __future__ import annotations

import email
import re
from dataclasses import dataclass
from email.policy import default as default_policy
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from icalendar import Calendar

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import Meeting, MeetingReply, Participant

ANSWERS = {
    "ACCEPTED": MeetingReply.Answer.ACCEPTED,
    "TENTATIVE": MeetingReply.Answer.TENTATIVE,
    "DECLINED": MeetingReply.Answer.DECLINED,
}
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Outcome:
    meeting_id: int | None
    attendee: str
    applied: bool
    message: str


def _meeting_id(uid: str) -> int | None:
    host = re.escape(urlsplit(settings.SITE_URL).hostname or "tandem")
    found = re.fullmatch(rf"tandem-meeting-(\d+)@{host}", uid.strip())
    return int(found.group(1)) if found else None


def _email_of(address) -> str:
    return str(address).removeprefix("mailto:").removeprefix("MAILTO:").strip().lower()


def read_reply(data: bytes) -> list[tuple[str, int, str, str]]:
    """(uid, sequence, attendee email, PARTSTAT) of each answer in an iTIP REPLY."""
    if len(data) > MAX_BYTES:
        raise MentorshipError(_("This calendar file is too large to be an answer."))
    try:
        calendar = Calendar.from_ical(data)
    except ValueError:
        raise MentorshipError(_("This is not a calendar file (.ics).")) from None
    if str(calendar.get("METHOD", "")).upper() != "REPLY":
        raise MentorshipError(_("This calendar file is not an answer to an invitation (REPLY)."))
    found = []
    for event in calendar.walk("VEVENT"):
        attendees = event.get("ATTENDEE", [])
        for attendee in attendees if isinstance(attendees, list) else [attendees]:
            found.append(
                (
                    str(event.get("UID", "")),
                    int(event.get("SEQUENCE", 0)),
                    _email_of(attendee),
                    str(attendee.params.get("PARTSTAT", "")).upper(),
                )
            )
    return found


def apply_reply(data: bytes, *, sender: str, source: str) -> list[Outcome]:
    """Record each answer in ``data`` that ``sender`` (an email address) gave themselves."""
    outcomes = []
    for uid, sequence, attendee, partstat in read_reply(data):
        outcomes.append(_apply_one(uid, sequence, attendee, partstat, sender.lower(), source))
    return outcomes


def _apply_one(uid, sequence, attendee, partstat, sender, source) -> Outcome:
    meeting_id = _meeting_id(uid)
    if meeting_id is None:
        return Outcome(None, attendee, False, _("not one of Tandem's meetings"))
    if attendee != sender:
        return Outcome(
            meeting_id, attendee, False, _("an answer can only be given by its attendee")
        )
    if partstat not in ANSWERS:
        return Outcome(meeting_id, attendee, False, _("no answer (%(s)s)") % {"s": partstat})
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().filter(pk=meeting_id).first()
        participant = (
            Participant.objects.filter(
                mentorship_id=meeting.mentorship_id, person__email__iexact=attendee
            )
            .exclude(answer=Participant.Answer.DECLINED)
            .first()
            if meeting
            else None
        )
        if participant is None:
            return Outcome(meeting_id, attendee, False, _("not a participant of this meeting"))
        if sequence < meeting.sequence:
            return Outcome(meeting_id, attendee, False, _("an answer to a version moved since"))
        MeetingReply.objects.update_or_create(
            meeting=meeting,
            participant=participant,
            defaults={"answer": ANSWERS[partstat], "sequence": sequence, "source": source},
        )
    return Outcome(meeting_id, attendee, True, str(ANSWERS[partstat].label))


def calendar_parts(raw: bytes) -> tuple[str, list[bytes]]:
    """(sender, the text/calendar parts and .ics attachments) of a raw email."""
    message = email.message_from_bytes(raw, policy=default_policy)
    sender = parseaddr(str(message.get("From", "")))[1].lower()
    parts = []
    for part in message.walk():
        name = (part.get_filename() or "").lower()
        if part.get_content_type() == "text/calendar" or name.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if payload:
                parts.append(payload)
    return sender, parts


def apply_email(raw: bytes) -> list[Outcome]:
    """Every answer in a forwarded email, given by its sender."""
    sender, parts = calendar_parts(raw)
    if not sender:
        raise MentorshipError(_("The email has no sender."))
    if not parts:
        raise MentorshipError(_("The email holds no calendar answer."))
    outcomes, seen = [], set()
    for data in parts:  # the same answer often comes as an alternative and an attachment
        if data in seen:
            continue
        seen.add(data)
        try:
            outcomes += apply_reply(data, sender=sender, source=MeetingReply.Source.EMAIL)
        except MentorshipError as error:
            outcomes.append(Outcome(None, sender, False, str(error)))
    return outcomes
