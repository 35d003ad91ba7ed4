"""CSV export of a program's aggregates (the same rows as the dashboard, k ≥ 5 applied),
with an audit event."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.insights.services import metrics
from tandem.insights.services.presentation import rows
from tandem.operations.csvexport import csv_text
from tandem.programs.models import Program


def aggregates_csv(program: Program, actor, across: bool = False) -> str:
    """The CSV text; leaves an ``insights.csv_exported`` audit event."""
    m = metrics.across_chain(program) if across else metrics.for_program(program)
    text = csv_text(
        [_("scope"), _("section"), _("metric"), _("group"), _("value")],
        ([m.label, section, metric, group, value] for section, metric, group, value in rows(m)),
    )
    record(actor, "insights.csv_exported", program, across=across)
    return text
