"""``tandem schedule PROGRAM``: plan the meetings of a program's active mentorships."""

from django.core.management.base import BaseCommand, CommandError

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import Meeting, Mentorship
from tandem.mentorships.services.schedule import generate_schedule
from tandem.programs.models import Program


class Command(BaseCommand):
    help = "Plan the remaining meetings of every active mentorship of a program (by slug)."

    def add_arguments(self, parser):
        parser.add_argument("program", help="The program's slug.")

    def handle(self, *args, program, **options):
        prog = Program.objects.filter(slug=program).first()
        if prog is None:
            raise CommandError(f"No program with the slug {program!r}.")
        planned = flagged = 0
        active = prog.mentorships.filter(status=Mentorship.Status.ACTIVE)
        already = Meeting.objects.filter(
            mentorship__in=active, status=Meeting.Status.PLANNED
        ).count()
        for mentorship in active:
            try:
                result = generate_schedule(mentorship)
            except MentorshipError as exc:
                self.stderr.write(f"{mentorship}: {exc}")
                continue
            planned += len(result.meetings)
            flagged += result.fallback
            if result.fallback:
                why = "; ".join(result.fallback_reasons)
                self.stdout.write(
                    f"{mentorship}: {result.fallback} meetings at a default time ({why})"
                )
        self.stdout.write(
            f"{planned} meetings planned now, {flagged} of them at a default time; "
            f"{already} were already planned."
        )
