"""``tandem match PROGRAM [--dry-run] [--publish] [--explain] [--format table|json|csv]
[--time-limit SECONDS]``.

Runs the matching of a program and stores the run (not with ``--dry-run``); ``--publish``
also publishes its proposals as mentorships. ``--time-limit``: the engine stops after that
many seconds with the best proposals found so far (default: no limit, unlike runs started
from the site, which take the program's matching time budget). CSV: one row per
mentorship-to-be, ``;`` separated, header ``mentors;mentees;score;reasons``; several people
in a cell and several reasons are separated by `` | ``.
"""

import argparse
import json
import math
import sys
from contextlib import contextmanager, redirect_stdout

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tandem.matching.errors import MatchingError
from tandem.matching.management.commands._lookup import program_or_error
from tandem.matching.services.publish import publish_run
from tandem.matching.services.run import RunOutcome, run_matching
from tandem.operations.csvexport import csv_writer

SEP = " | "


def as_dict(outcome: RunOutcome, slug: str) -> dict:
    return {
        "program": slug,
        "run": outcome.run.pk,
        "pairs": [
            {
                "mentors": [m.employee_id for m in p.mentors],
                "mentees": [m.employee_id for m in p.mentees],
                "score": p.score,
                "reasons": p.reasons,
            }
            for p in outcome.proposals
        ],
        "unmatched": [
            {"employee_id": u.person.employee_id, "role": u.role, "reasons": u.reasons}
            for u in outcome.unmatched
        ],
        "totals": outcome.totals,
    }


@contextmanager
def _only_the_result_on_stdout(fmt: str):
    """With ``--format json|csv``, standard output carries the result and nothing else:
    whatever writes on it meanwhile (the console email backend of a development setup, a
    library's print) goes to standard error."""
    if fmt == "table":
        yield
        return
    with redirect_stdout(sys.stderr):
        yield


def _flat(totals: dict, prefix: str = "") -> list[tuple[str, object]]:
    out = []
    for key, value in totals.items():
        if isinstance(value, dict):
            out.extend(_flat(value, f"{prefix}{key}."))
        else:
            out.append((f"{prefix}{key}", value))
    return out


def _seconds(text: str) -> float:
    """A positive, finite number of seconds (argparse reports anything else as an error)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(
            _("%(value)s is not a positive number of seconds.") % {"value": text}
        )
    return value


def _names(members) -> str:
    return ", ".join(f"{m.full_name} ({m.employee_id})" for m in members)


class Command(BaseCommand):
    help = "Match a program's accepted enrolments: proposals, unmatched people and totals."

    def add_arguments(self, parser):
        parser.add_argument("program", help="program slug")
        parser.add_argument("--dry-run", action="store_true", help="do not store the run")
        parser.add_argument("--publish", action="store_true", help="publish the proposals")
        parser.add_argument("--explain", action="store_true", help="show why (table format)")
        parser.add_argument("--format", choices=["table", "json", "csv"], default="table")
        parser.add_argument(
            "--time-limit",
            type=_seconds,
            default=None,
            metavar="SECONDS",
            help="stop after this many seconds with the best proposals so far (default: none)",
        )

    def handle(self, *args, **options):
        if options["dry_run"] and options["publish"]:
            raise CommandError(_("A dry run cannot be published: drop --dry-run or --publish."))
        program = program_or_error(options["program"])
        published = None
        try:
            with _only_the_result_on_stdout(options["format"]):
                outcome = run_matching(
                    program,
                    actor=None,
                    dry_run=options["dry_run"],
                    time_limit=options["time_limit"],
                )
                if options["publish"]:
                    published = publish_run(outcome.run, actor=None)
        except MatchingError as exc:
            raise CommandError(str(exc)) from exc
        if options["format"] == "json":
            data = as_dict(outcome, program.slug)
            if published is not None:
                data["published"] = published.as_dict()
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        elif options["format"] == "csv":
            self._csv(outcome)
            if published is not None:
                self.stderr.write(published.summary())
        else:
            self._table(outcome, program, options, published)

    def _csv(self, outcome: RunOutcome) -> None:
        writer = csv_writer(self.stdout, delimiter=";", lineterminator="\n")
        writer.writerow(["mentors", "mentees", "score", "reasons"])
        for p in outcome.proposals:
            writer.writerow(
                [
                    SEP.join(m.employee_id for m in p.mentors),
                    SEP.join(m.employee_id for m in p.mentees),
                    p.score,
                    SEP.join(p.reasons),
                ]
            )

    def _table(self, outcome: RunOutcome, program, options, published) -> None:
        out = self.stdout
        run = outcome.run.pk or _("dry run, not stored")
        out.write(_("Program %(program)s · run %(run)s") % {"program": program.slug, "run": run})
        out.write(_("Proposals (%(n)s)") % {"n": len(outcome.proposals)})
        if outcome.proposals:
            out.write(f"  {_('score'):>6}  {_('mentors')}  →  {_('mentees')}")
        for p in outcome.proposals:
            lock = " 🔒" if p.locked else ""
            out.write(f"  {p.score:>6}  {_names(p.mentors)}  →  {_names(p.mentees)}{lock}")
            if options["explain"]:
                for reason in p.reasons:
                    out.write(f"          - {reason}")
        out.write(_("Unmatched (%(n)s)") % {"n": len(outcome.unmatched)})
        for u in outcome.unmatched:
            who = f"{u.person.full_name} ({u.person.employee_id})"
            out.write(f"  {u.role:<6}  {who}: {'; '.join(u.reasons)}")
        out.write(_("Totals"))
        for key, value in _flat(outcome.totals):
            out.write(f"  {key}: {value}")
        if published is not None:
            out.write(_("Published: %(what)s") % {"what": published.summary()})
