"""``tandem import-people FILE.csv [--skip-invalid]``: load the HRIS export of people."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from tandem.people.management.importing import add_import_arguments, run_import
from tandem.people.services.people_import import import_people


class Command(BaseCommand):
    help = _(
        "Import people from a CSV file (employee_id, email, full_name, title, department, "
        "manager_id, organization, site, timezone, languages[, gender, birth_year])."
    )

    def add_arguments(self, parser):
        add_import_arguments(parser)

    def handle(self, *args, **options):
        run_import(self, options, import_people)
