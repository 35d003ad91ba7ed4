"""``tandem demo``: build the demo organisation once, then print where and how to sign in."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tandem.demo import builder


class Command(BaseCommand):
    help = "Build a realistic demo organisation (once) and print one login per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=builder.DEFAULT_SEED,
            help="Random seed; the same seed gives the same organisation.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo organisation, its programs and accounts, then build it again.",
        )

    def handle(self, *args, seed: int, reset: bool, **options):
        try:
            self._build(seed, reset)
            self._print_logins(builder.logins())
        except builder.DemoError as error:
            raise CommandError(str(error)) from error

    def _build(self, seed: int, reset: bool) -> None:
        started = time.perf_counter()
        if reset and builder.exists():
            builder.remove()
            self.stdout.write("The previous demo organisation was deleted.")
        if builder.build(seed=seed, today=timezone.localdate()):
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo organisation built (seed {seed}) "
                    f"in {time.perf_counter() - started:.1f} s."
                )
            )
        else:
            self.stdout.write("The demo organisation is already there; it was kept as it is.")

    def _print_logins(self, logins) -> None:
        url = getattr(settings, "SITE_URL", "http://127.0.0.1:8000") + "/"
        self.stdout.write(f"\nOpen {url} and sign in as one of:\n")
        rows = [("Role", "Name", "Email"), *_rows(logins)]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for i, row in enumerate(rows):
            cells = (cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            self.stdout.write(("  " + "  ".join(cells)).rstrip())
            if i == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths))
        self.stdout.write(f"\nPassword for every demo account: {builder.PASSWORD}\n")


def _rows(logins) -> list[tuple[str, str, str]]:
    return [(login.role, login.name, login.email) for login in logins]
