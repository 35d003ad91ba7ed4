"""The Result of a solve: locked and chosen pairs, certified bound, unmatched with reasons,
and ``totals``, whose flags are all read from the same figures (so they never disagree)."""

from __future__ import annotations

import time

import numpy as np

from ._incumbent import Incumbent
from ._model import Pairs, Result
from ._prep import Prep
from ._unmatched import mentee_reasons, mentor_reasons


def finish(pr: Prep, cap_a, cap_b, inc: Incumbent, stats: dict) -> Result:
    """The incumbent's assignment with the locked pairs, and the totals (README, "Matching",
    says what each means)."""
    n, m = pr.n, pr.m
    ci, cj, sc, x = inc.arcs
    pairs = _pairs(pr, ci[x], cj[x], sc[x])
    matched_a = np.zeros(n, dtype=bool)
    matched_a[pairs.mentee] = True
    matched_b = np.zeros(m, dtype=bool)
    matched_b[pairs.mentor] = True
    um = np.flatnonzero(~matched_a)
    ub_ = np.flatnonzero(~matched_b)
    has_arc_a = np.zeros(n, dtype=bool)
    has_arc_a[ci] = True
    has_arc_b = np.zeros(m, dtype=bool)
    has_arc_b[cj] = True
    ra = mentee_reasons(pr, um, has_arc_a[um], cap_a)
    rb = mentor_reasons(pr, ub_, has_arc_b[ub_], cap_b)
    totals = {
        "matched_mentees": int(matched_a.sum()),
        "matched_mentors": int(matched_b.sum()),
        "matched_slots": len(pairs.mentee),
        "mentees": n,
        "mentors": m,
        "score": int(pairs.score.sum()),
        **_certificate(inc, stats),
        "candidate_arcs": len(ci),
        "flow_score": int(sc[x].sum()),
        "timings": {
            "candidates_s": stats.get("t_cand", 0.0),
            "solve_s": stats.get("t_solve", 0.0),
            "total_s": time.perf_counter() - stats["t0"],
        },
    }
    prices = inc.prices if inc.prices is not None else np.zeros(m, dtype=np.int64)
    return Result(pairs, um, ra, ub_, rb, totals, prices)


def _pairs(pr: Prep, ci, cj, sc) -> Pairs:
    """The locked pairs and the chosen ones, by mentee then mentor."""
    lk = pr.p.locked_pairs
    lscore, _ = pr.scores(lk[:, 0], lk[:, 1])
    mi = np.concatenate([lk[:, 0], ci])
    mj = np.concatenate([lk[:, 1], cj])
    ms = np.concatenate([lscore, sc]).astype(np.int64)
    mlock = np.r_[np.ones(len(lk), dtype=bool), np.zeros(len(ci), dtype=bool)]
    o = np.lexsort((mj, mi))
    return Pairs(mi[o], mj[o], ms[o], mlock[o])


def _certificate(inc: Incumbent, stats: dict) -> dict:
    """What the run proved and how it stopped, all read from the incumbent."""
    return {
        "bound_score": inc.score_bound() + inc.locked,
        "gap": inc.gap(),
        "matched_certified_max": inc.matched_max(),
        "optimal_certified": inc.optimal(),
        "stopped_by": inc.stopped_by(),
        "tolerance": inc.tolerance,
        "time_limit": stats.get("time_limit"),
        "solver": inc.solver,
        "parts": list(inc.parts),
        "rounds": stats.get("rounds", 0),
    }
