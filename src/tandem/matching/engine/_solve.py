"""solve(): pricing rounds over a sparse candidate graph, min-cost flow, certified bound."""

from __future__ import annotations

import time

import numpy as np

from ._candidates import NEG, generate
from ._explain import mentee_reasons, mentor_reasons
from ._flow import duals, flow
from ._model import MAX_PAIR_SCORE, Pairs, Problem, Result, Weights
from ._prep import lexsort, prep

S = 4  # score scale inside the flow (room for the load-balancing tie-break)
LAM = 1  # cost of each extra unit of a mentor's load, in scaled units (1/4 score point)


def in_keys_sorted(keys: np.ndarray, q: np.ndarray) -> np.ndarray:
    if len(keys) == 0:
        return np.zeros(len(q), dtype=bool)
    pos = np.minimum(np.searchsorted(keys, q), len(keys) - 1)
    return keys[pos] == q


def _top_per_row(rows: np.ndarray, cols: np.ndarray, val: np.ndarray, k: int) -> np.ndarray:
    """Mask of the k best values per row; ties broken by a fixed hash of (row, col) so that
    rows with equal lists do not all pick the same columns (deterministic)."""
    if len(rows) == 0:
        return np.zeros(0, dtype=bool)
    h = (rows * 2654435761 + cols * 40503) % 1000003
    o = lexsort((h, -val, rows))
    r = rows[o]
    start = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
    rank = np.arange(len(r)) - np.repeat(start, np.diff(np.r_[start, len(r)]))
    mask = np.zeros(len(rows), dtype=bool)
    mask[o[rank < k]] = True
    return mask


def _row_top_sum(rows, val, n, cap, ub):
    """Sum over rows of the cap[i] best of {val} u {ub[i] repeated}, each term clipped at 0."""
    terms = np.zeros(n, dtype=np.float64)
    kmax = int(cap.max(initial=0))
    if kmax <= 1:
        best = ub.copy()
        np.maximum.at(best, rows, val)
        return float(np.where(cap > 0, np.maximum(best, 0), 0).astype(np.float64).sum())
    if len(rows):
        o = lexsort((-val, rows))
        r, v = rows[o], val[o]
        start = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
        rank = np.arange(len(r)) - np.repeat(start, np.diff(np.r_[start, len(r)]))
    else:
        r = v = rank = np.zeros(0, dtype=np.int64)
    for q in range(kmax):
        best = np.full(n, NEG, dtype=np.int64)
        sel = rank == q
        best[r[sel]] = v[sel]
        t = np.maximum(np.maximum(best, ub), 0).astype(np.float64)
        terms += np.where(cap > q, t, 0.0)
    return terms.sum()


def _merge(g, g2, who: np.ndarray, n: int) -> None:
    """Replace the arcs and unseen bound of mentees ``who`` in g by those of g2 (in place)."""
    is_who = np.zeros(n, dtype=bool)
    is_who[who] = True
    keep = ~is_who[g.ci]
    g.ci = np.concatenate([g.ci[keep], g2.ci])
    g.cj = np.concatenate([g.cj[keep], g2.cj])
    g.score = np.concatenate([g.score[keep], g2.score])
    if g.topic is not None:
        g.topic = np.concatenate([g.topic[keep], g2.topic])
    g.unseen_ub[who] = g2.unseen_ub[who]


WIDEN_ROWS = 2_000_000  # mentees x depth per widening step and generate call (time, memory)


def _widen(pr, prices, live, who, d, B, blocked, cache, u, cap_a):
    """generate() for ``who`` at depth d, in blocks, keeping only the arcs a round can use:
    those with a positive reduced gain (new arcs come only from them after round 0) and each
    mentee's cap best by reduced value (what the bound reads). Same round as unfiltered."""
    step = max(1, WIDEN_ROWS // max(d, 1))
    kmax = int(cap_a.max(initial=1))
    parts = []
    for s in range(0, len(who), step):
        g2 = generate(pr, prices, live, who[s : s + step], d, S, B, blocked, cache)
        red = S * (g2.score + B) - prices[g2.cj]
        keep = (red - u[g2.ci] > 0) | _top_per_row(g2.ci, g2.cj, red, kmax)
        parts.append((g2, keep))
    g = parts[0][0]
    for g2, _ in parts[1:]:
        g.unseen_ub[who] = np.maximum(g.unseen_ub[who], g2.unseen_ub[who])
    g.ci = np.concatenate([p.ci[k] for p, k in parts])
    g.cj = np.concatenate([p.cj[k] for p, k in parts])
    g.score = np.concatenate([p.score[k] for p, k in parts])
    if g.topic is not None:
        g.topic = np.concatenate([p.topic[k] for p, k in parts])
    return g


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
    gap_tolerance: float = 1e-3,
) -> Result:
    """Maximum number of matched mentee slots, then maximum total score (see package doc).

    Pricing rounds stop at proven optimality (no missing pair with a positive reduced score),
    or once the number matched is certified maximal and the certified score gap is at most
    ``gap_tolerance`` (0 = run to optimality or ``max_rounds``). ``seed`` is accepted for API
    stability; the algorithm is deterministic and uses no randomness.
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
    for rnd in range(max_rounds):
        rounds = rnd + 1
        tc = time.perf_counter()
        cache: dict = {}
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
            if len(short) * d > WIDEN_ROWS:  # the mentees with the most to gain first
                gap_ = g.unseen_ub[short] - u[short]
                short = np.sort(short[np.argsort(-gap_, kind="stable")[: max(1, WIDEN_ROWS // d)]])
            g2 = _widen(pr, prices, live, short, d, B, blocked, cache, u, cap_a)
            _merge(g, g2, short, n)
            red = S * (g.score + B) - prices[g.cj]
        # mentees left without a partner: look at every qualified mentor (few, exact)
        if rnd > 0:
            load = np.bincount(ci[x], minlength=n) if len(ci) else np.zeros(n, np.int64)
            lone = np.flatnonzero((g.unseen_ub > u) & is_active & (load < cap_a))
            if 0 < len(lone) <= max(100, len(active) // 200):
                g2 = _widen(pr, prices, live, lone, m, B, blocked, cache, u, cap_a)
                _merge(g, g2, lone, n)
                red = S * (g.score + B) - prices[g.cj]
        # certified bound from these prices (valid for any prices >= 0)
        all_i = np.concatenate([g.ci, ci])
        all_v = np.concatenate([red, S * (sc + B) - prices[cj]])
        bound = _row_top_sum(all_i, all_v, n, cap_a, g.unseen_ub) + float((cap_b * prices).sum())
        best_bound = min(best_bound, bound)
        # new arcs: top K per mentee by reduced value, plus every positive reduced arc
        gk = g.ci * m + g.cj
        new = ~in_keys_sorted(arc_keys, gk)
        gain = red - u[g.ci]
        pos = (gain > 0) & new
        if rnd == 0:
            add = _top_per_row(g.ci, g.cj, red, K) & new
        else:
            load = np.bincount(ci[x], minlength=n) if len(ci) else np.zeros(n, np.int64)
            hungry = (load < cap_a)[g.ci]  # unmatched slots: more improving arcs
            pi_ = np.flatnonzero(pos)
            pr_, pc_, pg_ = g.ci[pi_], g.cj[pi_], gain[pi_]
            sel_ = (hungry[pi_] & _top_per_row(pr_, pc_, pg_, K)) | _top_per_row(
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
    # result
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
    total = time.perf_counter() - t0
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
        "optimal_certified": bool(certified_opt),
        "rounds": rounds,
        "candidate_arcs": len(ci),
        "flow_score": flow_score,
        "timings": {"candidates_s": t_cand, "solve_s": t_solve, "total_s": total},
    }
    return Result(pairs, um, ra, ub_, rb, totals, prices)
