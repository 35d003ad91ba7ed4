"""``tandem create-program NAME --format … --start … --end …``: create a draft program and
print its slug (scripts capture it for ``import-enrollments``)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program
from tandem.programs.services.programs import create_program

# Options passed through to ``create_program`` as keyword arguments: add one here and there.
SERVICE_OPTIONS = ("format", "start", "end", "cadence_days", "meeting_minutes", "renews")


class Command(BaseCommand):
    help = _("Create a draft program open to every active topic and print its slug.")

    def add_arguments(self, parser):
        parser.add_argument("name", help=_("the program's name"))
        parser.add_argument("--format", required=True, choices=Program.Format.values)
        parser.add_argument("--start", required=True, help=_("first day, YYYY-MM-DD"))
        parser.add_argument("--end", required=True, help=_("last day, YYYY-MM-DD"))
        parser.add_argument("--cadence-days", type=int, default=30, help=_("days between meetings"))
        parser.add_argument(
            "--meeting-minutes", type=int, default=60, help=_("length of a meeting in minutes")
        )
        parser.add_argument(
            "--renews",
            metavar="PROGRAM",
            default=None,
            help=_("slug of the program this cohort renews (its pairs are not repeated)"),
        )

    def handle(self, *args, **options):
        kwargs = {key: options[key] for key in SERVICE_OPTIONS}
        try:
            program = create_program(options["name"], **kwargs)
        except ProgramsError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(program.slug)
