"""Paired before/after statistics: mean gain, Cohen's d_z and the 95 % confidence interval of
the mean gain (Student's t with n - 1 degrees of freedom)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats as scipy_stats


@dataclass(frozen=True)
class Paired:
    n: int
    mean_before: float
    mean_after: float
    mean_gain: float
    sd_gain: float | None
    d_z: float | None
    ci_low: float | None
    ci_high: float | None


def paired(before: Sequence[float], after: Sequence[float], level: float = 0.95) -> Paired:
    """d_z = mean(diff) / sd(diff) (sd with n - 1); CI = mean ± t(1 - α/2, n - 1)·sd/√n.
    With one pair, or no spread, the spread-based figures are undefined (None)."""
    if len(before) != len(after):
        raise ValueError("before and after must pair up")
    squares = sum((a - b) ** 2 for b, a in zip(before, after, strict=True))
    return from_sums(len(before), sum(before), sum(after), squares, level)


def from_sums(
    n: int, sum_before: float, sum_after: float, sum_squared_gain: float, level: float = 0.95
) -> Paired:
    """The same figures from sums (as SQL gives them): the variance of the gains is
    (n·Σd² − (Σd)²) / (n(n − 1)), exact when the answers are integers."""
    if n == 0:
        return Paired(0, math.nan, math.nan, math.nan, None, None, None, None)
    total_gain = sum_after - sum_before
    mean = total_gain / n
    mean_before, mean_after = sum_before / n, sum_after / n
    if n < 2:
        return Paired(n, mean_before, mean_after, mean, None, None, None, None)
    sd = math.sqrt(max(n * sum_squared_gain - total_gain**2, 0) / (n * (n - 1)))
    half = float(scipy_stats.t.ppf(0.5 + level / 2, n - 1)) * sd / math.sqrt(n)
    d_z = mean / sd if sd > 0 else None
    return Paired(n, mean_before, mean_after, mean, sd, d_z, mean - half, mean + half)


def nps(scores: Sequence[int]) -> float | None:
    """Net promoter score: % of 9–10 minus % of 0–6."""
    if not scores:
        return None
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    return 100.0 * (promoters - detractors) / len(scores)


@dataclass(frozen=True)
class Mean:
    n: int
    mean: float | None
    ci_low: float | None
    ci_high: float | None


def mean_interval(counts: dict[int, int], level: float = 0.95) -> Mean:
    """The mean of answers given as {value: how many} and the 95 % confidence interval of the
    mean (Student's t with n - 1 degrees of freedom); no interval under two answers."""
    n = sum(counts.values())
    if n == 0:
        return Mean(0, None, None, None)
    total = sum(v * c for v, c in counts.items())
    mean = total / n
    if n < 2:
        return Mean(n, mean, None, None)
    squares = sum(c * (v - mean) ** 2 for v, c in counts.items())
    sd = math.sqrt(squares / (n - 1))
    half = float(scipy_stats.t.ppf(0.5 + level / 2, n - 1)) * sd / math.sqrt(n)
    return Mean(n, mean, mean - half, mean + half)
