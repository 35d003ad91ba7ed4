"""The exact whole-graph reference of the matching benchmark: every allowed pair listed (the
engine's compiled listing, checked against brute force by the property tests), then one
OR-Tools min-cost flow with pure costs (the most mentees, then the highest score, no load
tie-break). Memory grows with the allowed pairs: about 12 million at 20,000 mentees of the
"skewed" family (2.2 GiB at peak)."""

from __future__ import annotations

import time

import numpy as np

from tandem.matching.engine import Weights
from tandem.matching.engine._flow import flow
from tandem.matching.engine._prep import prep
from tandem.matching.engine._whole import allowed_pairs


def pairs(p, w: Weights):
    """(mentee, mentor, score) of every allowed pair."""
    pr = prep(p, w)
    return allowed_pairs(pr, p.mentee_capacity.copy(), p.mentor_capacity > 0)


def exact(p, w: Weights, arcs=None) -> dict:
    """The whole graph's optimum: matched, score, seconds (listing, flow), arcs."""
    t0 = time.perf_counter()
    ii, jj, sc = pairs(p, w) if arcs is None else arcs
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


def greedy(p, ii, jj, sc) -> dict:
    """Best edge first on the given pairs (ties by mentee, mentor)."""
    t0 = time.perf_counter()
    o = np.lexsort((jj, ii, -sc))
    capa = p.mentee_capacity.copy().tolist()
    capb = p.mentor_capacity.copy().tolist()
    left = sum(capa)
    matched = score = 0
    for i, j, s in zip(ii[o].tolist(), jj[o].tolist(), sc[o].tolist(), strict=True):
        if capa[i] and capb[j]:
            capa[i] -= 1
            capb[j] -= 1
            matched += 1
            score += s
            left -= 1
            if not left:
                break
    return {"matched": matched, "score": score, "s": round(time.perf_counter() - t0, 2)}
