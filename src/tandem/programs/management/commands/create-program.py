"""``tandem create-program NAME --format … --start … --end … [options]``: create a draft program
(objective, charter, circle size, minimum evidence, training, coaches, sponsor, managers) and
print its slug (scripts capture it for ``import-enrollments``)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program
from tandem.programs.services.charter import read_charter_file
from tandem.programs.services.programs import EVIDENCE_WORDS, create_program

# Options passed through to ``create_program`` as keyword arguments: add one here and there.
SERVICE_OPTIONS = (
    "format",
    "start",
    "end",
    "cadence_days",
    "meeting_minutes",
    "renews",
    "objective",
    "circle_size",
    "min_evidence",
    "training",
    "coaches",
    "sponsor",
    "managers",
)


class Command(BaseCommand):
    help = _("Create a draft program open to every active topic and print its slug.")

    def add_arguments(self, parser):
        parser.add_argument("name", help=_("the program's name"))
        parser.add_argument("--format", required=True, choices=Program.Format.values)
        parser.add_argument("--start", required=True, help=_("first day, YYYY-MM-DD"))
        parser.add_argument("--end", required=True, help=_("last day, YYYY-MM-DD"))
        parser.add_argument("--cadence-days", type=int, default=30, help=_("days between meetings"))
        parser.add_argument(
            "--meeting-minutes", type=int, default=60, help=_("length of a meeting in minutes")
        )
        parser.add_argument(
            "--renews",
            metavar="PROGRAM",
            default=None,
            help=_("slug of the program this cohort renews (its pairs are not repeated)"),
        )
        self.add_setup_arguments(parser)

    def add_setup_arguments(self, parser) -> None:
        """What the program asks of its mentors and who runs it (all optional)."""
        parser.add_argument("--objective", metavar="TEXT", default="", help=_("the objective"))
        parser.add_argument(
            "--charter-file",
            metavar="FILE",
            help=_("the charter's texts, a TOML file (see the README)"),
        )
        parser.add_argument(
            "--circle-size",
            metavar="N",
            type=int,
            help=_("mentors per mentee: circle 2 to 8 (default 3), project 1 to 8 (default 1)"),
        )
        parser.add_argument(
            "--min-evidence",
            metavar="LEVEL",
            choices=list(EVIDENCE_WORDS),
            help=_("mentors' minimum evidence: self, endorsed (default), assessed, certified"),
        )
        parser.add_argument(
            "--training",
            metavar="MODULE,...|none",
            help=_("required training modules, comma-separated, or none (default: all)"),
        )
        parser.add_argument(
            "--coach",
            metavar="EMAIL",
            action="append",
            dest="coaches",
            help=_("a coach, by email (repeat for several)"),
        )
        parser.add_argument("--sponsor", metavar="EMAIL", help=_("the sponsor, by email"))
        parser.add_argument(
            "--manager",
            metavar="EMAIL",
            action="append",
            dest="managers",
            help=_("a program manager with an account, by email (repeat for several)"),
        )

    def handle(self, *args, **options):
        kwargs = {key: options[key] for key in SERVICE_OPTIONS}
        try:
            if options["charter_file"]:
                kwargs["charter"] = read_charter_file(options["charter_file"])
            program = create_program(options["name"], **kwargs)
        except ProgramsError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(program.slug)
