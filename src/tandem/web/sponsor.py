"""The sponsor's programs: per program, the participation figures as the dashboard defines
them (``insights.services.metrics``: people enrolled and matched, mentorships active and
completed, each hidden under five people), and the way to its dashboard and impact report.
Read in a fixed number of queries whatever the number of programs."""

from dataclasses import dataclass

from tandem.insights.services.metrics import PARTICIPATION_LABELS, participation_by_program
from tandem.people.models import Person
from tandem.programs.models import Program

STAGES = ("enrolled", "matched", "active", "completed")


@dataclass
class SponsorRow:
    program: Program
    figures: list  # (label, Figure) for each stage


def sponsor_rows(person: Person | None, programs: list[Program] | None = None) -> list[SponsorRow]:
    """``programs``: the person's sponsored programs when already read (the home page)."""
    if person is None:
        return []
    if programs is None:
        programs = list(Program.objects.filter(sponsor=person).order_by("-start", "name"))
    found = participation_by_program([p.pk for p in programs])
    return [
        SponsorRow(p, [(PARTICIPATION_LABELS[key], found[p.pk][key]) for key in STAGES])
        for p in programs
    ]
