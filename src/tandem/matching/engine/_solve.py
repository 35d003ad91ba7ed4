"""solve(): pricing rounds over a sparse candidate graph, min-cost flow, certified bound."""

from __future__ import annotations

import time

import numpy as np

from . import _arcs, _pricing
from ._arcs import LAM, S, in_keys_sorted, merge, row_top_sum, top_per_row, widen
from ._candidates import NEG, generate
from ._flow import duals, flow
from ._model import MAX_PAIR_SCORE, Problem, Result, Weights
from ._prep import prep
from ._pricing import auction, fits
from ._result import finish

FLOW_TOLERANCE = 1e-3  # gap tolerance of the flow path when the caller leaves it to the engine
PRUNE_ARCS = 300_000  # above this many arcs, the flow only gets the arcs near the last duals
PRUNE_SLACK = S * 50  # "near": reduced slack u_i + p_j - w_ij at most this (scaled units)


def _flow_round(n, m, ci, cj, sc, tp, cap_a, cap_b, B, slack):
    """Flow + duals on the arcs that can matter (the last matching, new arcs, arcs within
    PRUNE_SLACK of the last duals). Returns (x over all arcs, u, prices, viol) where viol says
    a pruned arc has a positive reduced value under the new duals (so the round is not final:
    those arcs enter the next flow by their negative slack)."""
    act = slack <= PRUNE_SLACK if len(ci) > PRUNE_ARCS else np.ones(len(ci), dtype=bool)
    ia = np.flatnonzero(act)
    ta = tp[ia] if tp is not None else None
    xa = flow(n, m, ci[ia], cj[ia], sc[ia], ta, cap_a, cap_b, S, LAM)
    u, prices = duals(n, m, ci[ia], cj[ia], S * (sc[ia] + B), xa, cap_a, cap_b, LAM)
    x = np.zeros(len(ci), dtype=bool)
    x[ia[xa]] = True
    out = np.flatnonzero(~act)
    viol = bool((S * (sc[out] + B) - prices[cj[out]] - u[ci[out]] > 0).any())
    return x, u, prices, viol


def solve(
    problem: Problem,
    weights: Weights | None = None,
    *,
    candidates_per_mentee: int = 30,
    max_rounds: int = 10,
    seed: int = 0,
    gap_tolerance: float | None = None,
) -> Result:
    """Maximum number of matched mentee slots, then maximum total score (see package doc).

    Pricing rounds stop at proven optimality (no missing pair with a positive reduced score),
    or once the number matched is certified maximal and the certified score gap is at most
    ``gap_tolerance`` (0 = run to optimality or ``max_rounds``; None = 0.1 %, or 1 % from
    ``_pricing.AUCTION_FROM`` mentees on, whichever solver answers). Large one-to-one
    programs (``_pricing.fits``) are solved by one auction over the whole graph of allowed
    pairs instead, and fall back to the flow when some people compete for too few mentors or
    the gap is above the tolerance. ``seed`` is accepted for API stability; the algorithm is
    deterministic and uses no randomness.
    """
    del seed
    t0 = time.perf_counter()
    w = weights or Weights()
    pr = prep(problem, w)
    p = problem
    n, m = pr.n, pr.m
    lk = p.locked_pairs
    cap_a = np.maximum(p.mentee_capacity - np.bincount(lk[:, 0], minlength=n)[:n], 0)
    cap_b = np.maximum(p.mentor_capacity - np.bincount(lk[:, 1], minlength=m)[:m], 0)
    live = cap_b > 0
    blocked = None
    if p.circle and len(lk):
        _, lt = pr.scores(lk[:, 0], lk[:, 1])
        blocked = np.unique(lk[:, 0] * (pr.nt + 1) + lt)
    maxpair = int(min(MAX_PAIR_SCORE, pr.NW.max(initial=0) * pr.vmax.max(initial=0) * pr.K))
    maxpair += int(pr.bonus_max.max(initial=0)) + w.preference
    B = int(cap_a.sum()) * min(maxpair, MAX_PAIR_SCORE) + 1
    K = int(candidates_per_mentee)
    tol = _pricing.TOLERANCE if gap_tolerance is None else gap_tolerance
    if fits(pr, cap_a, cap_b, tol):
        out = auction(pr, cap_a, cap_b, live, B, tol)
        if out is not None:
            *arcs, stats = out
            stats.update(t0=t0, solver="auction")
            return finish(pr, cap_a, cap_b, *arcs, B, stats)
    if gap_tolerance is None:  # a large program handed over by the auction keeps its tolerance
        gap_tolerance = FLOW_TOLERANCE if pr.n < _pricing.AUCTION_FROM else _pricing.TOLERANCE
    depth = max(K, 8)
    prices = np.zeros(m, dtype=np.int64)
    u = np.zeros(n, dtype=np.int64)
    arc_keys = np.zeros(0, dtype=np.int64)
    ci = cj = sc = np.zeros(0, dtype=np.int64)
    tp = np.zeros(0, dtype=np.int64) if p.circle else None
    x = np.zeros(0, dtype=bool)
    best_bound = np.inf
    t_cand = t_solve = 0.0
    rounds = 0
    active = np.flatnonzero(cap_a > 0)
    certified_opt = False
    viol = False
    prev_units = 0
    cache: dict = {}  # the price-independent candidate lists, shared by the rounds
    for rnd in range(max_rounds):
        rounds = rnd + 1
        tc = time.perf_counter()
        load = np.bincount(ci[x], minlength=n) if len(ci) else np.zeros(n, np.int64)
        units = int(x.sum())
        spread = None
        if rnd == 0 or units - prev_units > max(1, len(active) // 200):
            spread = load < cap_a  # still climbing: the unmatched look at diverse mentors
        prev_units = units
        g = generate(pr, prices, live, active, depth, S, B, blocked, cache, spread)
        red = S * (g.score + B) - prices[g.cj]
        # widen for mentees whose unseen pairs might still beat their current value
        d = depth
        is_active = np.zeros(n, dtype=bool)
        is_active[active] = True
        for _ in range(2 if rnd > 1 else 0):
            short = np.flatnonzero((g.unseen_ub > u) & is_active)
            if len(short) == 0 or d >= m:
                break
            d *= 4
            if len(short) * d > _arcs.WIDEN_ROWS:  # the mentees with the most to gain first
                gap_ = g.unseen_ub[short] - u[short]
                short = np.sort(
                    short[np.argsort(-gap_, kind="stable")[: max(1, _arcs.WIDEN_ROWS // d)]]
                )
            g2 = widen(pr, prices, live, short, d, B, blocked, cache, u, cap_a)
            merge(g, g2, short, n)
            red = S * (g.score + B) - prices[g.cj]
        # mentees left without a partner: look at every qualified mentor (few, exact)
        if rnd > 0:
            load = np.bincount(ci[x], minlength=n) if len(ci) else np.zeros(n, np.int64)
            lone = np.flatnonzero((g.unseen_ub > u) & is_active & (load < cap_a))
            if 0 < len(lone) <= max(100, len(active) // 200):
                g2 = widen(pr, prices, live, lone, m, B, blocked, cache, u, cap_a)
                merge(g, g2, lone, n)
                red = S * (g.score + B) - prices[g.cj]
        # certified bound from these prices (valid for any prices >= 0)
        all_i = np.concatenate([g.ci, ci])
        all_v = np.concatenate([red, S * (sc + B) - prices[cj]])
        bound = row_top_sum(all_i, all_v, n, cap_a, g.unseen_ub) + float((cap_b * prices).sum())
        best_bound = min(best_bound, bound)
        # new arcs: top K per mentee by reduced value, plus every positive reduced arc
        gk = g.ci * m + g.cj
        new = ~in_keys_sorted(arc_keys, gk)
        gain = red - u[g.ci]
        pos = (gain > 0) & new
        if rnd == 0:
            add = top_per_row(g.ci, g.cj, red, K) & new
        else:
            load = np.bincount(ci[x], minlength=n) if len(ci) else np.zeros(n, np.int64)
            hungry = (load < cap_a)[g.ci]  # unmatched slots: more improving arcs
            pi_ = np.flatnonzero(pos)
            pr_, pc_, pg_ = g.ci[pi_], g.cj[pi_], gain[pi_]
            sel_ = (hungry[pi_] & top_per_row(pr_, pc_, pg_, K)) | top_per_row(
                pr_, pc_, pg_, max(2, K // 3)
            )
            add = np.zeros(len(g.ci), dtype=bool)
            add[pi_[sel_]] = True
        t_cand += time.perf_counter() - tc
        if rnd > 0 and gap_tolerance > 0:
            fs = float(sc[x].sum())
            units = int(x.sum())
            sb = best_bound / S - B * units
            if best_bound / S < B * (units + 1) and sb - fs <= gap_tolerance * max(sb, 1.0):
                break
        if rnd > 0 and not pos.any() and not viol and not (g.unseen_ub > u)[active].any():
            certified_opt = True
            break
        if rnd > 0 and not add.any() and not viol:
            break
        old_slack = np.concatenate([u[ci] + prices[cj] - S * (sc + B), np.full(add.sum(), NEG)])
        old_slack[: len(x)][x] = NEG
        ci = np.concatenate([ci, g.ci[add]])
        cj = np.concatenate([cj, g.cj[add]])
        sc = np.concatenate([sc, g.score[add]])
        if tp is not None:
            tp = np.concatenate([tp, g.topic[add]])
        o = np.argsort(ci * m + cj, kind="stable")
        ci, cj, sc = ci[o], cj[o], sc[o]
        if tp is not None:
            tp = tp[o]
        arc_keys = ci * m + cj
        ts = time.perf_counter()
        x, u, prices, viol = _flow_round(n, m, ci, cj, sc, tp, cap_a, cap_b, B, old_slack[o])
        t_solve += time.perf_counter() - ts
    stats = {
        "rounds": rounds,
        "certified_opt": certified_opt,
        "t0": t0,
        "t_cand": t_cand,
        "t_solve": t_solve,
        "solver": "flow",
    }
    return finish(pr, cap_a, cap_b, ci, cj, sc, x, prices, best_bound, B, stats)
