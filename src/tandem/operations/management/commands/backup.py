"""``tandem backup FILE``: a consistent copy of the database, taken while the app runs."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tandem.operations.backup import backup
from tandem.operations.errors import OperationsError


class Command(BaseCommand):
    help = _(
        "Write a consistent copy of the database into FILE while Tandem keeps running "
        "(SQLite online backup, or pg_dump custom format for PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help=_("where to write the backup"))

    def handle(self, *args, file, **options):
        try:
            path = backup(file)
        except OperationsError as exc:
            raise CommandError(str(exc)) from None
        size = path.stat().st_size
        self.stdout.write(
            _("Backup written to %(file)s (%(size)s bytes).") % {"file": path, "size": size}
        )
