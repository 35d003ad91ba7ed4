"""Tell people a mentorship is proposed to them, once the proposal is committed.

One function for both ways a proposal appears (a published matching run, a manager's hand-made
mentorship). The email names the program and links to the mentorship page; it never says who
the partner is nor why (the page shows that to the signed-in participant only), so a
forwarded or misdirected email leaks nothing.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.mentorships.models import Participant
from tandem.mentorships.services.calendar import language_of
from tandem.mentorships.services.common import pair_url
from tandem.operations import notices
from tandem.people.services.contact import recipient_for

logger = logging.getLogger(__name__)


def _message(participant: Participant) -> notices.Notice:
    person = participant.person
    url = pair_url(participant.mentorship_id)
    with translation.override(language_of(person)):
        subject = _("Tandem: a mentorship proposal awaits your answer")
        body = _(
            "Hello %(name)s,\n\nYou have a proposed mentoring partner in %(program)s: sign in "
            "to see who and why, and accept or decline.\n\n%(url)s\n"
        ) % {
            "name": person.first_name,
            "program": participant.mentorship.program.name,
            "url": url,
        }
    return notices.Notice(
        kind="proposal",
        recipient=recipient_for(person),
        subject=subject,
        body=body,
        link=url,
        program_id=participant.mentorship.program_id,
    )


def send_proposal_emails(mentorship_ids: Iterable[int]) -> int:
    """Tell every active person of these mentorships now (by email, chat or both, as each
    chose); returns how many were sent."""
    participants = (
        Participant.objects.filter(mentorship_id__in=list(mentorship_ids))
        .exclude(answer=Participant.Answer.DECLINED)
        .filter(person__is_active=True)
        .exclude(person__email="")
        .select_related("person__contact_preference", "mentorship__program")
        .order_by("mentorship_id", "pk")
    )
    messages = [_message(p) for p in participants.iterator(chunk_size=2000)]
    if not messages:
        return 0
    try:
        return notices.send_all(messages)
    except (smtplib.SMTPException, OSError) as exc:
        # The proposal stands; `tandem remind` reminds pending participants later.
        logger.warning("%s proposal emails not sent: %s", len(messages), exc)
        return 0


def notify_proposed(mentorship_ids: Iterable[int]) -> None:
    """Schedule the proposal emails for when the current transaction commits (never for a
    proposal that was rolled back)."""
    ids = list(mentorship_ids)
    if ids:
        transaction.on_commit(lambda: send_proposal_emails(ids))
