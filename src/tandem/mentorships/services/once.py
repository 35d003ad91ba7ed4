"""Sending a notice at most once: a (kind, key, recipient) row is claimed in a short
transaction, the notice is sent outside it (no database lock held while the mail server
answers), and a failed send gives the claim back so that the next run tries again. Used by
``tandem remind``'s reminders and by the inactivity steps."""

from __future__ import annotations

import logging
import smtplib

from django.db import IntegrityError, transaction

from tandem.mentorships.models import SentReminder
from tandem.operations import notices

logger = logging.getLogger(__name__)


def claim(kind: str, key: str, recipient: str) -> bool:
    """Insert the row in a savepoint; False when it is there already (sent before, or
    claimed by a concurrent run)."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(kind=kind, key=key[:120], recipient=recipient)
    except IntegrityError:
        return False
    return True


def send_claimed(notice: notices.Notice, key: str, connection) -> bool:
    """Send a claimed notice; on a mail server's failure, log it and give the claim back."""
    recipient = notice.recipient.email
    try:
        notices.send(notice, connection=connection)
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("Notice %s %s to %s not sent: %s", notice.kind, key, recipient, exc)
        SentReminder.objects.filter(kind=notice.kind, key=key[:120], recipient=recipient).delete()
        return False
    return True
