"""The k-anonymity rule, once: every figure that leaves the metrics layer is a ``Figure``
carrying the number of people it was computed over; under ``K`` it shows as "fewer than 5" in
pages, CSV, PDF and stories alike, and ``shown`` is None so charts draw nothing."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

K = 5


@dataclass(frozen=True)
class Figure:
    """``value`` over ``n`` people. Styles: count, mean, percent, signed, score."""

    value: float | int | None
    n: int
    style: str = "count"

    @property
    def hidden(self) -> bool:
        return self.n < K

    @property
    def defined(self) -> bool:
        return self.value is not None and not (
            isinstance(self.value, float) and math.isnan(self.value)
        )

    @property
    def shown(self) -> float | int | None:
        """The value when it may be shown and means something; None otherwise."""
        return self.value if not self.hidden and self.defined else None

    def __str__(self) -> str:
        if self.hidden:
            return hidden_text()
        if not self.defined:
            return "—"
        value = self.value
        if self.style == "count":
            return number_format(int(value), 0, force_grouping=True)
        if self.style == "percent":
            return f"{_number(value, 0)} %"
        if self.style == "signed":
            return ("+" if value >= 0 else "") + _number(value, 2)
        if self.style == "score":
            return ("+" if value >= 0 else "") + _number(value, 0)
        return _number(value, 2)


def _number(value: float, digits: int) -> str:
    """Rounded (``number_format`` alone would cut the digits), in the page's locale."""
    rounded = round(float(value), digits)
    return number_format(rounded + 0.0 if rounded else 0.0, digits)


def hidden_text() -> str:
    return _("fewer than %(k)s") % {"k": K}


def interval(low: Figure, high: Figure) -> str:
    """ "[low; high]" of a confidence interval, or the hidden text."""
    if low.hidden:
        return hidden_text()
    if not (low.defined and high.defined):
        return "—"
    return f"[{low}; {high}]"
