"""``tandem inbound-mail``: read one raw email on standard input (a mail server's pipe for the
organizer's address, ``TANDEM_CALENDAR_ORGANIZER``) and record the calendar answers in it
(accepted, tentative, declined). Prints one line per answer; always exits 0 so the mail
server never bounces a message back to its sender."""

import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.services.itip_replies import apply_email

MAX_BYTES = 10 * 1024 * 1024


class Command(BaseCommand):
    help = _("Record the meeting invitation answers in one raw email read on standard input.")

    def handle(self, *args, **options):
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            self.stderr.write(_("The email is too large: ignored."))
            return
        try:
            outcomes = apply_email(raw)
        except MentorshipError as error:
            self.stderr.write(_("Ignored: %(reason)s") % {"reason": error})
            return
        for outcome in outcomes:
            stream = self.stdout if outcome.applied else self.stderr
            stream.write(
                _("%(who)s, meeting %(meeting)s: %(what)s")
                % {
                    "who": outcome.attendee,
                    "meeting": outcome.meeting_id or "?",
                    "what": outcome.message,
                }
            )
