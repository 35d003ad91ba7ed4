"""``tandem import-enrollments PROGRAM FILE.csv [--skip-invalid]``: enrol mentors and mentees."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tandem.people.errors import PeopleError
from tandem.people.management.importing import finish_import
from tandem.people.services.csvreader import open_for_import
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program
from tandem.programs.services.enrolment_import import import_enrolments


class Command(BaseCommand):
    help = _(
        "Import a program's enrolments from a CSV file (employee_id, role, topics, capacity, "
        "languages, availability)."
    )

    def add_arguments(self, parser):
        parser.add_argument("program", help=_("the program's slug"))
        parser.add_argument("file", help=_("the CSV file (UTF-8, comma or semicolon separated)"))
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("write the valid rows even if some rows are rejected"),
        )

    def handle(self, *args, **options):
        program = Program.objects.filter(slug=options["program"]).first()
        if program is None:
            raise CommandError(_("No program with the slug “%s”.") % options["program"])
        try:
            with open_for_import(options["file"]) as stream:
                report = import_enrolments(
                    program, stream, skip_invalid=options["skip_invalid"], show_progress=True
                )
        except (PeopleError, ProgramsError) as exc:
            raise CommandError(str(exc)) from None
        finish_import(self, report, skip_invalid=options["skip_invalid"])
