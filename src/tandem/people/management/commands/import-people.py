"""``tandem import-people FILE.csv [--skip-invalid]``: load the HRIS export of people."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tandem.people.errors import PeopleError
from tandem.people.management.importing import finish_import
from tandem.people.services.csvreader import open_for_import
from tandem.people.services.people_import import import_people


class Command(BaseCommand):
    help = _(
        "Import people from a CSV file (employee_id, email, full_name, title, department, "
        "manager_id, organization, site, timezone, languages[, gender, birth_year])."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the CSV file (UTF-8, comma or semicolon separated)"))
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("write the valid rows even if some rows are rejected"),
        )

    def handle(self, *args, **options):
        try:
            with open_for_import(options["file"]) as stream:
                report = import_people(
                    stream, skip_invalid=options["skip_invalid"], show_progress=True
                )
        except PeopleError as exc:
            raise CommandError(str(exc)) from None
        finish_import(self, report, skip_invalid=options["skip_invalid"])
