"""Figures of a load run: requests, errors, throughput and latency percentiles, by role and by
page, as plain-text tables."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from load_browser import Sample


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


def _row(name: str, samples: list[Sample], elapsed: float) -> str:
    times = sorted(s.seconds * 1000 for s in samples)
    errors = sum(1 for s in samples if s.error)
    return (
        f"{name:<24} {len(samples):>8} {errors:>6} {len(samples) / elapsed:>7.1f} "
        f"{percentile(times, 0.50):>7.0f} {percentile(times, 0.95):>7.0f} "
        f"{percentile(times, 0.99):>7.0f} {(times[-1] if times else 0):>7.0f}"
    )


HEADER = (
    f"{'':<24} {'requests':>8} {'errors':>6} {'req/s':>7} "
    f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}"
)


def table(title: str, groups: dict[str, list[Sample]], elapsed: float) -> list[str]:
    lines = [f"{title:<24}" + HEADER[24:]]
    lines += [_row(name, groups[name], elapsed) for name in sorted(groups)]
    return lines


def p95_ms(samples: list[Sample]) -> float:
    return percentile(sorted(s.seconds * 1000 for s in samples), 0.95)


def report(label: str, samples: list[Sample], elapsed: float, load: str) -> list[str]:
    """The whole report of one database's run."""
    by_role, by_page = defaultdict(list), defaultdict(list)
    for sample in samples:
        by_role[sample.role].append(sample)
        by_page[sample.page].append(sample)
    lines = [f"== {label}: {elapsed:.0f} s, {load}"]
    lines += table("by role", dict(by_role), elapsed)
    lines.append(_row("all", samples, elapsed))
    lines.append("")
    lines += table("by page", dict(by_page), elapsed)
    errors = [s for s in samples if s.error]
    if errors:
        lines.append("")
        lines.append(f"{len(errors)} errors; by kind:")
        kinds = Counter((s.page, s.status) for s in errors)
        for (page, status), count in kinds.most_common(10):
            sample = next(s.error for s in errors if (s.page, s.status) == (page, status))
            lines.append(f"  {count:>5} x {page} (status {status}): {sample[:200]}")
    return lines
