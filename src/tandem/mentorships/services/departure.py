"""A person deactivated (by the company's directory, or an administrator) leaves their open
proposals and mentorships cleanly, instead of being deleted.

In a pair, a proposal is withdrawn and an accepted or active mentorship ends (planned
meetings cancelled), so the partner is free for a new proposal; a circle or group where both
sides keep someone goes on without them. Their enrolments are withdrawn, so matching skips
them. Nothing is deleted: meetings, logs and answers stay as history. Everyone involved is
told by email in their own language, with no text of the pair in it.
"""

from __future__ import annotations

import logging
import smtplib

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.mentorships.models import OPEN_STATUSES, Mentorship, Participant
from tandem.mentorships.services.calendar import language_of
from tandem.mentorships.services.common import (
    active_participants,
    lock,
    now,
    pair_url,
)
from tandem.mentorships.services.lifecycle import _accept_if_everyone_did, cancel_future_meetings
from tandem.operations import notices
from tandem.people.models import Person
from tandem.people.services.contact import recipient_for
from tandem.programs.models import Enrolment, Program

logger = logging.getLogger(__name__)
Role = Participant.Role
GOES_ON, WITHDRAWN, ENDED = "continues", "withdrawn", "ended"


def leave_everything(person: Person, *, actor=None, source: str = "") -> dict[int, str]:
    """Take the person out of every open mentorship and enrolment; ``{mentorship id:
    outcome}``. Runs inside the deactivation's transaction."""
    outcomes = {}
    mine = Participant.objects.filter(person=person, mentorship__status__in=OPEN_STATUSES)
    for participant in mine.exclude(answer=Participant.Answer.DECLINED).order_by("pk"):
        mentorship = lock(participant.mentorship)
        outcomes[mentorship.pk] = _leave(mentorship, participant, actor, source)
    Enrolment.objects.filter(
        person=person,
        status__in=(Enrolment.Status.APPLIED, Enrolment.Status.ACCEPTED),
    ).exclude(program__status=Program.Status.CLOSED).update(status=Enrolment.Status.WITHDRAWN)
    if outcomes:
        transaction.on_commit(lambda: send_departure_emails(person.pk, outcomes))
    return outcomes


def _leave(mentorship: Mentorship, participant: Participant, actor, source: str) -> str:
    reason = _("Left the program: their account was deactivated.")
    others = active_participants(mentorship).exclude(pk=participant.pk)
    going_on = set(others.values_list("role", flat=True)) == {Role.MENTOR, Role.MENTEE}
    if going_on or mentorship.status == Mentorship.Status.PROPOSED:
        participant.answer, participant.answered_at = Participant.Answer.DECLINED, now()
        participant.decline_reason = reason
        participant.save(update_fields=["answer", "answered_at", "decline_reason"])
    if going_on:
        outcome = GOES_ON
        if mentorship.status == Mentorship.Status.PROPOSED:
            _accept_if_everyone_did(mentorship)
    elif mentorship.status == Mentorship.Status.PROPOSED:
        outcome = WITHDRAWN
        mentorship.status, mentorship.ended_at = Mentorship.Status.DECLINED, now()
        mentorship.save(update_fields=["status", "ended_at", "updated_at"])
    else:
        outcome = ENDED
        mentorship.status, mentorship.ended_at = Mentorship.Status.ENDED, now()
        mentorship.end_reason = reason
        mentorship.save(update_fields=["status", "ended_at", "end_reason", "updated_at"])
        cancel_future_meetings(mentorship)
    record(
        actor,
        "mentorship.participant_left",
        mentorship,
        participant=participant.pk,
        outcome=outcome,
        source=source,
    )
    return outcome


def partner_message(recipient: Person, mentorship: Mentorship, outcome: str) -> notices.Notice:
    """To a partner who stays: what happened to their mentorship, and what comes next."""
    url = pair_url(mentorship.pk)
    with translation.override(language_of(recipient)):
        subject = _("Tandem: a change in your mentorship")
        happened = {
            GOES_ON: _(
                "One member of your mentorship in %(program)s has left the program; "
                "your mentorship goes on with the others."
            ),
            WITHDRAWN: _(
                "The mentorship proposed to you in %(program)s is withdrawn: the "
                "other person has left the program."
            ),
            ENDED: _(
                "Your mentorship in %(program)s has ended: the other person has left "
                "the program. Your meetings with them are cancelled."
            ),
        }[outcome] % {"program": mentorship.program.name}
        next_step = (
            ""
            if outcome == GOES_ON
            else _("You are free for a new partner: your program manager can propose one.")
        )
        body = _("Hello %(name)s,\n\n%(happened)s %(next)s\n\n%(url)s\n") % {
            "name": recipient.first_name,
            "happened": happened,
            "next": next_step,
            "url": url,
        }
    return notices.Notice(
        kind="departure-partner",
        recipient=recipient_for(recipient),
        subject=subject,
        body=body,
        link=url,
        program_id=mentorship.program_id,
    )


def leaver_message(person: Person, program_names: list[str]) -> notices.Notice:
    """To the person who left: their participation has ended, with their history kept."""
    with translation.override(language_of(person)):
        subject = _("Tandem: your participation has ended")
        body = _(
            "Hello %(name)s,\n\nYour account was deactivated by your organisation, so your "
            "participation in %(programs)s has ended and your partners have been told. What "
            "you did in Tandem is kept; ask your program manager if this is a mistake.\n"
        ) % {"name": person.first_name, "programs": ", ".join(program_names)}
    # To their email alone: the leaver's chat account is usually closed with their directory one.
    return notices.Notice(
        kind="departure-leaver",
        recipient=notices.Recipient(email=person.email, language=person.mail_language),
        subject=subject,
        body=body,
        chat=False,
    )


def send_departure_emails(person_id: int, outcomes: dict[int, str]) -> int:
    """Email the partners of each mentorship and the person who left; returns how many."""
    person = Person.objects.get(pk=person_id)
    mentorships = Mentorship.objects.filter(pk__in=outcomes).select_related("program")
    messages = []
    for mentorship in mentorships.order_by("pk"):
        partners = active_participants(mentorship).exclude(person=person)
        for partner in partners.filter(person__is_active=True).exclude(person__email=""):
            messages.append(partner_message(partner.person, mentorship, outcomes[mentorship.pk]))
    if person.email:
        names = sorted({m.program.name for m in mentorships})
        messages.append(leaver_message(person, names))
    try:
        return notices.send_all(messages)
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("%s departure emails not sent: %s", len(messages), exc)
        return 0
