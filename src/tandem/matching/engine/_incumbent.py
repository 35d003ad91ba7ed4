"""What a solve keeps across its parts (exact flow, auction, pricing rounds): the best
feasible assignment any of them found and the lowest certified bound any of them proved,
and the clock of its time budget.

Why: each part proves a bound valid for the whole problem (the value S * (B * matched +
score) of the best assignment of the free part is at most it), so the lowest one is valid
too, and the best assignment is never given up for a later, worse one.
"""

from __future__ import annotations

import math
import time

import numpy as np

from ._arcs import S


class Clock:
    """The time budget of one solve (None: no limit)."""

    def __init__(self, limit: float | None, start: float | None = None) -> None:
        self.start = time.perf_counter() if start is None else start
        self.limit = None if limit is None else max(0.0, float(limit))

    def left(self) -> float:
        if self.limit is None:
            return math.inf
        return self.limit - (time.perf_counter() - self.start)

    def out(self) -> bool:
        return self.left() <= 0


class Incumbent:
    """The best assignment of the free part so far (most pairs, then highest score) with the
    arcs of the part that found it (the reasons read them), and the lowest bound."""

    def __init__(self, B: int, tolerance: float, score_cap: float, locked: int = 0) -> None:
        self.B, self.tolerance = B, tolerance
        self.score_cap = score_cap  # the score of any matching is at most this (no rules)
        self.locked = locked  # the locked pairs' score, in every assignment
        self.units = -1
        self.score = -1
        self.bound = math.inf  # certified: S * (B * units + score) of the optimum <= this
        self.arcs = None
        self.prices = None
        self.solver = None
        self.parts: list[str] = []

    def better(self, units: int, score: int) -> bool:
        return (units, score) > (self.units, self.score)

    def note(self, solver: str) -> None:
        if solver not in self.parts:
            self.parts.append(solver)

    def offer(self, solver: str, ci, cj, sc, x) -> bool:
        """Keep this assignment if it is better; returns whether it was."""
        units, score = int(x.sum()), int(sc[x].sum())
        self.note(solver)
        if (units, score) <= (self.units, self.score):
            return False
        self.units, self.score = units, score
        self.arcs = (ci, cj, sc, np.asarray(x, dtype=bool))
        self.solver = solver
        return True

    def prove(self, bound: float, prices=None) -> None:
        """A certified bound (with the mentor prices that prove it, if any)."""
        if float(bound) < self.bound:
            self.bound = float(bound)
            self.prices = prices

    def matched_max(self) -> bool:
        """Certified: no assignment matches more (the bound leaves no room for one more)."""
        return self.bound / S < self.B * (self.units + 1)

    def score_bound(self) -> float:
        """A certified upper bound of the optimum's score (free part), never below ours."""
        comb = self.bound / S - self.B * self.units
        comb = math.floor(comb + 1e-9) if math.isfinite(comb) else math.inf
        return float(max(min(comb, self.score_cap), self.score))

    def gap(self) -> float:
        """The certified gap of the whole run (locked pairs included), as ``totals`` says."""
        b = self.score_bound() + self.locked
        return (b - self.score - self.locked) / b if b > 0 else 0.0

    def optimal(self) -> bool:
        return self.matched_max() and self.score_bound() <= self.score

    def done(self) -> bool:
        """Optimal, or the number matched certified and the gap within the tolerance."""
        return self.optimal() or (self.matched_max() and self.gap() <= self.tolerance)

    def stopped_by(self) -> str:
        if self.optimal():
            return "optimal"
        return "tolerance" if self.done() else "time_limit"
