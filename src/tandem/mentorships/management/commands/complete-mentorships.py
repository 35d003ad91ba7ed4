"""``tandem complete-mentorships``: complete the mentorships whose program has ended (daily)."""

from django.core.management.base import BaseCommand

from tandem.mentorships.services.closing import complete_ended_programs


class Command(BaseCommand):
    help = "Complete active mentorships whose program has ended; end those never started."

    def handle(self, *args, **options):
        counts = complete_ended_programs()
        self.stdout.write(f"{counts['completed']} completed, {counts['ended']} ended.")
