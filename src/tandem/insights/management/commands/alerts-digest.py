"""``tandem alerts-digest``: refresh the pairs' alerts and send the weekly digest (run it from
cron; idempotent per ISO week and recipient)."""

from django.core.management.base import BaseCommand

from tandem.insights.services.digest import send_digest


class Command(BaseCommand):
    help = "Email each program manager and coach the open alerts of their pairs, once a week."

    def handle(self, *args, **options):
        sent = send_digest()
        self.stdout.write(f"alerts-digest: {sent} sent")
