"""``tandem remind``: send the reminders that are due (run it from cron every few minutes)."""

from django.core.management.base import BaseCommand

from tandem.mentorships.services.reminders import send_due


class Command(BaseCommand):
    help = "Email the reminders that are due: meetings, logs, proposals, surveys. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be sent; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = send_due(dry_run=dry_run)
        verb = "would be sent" if dry_run else "sent"
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count} {verb}")
