"""What the import commands share: print the report, fail the way scripts expect."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tandem.people.errors import PeopleError
from tandem.people.services.csvreader import ImportReport, open_for_import


def add_import_arguments(parser) -> None:
    """The CSV file and --skip-invalid, worded alike in every import command."""
    parser.add_argument("file", help=_("the CSV file (UTF-8, comma or semicolon separated)"))
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help=_("write the valid rows even if some rows are rejected"),
    )


def run_import(command: BaseCommand, options: dict, importer, errors=(PeopleError,)) -> None:
    """Open the file, call ``importer(stream, skip_invalid=…, show_progress=True)`` and report;
    the service's ``errors`` become a CommandError (exit 1) with their message."""
    try:
        with open_for_import(options["file"]) as stream:
            report = importer(stream, skip_invalid=options["skip_invalid"], show_progress=True)
    except errors as exc:
        raise CommandError(str(exc)) from None
    finish_import(command, report, skip_invalid=options["skip_invalid"])


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
