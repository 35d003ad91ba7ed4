"""``tandem complete-mentorships``: complete the mentorships whose program has ended, and make
scheduled programs running on their start date (daily)."""

from django.core.management.base import BaseCommand

from tandem.mentorships.services.closing import complete_ended_programs
from tandem.programs.services.lifecycle import start_due_programs


class Command(BaseCommand):
    help = (
        "Complete active mentorships whose program has ended; end those never started; make "
        "scheduled programs running on their start date."
    )

    def handle(self, *args, **options):
        started = start_due_programs()
        if started:
            self.stdout.write(f"{started} scheduled programs started.")
        counts = complete_ended_programs()
        self.stdout.write(f"{counts['completed']} completed, {counts['ended']} ended.")
