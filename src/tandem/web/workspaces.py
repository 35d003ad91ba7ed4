"""What the managers' and coaches' home sections add to their programs: pairs by health and
open alerts, read in a fixed number of queries whatever the number of programs and pairs
(``insights.services.cockpit``), so the home page says where help is needed."""

from __future__ import annotations

from tandem.insights.services.cockpit import coached_by, health_counts, programs_health
from tandem.people.models import Person


def with_health(rows: list) -> list:
    """Each program row (``home.ProgramRow``) with ``health``: pairs by health and alerts."""
    found = programs_health([row.program.pk for row in rows]) if rows else {}
    for row in rows:
        row.health = found.get(row.program.pk) or {}
    return rows


def coached_health(person: Person) -> list[tuple[str, str, int]]:
    """(health, label, how many) of the pairs the person coaches (one query)."""
    return health_counts(coached_by(person))
