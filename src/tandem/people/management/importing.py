"""What the import commands share: print the report, fail the way scripts expect."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tandem.people.services.csvreader import ImportReport


def finish_import(command: BaseCommand, report: ImportReport, *, skip_invalid: bool) -> None:
    """Errors to stderr; what the import decided (new organisations…) and the summary to
    stdout; CommandError (exit 1) if nothing was written because of bad rows or an unreadable
    file."""
    for error in report.errors:
        command.stderr.write(str(error))
    if report.fatal:
        raise CommandError(_("The file could not be read; nothing was imported."))
    for note in report.notes:
        command.stdout.write(str(note))
    command.stdout.write(report.summary())
    if report.errors and not skip_invalid:
        raise CommandError(
            _(
                "%(count)s rows rejected; nothing was imported "
                "(use --skip-invalid to import the valid rows)."
            )
            % {"count": report.rejected}
        )
