"""``tandem report PROGRAM --pdf FILE``: the impact report for the sponsor (slug or id)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tandem.insights.services import report
from tandem.programs.models import Program


class Command(BaseCommand):
    help = "Write a program's impact report as a PDF (figures under 5 people hidden)."

    def add_arguments(self, parser):
        parser.add_argument("program", help="The program's slug or id.")
        parser.add_argument("--pdf", required=True, help="Where to write the PDF.")

    def handle(self, *args, program, pdf, **options):
        found = Program.objects.filter(slug=program).first()
        if found is None and program.isdecimal():
            found = Program.objects.filter(pk=int(program)).first()
        if found is None:
            raise CommandError(f"No program with the slug or id {program!r}.")
        try:
            Path(pdf).write_bytes(report.impact_report(found, None))
        except OSError as exc:
            raise CommandError(f"Cannot write {pdf}: {exc.strerror}.") from None
        self.stdout.write(f"Impact report of {found.name} written to {pdf}.")
