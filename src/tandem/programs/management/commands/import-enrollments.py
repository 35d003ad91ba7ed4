"""``tandem import-enrollments PROGRAM FILE.csv [--skip-invalid]``: enrol mentors and mentees."""

from functools import partial

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tandem.people.errors import PeopleError
from tandem.people.management.importing import add_import_arguments, run_import
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
        add_import_arguments(parser)

    def handle(self, *args, **options):
        program = Program.objects.filter(slug=options["program"]).first()
        if program is None:
            raise CommandError(_("No program with the slug “%s”.") % options["program"])
        importer = partial(import_enrolments, program)
        run_import(self, options, importer, errors=(PeopleError, ProgramsError))
