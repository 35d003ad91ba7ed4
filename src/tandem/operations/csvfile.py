"""The one place Tandem writes CSV files for people to open (exports of aggregates, of a
program's pairs), so what applies to every export (quoting, formula neutralisation) is done
once, here."""

from __future__ import annotations

import io
from collections.abc import Iterable

from tandem.operations.csvexport import csv_writer


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    """The CSV text of ``header`` then ``rows`` (None as empty, formulas defused)."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(list(header))
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return out.getvalue()
