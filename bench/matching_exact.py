"""The exact whole-graph reference of the matching benchmark: every allowed pair listed (numpy,
from the engine's prepared rules, not its solvers), then one OR-Tools min-cost flow (the most
mentees, then the highest score). Memory grows with the allowed pairs: tens of millions at
20,000 mentees of a skewed program, so pairs are listed mentee block by mentee block."""

from __future__ import annotations

import time

import numpy as np

from tandem.matching.engine import Weights
from tandem.matching.engine._flow import flow
from tandem.matching.engine._prep import prep


def allowed_pairs(p, w: Weights, block_pairs: int = 4_000_000):
    """(mentee, mentor, score) of every qualified pair that no hard rule forbids."""
    pr = prep(p, w)
    live = p.mentor_capacity > 0
    # qualified mentors of each mentee: the union of its need topics' lists
    per_need = np.diff(pr.tl_ptr)[pr.need_t]
    need_owner = pr.need_owner
    out = ([], [], [])
    ends = np.cumsum(np.bincount(need_owner, weights=per_need, minlength=pr.n))
    start = 0
    while start < pr.n:
        stop = int(np.searchsorted(ends, (ends[start - 1] if start else 0) + block_pairs))
        stop = min(max(stop, start + 1), pr.n)
        sel = np.flatnonzero((need_owner >= start) & (need_owner < stop))
        counts = per_need[sel]
        ii = np.repeat(need_owner[sel], counts)
        first = pr.tl_ptr[pr.need_t[sel]]
        off = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        jj = pr.tl_mentor[np.repeat(first, counts) + off]
        key = np.unique(ii * pr.m + jj)
        ii, jj = key // pr.m, key % pr.m
        keep = live[jj]
        ii, jj = ii[keep], jj[keep]
        ok = pr.feasible(ii, jj)
        ii, jj = ii[ok], jj[ok]
        sc, _ = pr.scores(ii, jj)
        for acc, a in zip(out, (ii, jj, sc), strict=True):
            acc.append(a)
        start = stop
    pp = p.preferred_pairs  # preferred pairs outside the lists cannot be qualified: none
    del pp
    return tuple(np.concatenate(a) if a else np.zeros(0, np.int64) for a in out)


def exact(p, w: Weights, pairs=None) -> dict:
    """The whole graph's optimum: matched, score, seconds (listing + flow), arcs."""
    t0 = time.perf_counter()
    ii, jj, sc = allowed_pairs(p, w) if pairs is None else pairs
    t1 = time.perf_counter()
    x = flow(p.n, p.m, ii, jj, sc, None, p.mentee_capacity, p.mentor_capacity, 1, 0)
    t2 = time.perf_counter()
    return {
        "matched": int(x.sum()),
        "score": int(sc[x].sum()),
        "list_s": round(t1 - t0, 2),
        "flow_s": round(t2 - t1, 2),
        "arcs": len(ii),
    }
