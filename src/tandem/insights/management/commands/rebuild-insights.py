"""``tandem rebuild-insights [PROGRAM ...]``: recompute the summaries the dashboard reads
(meetings per month, before/after answer pairs) from the meetings and answers themselves,
after data was loaded around the ORM (raw SQL, a restored partial dump). They keep
themselves exact otherwise."""

import time

from django.core.management.base import BaseCommand, CommandError

from tandem.insights.services import summary
from tandem.programs.models import Program


class Command(BaseCommand):
    help = "Recompute the dashboard's summaries of some programs (slugs or ids) or of all."

    def add_arguments(self, parser):
        parser.add_argument("programs", nargs="*", help="Slugs or ids; none means every program.")

    def handle(self, *args, programs, **options):
        ids = [self._program(p).pk for p in programs] if programs else None
        started = time.perf_counter()
        months, pairs = summary.rebuild(ids)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"rebuild-insights: {months} monthly meeting rows and {pairs} answer pairs "
            f"written in {seconds:.1f} s"
        )

    @staticmethod
    def _program(value: str) -> Program:
        found = Program.objects.filter(slug=value).first()
        if found is None and value.isdecimal():
            found = Program.objects.filter(pk=int(value)).first()
        if found is None:
            raise CommandError(f"No program with the slug or id {value!r}.")
        return found
