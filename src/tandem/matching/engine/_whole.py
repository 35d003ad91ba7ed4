"""The whole graph of allowed pairs, listed by a compiled scan of each mentee's topic lists,
and solved exactly by one OR-Tools min-cost flow (one-to-one and group programs).

Why: below some size this is both exact and cheaper than any iterative method (README,
"Matching"; ``_solve`` picks it from the number of qualified pairs and of allowed arcs).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ._arcs import S
from ._flow import flow
from ._market import _score, get_num_threads
from ._prep import Prep
from ._rules import context, quick, topic_lists


@njit(cache=True, parallel=True)
def _scan(who, lptr, lmentor, c, q, parts, start, ci, cj, cs, fill):
    """Per mentee of ``who``: count its allowed pairs (``fill`` False, into ``start``), or
    write them from ``start[k]`` on (``fill`` True). Parallel over slices of ``who``."""
    al, asum, bl, bsum = q
    NT = c[2]
    nt = len(lptr) - 1
    m = len(c[1])
    size = (len(who) + parts - 1) // parts
    for t in prange(parts):
        seen = np.full(m, -1, dtype=np.int64)
        for k in range(t * size, min((t + 1) * size, len(who))):
            i = who[k]
            at = start[k] if fill else 0
            for x in range(NT.shape[1]):
                topic = NT[i, x]
                if topic >= nt:
                    continue
                for e in range(lptr[topic], lptr[topic + 1]):
                    j = lmentor[e]
                    if seen[j] == i:
                        continue
                    seen[j] = i
                    if (al[i] & bl[j]) == 0 or (asum[i] & bsum[j]) == 0:
                        continue
                    s = _score(i, j, c)
                    if s < 0:
                        continue
                    if fill:
                        ci[at] = i
                        cj[at] = j
                        cs[at] = s
                    at += 1
            if not fill:
                start[k] = at


def allowed_pairs(pr: Prep, cap_a: np.ndarray, live: np.ndarray):
    """(mentee, mentor, score) of every allowed pair with places on both sides, by mentee."""
    who = np.flatnonzero(cap_a > 0).astype(np.int64)
    lptr, lmentor = topic_lists(pr, live)
    c, q = context(pr), quick(pr)
    parts = max(1, get_num_threads()) * 8  # slices: the threads share the work evenly
    counts = np.zeros(len(who), dtype=np.int64)
    e = np.zeros(0, dtype=np.int64)
    _scan(who, lptr, lmentor, c, q, parts, counts, e, e, e, False)
    start = np.r_[0, np.cumsum(counts)[:-1]].astype(np.int64) if len(who) else counts
    total = int(counts.sum())
    ci = np.empty(total, dtype=np.int64)
    cj = np.empty(total, dtype=np.int64)
    cs = np.empty(total, dtype=np.int64)
    _scan(who, lptr, lmentor, c, q, parts, start, ci, cj, cs, True)
    return ci, cj, cs


def estimate_allowed(pr: Prep, cap_a: np.ndarray, live: np.ndarray, sample: int = 2048) -> int:
    """The number of allowed pairs ``allowed_pairs`` would list, counted on every k-th mentee
    (at most ``sample`` of them) and scaled up: choosing a path without listing them all.
    Deterministic; exact when there are at most ``sample`` mentees."""
    who = np.flatnonzero(cap_a > 0).astype(np.int64)
    if len(who) == 0:
        return 0
    step = max(1, -(-len(who) // sample))
    some = np.ascontiguousarray(who[::step])
    lptr, lmentor = topic_lists(pr, live)
    counts = np.zeros(len(some), dtype=np.int64)
    e = np.zeros(0, dtype=np.int64)
    parts = max(1, get_num_threads()) * 8
    _scan(some, lptr, lmentor, context(pr), quick(pr), parts, counts, e, e, e, False)
    return int(round(counts.sum() * len(who) / len(some)))


def exact(pr: Prep, cap_a, cap_b, ci, cj, sc, B: int):
    """The optimum over the listed arcs: the chosen arcs and the combined bound (it is the
    optimum's own value: S * (B * matched + score))."""
    x = flow(pr.n, pr.m, ci, cj, sc, None, cap_a, cap_b, S, 0)
    return x, float(S * (B * int(x.sum()) + int(sc[x].sum())))
