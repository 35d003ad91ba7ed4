"""``tandem remind`` claims its rows in one short transaction and talks to the SMTP server
outside it: no database lock is held while an email is sent."""

import pytest
from django.core.mail import EmailMessage
from django.db import connection

from tandem.mentorships.models import SentReminder
from tandem.mentorships.services import reminders


@pytest.mark.django_db(transaction=True)
def test_no_email_is_sent_inside_a_transaction(
    reference_data_present,
    pending_proposal,
    monkeypatch,
):
    seen = []
    send = EmailMessage.send

    def watched(self, *args, **kwargs):
        seen.append(
            (connection.in_atomic_block, SentReminder.objects.filter(recipient=self.to[0]).exists())
        )
        return send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", watched)
    counts = reminders.send_due()
    assert counts["proposal-pending"] == 2
    assert seen and all(in_block is False for in_block, _ in seen)
    assert all(claimed for _, claimed in seen)  # claimed (committed) before the send
