"""``tandem privacy export EMAIL [--output FILE]``, ``tandem privacy erase EMAIL [--yes]`` and
``tandem privacy purge [--dry-run]`` (daily, from cron): personal data rights from the shell."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tandem.privacy.errors import PrivacyError
from tandem.privacy.services import erase, export, retention, subjects


class Command(BaseCommand):
    help = "Export or erase one person's data; purge confidential texts past retention."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        exp = sub.add_parser("export", help="all of a person's data as JSON")
        exp.add_argument("email")
        exp.add_argument("--output", help="write to this file instead of the standard output")
        era = sub.add_parser("erase", help="anonymise a person everywhere (cannot be undone)")
        era.add_argument("email")
        era.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        pur = sub.add_parser("purge", help="delete texts of mentorships closed long ago")
        pur.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except PrivacyError as exc:
            raise CommandError(str(exc)) from None

    def _export(self, options):
        subject = subjects.for_email(options["email"])
        text = export.export(subject, None, via="command")
        if options["output"]:
            try:
                _write_private(Path(options["output"]), text + "\n")
            except OSError as exc:
                raise CommandError(f"Cannot write {options['output']}: {exc.strerror}.") from None
            self.stderr.write(f"Data of {subject.email} written to {options['output']}.")
        else:
            self.stdout.write(text)

    def _erase(self, options):
        subject = subjects.for_email(options["email"])
        if subject.erased:
            raise CommandError(f"{options['email']} has already been erased.")
        if not options["yes"] and not self._confirm(subject):
            raise CommandError("Nothing erased.")
        counts = erase.erase(subject, None, via="command")
        details = ", ".join(f"{k} {v}" for k, v in counts.items())
        self.stdout.write(f"{options['email']} erased ({details}).")

    def _confirm(self, subject) -> bool:
        name = subject.person.full_name if subject.person else subject.email
        self.stdout.write(f"Erase {name} <{subject.email}> everywhere? This cannot be undone.")
        try:
            return input("Type yes to confirm: ").strip().lower() == "yes"
        except EOFError:
            return False

    def _purge(self, options):
        months = settings.TANDEM_RETENTION_MONTHS
        if months == 0:
            self.stdout.write("Retention is off (TANDEM_RETENTION_MONTHS=0): nothing purged.")
            return
        counts = retention.purge(dry_run=options["dry_run"])
        texts = sum(v for k, v in counts.items() if k != "mentorships")
        verb = "would be emptied" if options["dry_run"] else "emptied"
        self.stdout.write(
            f"{counts['mentorships']} mentorships closed more than {months} months ago; "
            f"{texts} rows of confidential text {verb}."
        )


def _write_private(path: Path, text: str) -> None:
    """Personal data: readable by the file's owner only (0600), even on a shared server."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
