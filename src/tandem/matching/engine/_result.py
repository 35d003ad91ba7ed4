"""The Result of a solve: locked and chosen pairs, certified bound, unmatched with reasons."""

from __future__ import annotations

import time

import numpy as np

from ._arcs import S
from ._explain import mentee_reasons, mentor_reasons
from ._model import Pairs, Result
from ._prep import Prep


def finish(pr: Prep, cap_a, cap_b, ci, cj, sc, x, prices, best_bound, B, stats) -> Result:
    """``x`` marks the chosen arcs; ``best_bound`` bounds S * (B * units + score) of the
    free part; ``stats``: rounds, certified_opt, t0, t_cand, t_solve, solver."""
    n, m = pr.n, pr.m
    lk = pr.p.locked_pairs
    lscore, _ = pr.scores(lk[:, 0], lk[:, 1])
    mi = np.concatenate([lk[:, 0], ci[x]])
    mj = np.concatenate([lk[:, 1], cj[x]])
    ms = np.concatenate([lscore, sc[x]]).astype(np.int64)
    mlock = np.r_[np.ones(len(lk), dtype=bool), np.zeros(int(x.sum()), dtype=bool)]
    o = np.lexsort((mj, mi))
    pairs = Pairs(mi[o], mj[o], ms[o], mlock[o])
    flow_units = int(x.sum())
    score = int(ms.sum())
    comb = best_bound / S  # bound on flow_units * B + flow score
    flow_score = int(sc[x].sum())
    matched_certified = comb < B * (flow_units + 1)
    bound_score = (comb - B * flow_units) + int(lscore.sum()) if matched_certified else None
    if bound_score is not None:
        bound_score = max(float(np.floor(bound_score + 1e-9)), float(score))
    gap = None
    if bound_score is not None:
        gap = (bound_score - score) / bound_score if bound_score > 0 else 0.0
    matched_a = np.zeros(n, dtype=bool)
    matched_a[mi] = True
    matched_b = np.zeros(m, dtype=bool)
    matched_b[mj] = True
    um = np.flatnonzero(~matched_a)
    ub_ = np.flatnonzero(~matched_b)
    has_arc_a = np.zeros(n, dtype=bool)
    has_arc_a[ci] = True
    has_arc_b = np.zeros(m, dtype=bool)
    has_arc_b[cj] = True
    ra = mentee_reasons(pr, um, has_arc_a[um], cap_a)
    rb = mentor_reasons(pr, ub_, has_arc_b[ub_], cap_b)
    total = time.perf_counter() - stats["t0"]
    totals = {
        "matched_mentees": int(matched_a.sum()),
        "matched_mentors": int(matched_b.sum()),
        "matched_slots": len(mi),
        "mentees": n,
        "mentors": m,
        "score": score,
        "bound_score": bound_score,
        "gap": gap,
        "matched_certified_max": bool(matched_certified),
        "optimal_certified": bool(stats["certified_opt"]),
        "rounds": stats["rounds"],
        "candidate_arcs": len(ci),
        "flow_score": flow_score,
        "solver": stats["solver"],
        "timings": {
            "candidates_s": stats["t_cand"],
            "solve_s": stats["t_solve"],
            "total_s": total,
        },
    }
    return Result(pairs, um, ra, ub_, rb, totals, prices)
