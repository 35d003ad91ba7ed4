"""``tandem restore FILE [--yes]``: replace the database's contents with a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from tandem.operations.backup import database_label, pending_migrations, restore
from tandem.operations.errors import OperationsError
from tandem.operations.files import readable_backup


class Command(BaseCommand):
    help = _(
        "Replace everything in the database with the backup in FILE, in one transaction. "
        "Asks for confirmation unless --yes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help=_("a file written by “tandem backup”"))
        parser.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))

    def _confirmed(self, file: str) -> bool:
        question = _(
            "This replaces every row of the database %(database)s with the backup %(file)s. "
            "Type “yes” to continue: "
        ) % {"database": database_label(), "file": file}
        try:
            answer = input(question)
        except EOFError:  # no terminal to answer: cancel
            self.stdout.write("")
            return False
        return answer.strip().lower() in {"yes", _("yes")}

    def handle(self, *args, file, yes=False, **options):
        try:
            # A missing or wrong file is refused before anything is asked.
            readable_backup(Path(file), connection.vendor)
            if not yes and not self._confirmed(file):
                raise CommandError(_("Restore cancelled: nothing was changed."))
            restore(file)
        except OperationsError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(_("Database restored from %(file)s.") % {"file": file})
        missing = pending_migrations()
        if missing:
            self.stderr.write(
                _(
                    "The backup is older than this version of Tandem (%(count)s migrations "
                    "missing): run “tandem migrate” now."
                )
                % {"count": missing}
            )
