"""The one way Tandem writes CSV for people to open in a spreadsheet: every cell that a
spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) gets a leading apostrophe, as OWASP recommends against CSV injection. Numbers
stay numbers (``-3``, ``-0.25`` are not formulas). Every export (dashboard figures, matching
runs, the audit trail, the cockpit…) writes through ``csv_writer``."""

from __future__ import annotations

import csv
import decimal
import io
import re
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?%?")


def safe_cell(value):
    """The cell as written: ``None`` is empty, numbers unchanged, formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class SafeWriter:
    """``csv.writer`` whose rows are passed through ``safe_cell``."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(out, **options) -> SafeWriter:
    return SafeWriter(out, **options)


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    """The CSV text of ``header`` then ``rows``, through ``csv_writer`` (None is empty)."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(list(header))
    writer.writerows(rows)
    return out.getvalue()
