"""Pricing rounds driven by the auction, for large one-to-one programs.

Same outer loop as the flow solver (candidates ranked by score minus mentor price, union kept
over rounds, certified bound from the prices), but each round moves only the mentees that
a new arc or a price change concerns, instead of re-solving a min-cost flow from scratch
(OR-Tools takes 20-40 s a round at 100,000 mentees, warm potentials do not help it).
Measured on the benchmark at 100,000 mentees: 190 s CPU for ten rounds, against about 350 s
for the flow loop; below 15,000 mentees both take the same time, so the flow solver stays.
Returns None when the auction cannot place every mentee that has an arc (people competing
for too few mentors): the exact flow solver then decides who stays unmatched.
"""

from __future__ import annotations

import time

import numpy as np

from . import _arcs
from ._arcs import S, in_keys_sorted, merge, row_top_sum, top_per_row, widen
from ._auction import Market
from ._candidates import NEG, generate
from ._prep import Prep

AUCTION_FROM = 15_000  # mentees; below, the exact flow solver is as fast (measured)
EPS_SHARE = 1.5  # eps = tolerance x mean best arc value x this (measured gap: ~n * eps / 3)
MAX_BID_ROUNDS = 20_000


def fits(pr: Prep, cap_a: np.ndarray, gap_tolerance: float) -> bool:
    """One mentor per mentee, large enough, and a tolerance to spend."""
    return (
        not pr.p.circle
        and pr.n >= AUCTION_FROM
        and gap_tolerance > 0
        and int(cap_a.max(initial=0)) <= 1
    )


class Arcs:
    """The union of candidate arcs, sorted by (mentee, mentor), as CSR over mentees."""

    def __init__(self, n: int, m: int) -> None:
        self.n, self.m = n, m
        self.ci = self.cj = self.sc = self.keys = np.zeros(0, dtype=np.int64)
        self.ptr = np.zeros(n + 1, dtype=np.int64)

    def add(self, ci: np.ndarray, cj: np.ndarray, sc: np.ndarray) -> None:
        ci = np.concatenate([self.ci, ci])
        cj = np.concatenate([self.cj, cj])
        sc = np.concatenate([self.sc, sc.astype(np.int64)])
        keys = ci * self.m + cj
        o = np.argsort(keys, kind="stable")
        self.ci, self.cj, self.sc, self.keys = ci[o], cj[o], sc[o], keys[o]
        self.ptr = np.searchsorted(self.ci, np.arange(self.n + 1)).astype(np.int64)

    def of(self, mate: np.ndarray) -> np.ndarray:
        """Arc index of each mentee's mate (-1 = none)."""
        has = mate >= 0
        out = np.full(len(mate), -1, dtype=np.int64)
        q = np.flatnonzero(has) * self.m + mate[has]
        out[has] = np.searchsorted(self.keys, q)
        return out

    def best(self, v: np.ndarray) -> np.ndarray:
        """Per mentee, max of v over its arcs (NEG without arcs)."""
        out = np.full(self.n, np.iinfo(np.int64).min // 4, dtype=np.int64)
        rows = np.flatnonzero(np.diff(self.ptr) > 0)
        if len(rows):
            out[rows] = np.maximum.reduceat(v, self.ptr[rows])
        return out


def _values(arcs: Arcs, market: Market, prices: np.ndarray, B: int):
    """Each mentee's current value S*(score+B) - price (0 if unmatched) and matched arcs."""
    arc = arcs.of(market.mate)
    has = arc >= 0
    u = np.zeros(arcs.n, dtype=np.int64)
    u[has] = S * (arcs.sc[arc[has]] + B) - prices[arcs.cj[arc[has]]]
    x = np.zeros(len(arcs.ci), dtype=bool)
    x[arc[has]] = True
    return u, x


def _new_arcs(g, red, gain, new, hungry, K, first):
    """Round 0: each mentee's K best; later: the improving arcs (more for the unmatched)."""
    if first:
        return top_per_row(g.ci, g.cj, red, K) & new
    pi_ = np.flatnonzero((gain > 0) & new)
    pr_, pc_, pg_ = g.ci[pi_], g.cj[pi_], gain[pi_]
    sel = (hungry[pr_] & top_per_row(pr_, pc_, pg_, K)) | top_per_row(pr_, pc_, pg_, max(2, K // 3))
    add = np.zeros(len(g.ci), dtype=bool)
    add[pi_[sel]] = True
    return add


def _widen_short(pr, g, prices, live, is_active, u, B, cache, cap_a, depth, rnd):
    """More candidates for mentees whose unseen pairs might beat their value (as the flow
    solver does): two deeper passes, then every qualified mentor for the last few."""
    n, m = pr.n, pr.m
    d = depth
    for _ in range(2 if rnd > 0 else 0):
        short = np.flatnonzero((g.unseen_ub > u) & is_active)
        if len(short) == 0 or d >= m:
            break
        d *= 4
        if len(short) * d > _arcs.WIDEN_ROWS:
            gap_ = g.unseen_ub[short] - u[short]
            short = np.sort(
                short[np.argsort(-gap_, kind="stable")[: max(1, _arcs.WIDEN_ROWS // d)]]
            )
        merge(g, widen(pr, prices, live, short, d, B, None, cache, u, cap_a), short, n)
    lone = np.flatnonzero((g.unseen_ub > u) & is_active & (u == 0))
    if rnd > 0 and 0 < len(lone) <= max(100, int(is_active.sum()) // 200):
        merge(g, widen(pr, prices, live, lone, m, B, None, cache, u, cap_a), lone, n)


def _place_the_rest(pr, market, arcs, live, B, K, depth, eps, reach, cache, is_active):
    """Mentees who gave up (every arc they had too dear) or have no arc yet get deeper
    lists at the new prices and bid again, at once: no full pricing round for a few
    hundred people. Returns the time spent generating candidates."""
    t = time.perf_counter()
    d = depth
    tried = np.zeros(pr.n, dtype=bool)
    while d < pr.m:
        no_arc = is_active & (np.diff(arcs.ptr) == 0) & ~tried
        left = np.flatnonzero(market.out | no_arc)
        tried |= no_arc
        if len(left) == 0:
            break
        d = min(pr.m, d * 4, max(depth, _arcs.WIDEN_ROWS // len(left)))
        prices = market.prices()
        g = generate(pr, prices, live, left, d, S, B, None, cache, None)
        red = S * (g.score + B) - prices[g.cj]
        new = ~in_keys_sorted(arcs.keys, g.ci * pr.m + g.cj)
        add = new & top_per_row(g.ci, g.cj, np.where(new, red, NEG), K)
        if not add.any():
            break
        arcs.add(g.ci[add], g.cj[add], g.score[add])
        market.run(arcs.ptr, arcs.cj, S * arcs.sc, eps, MAX_BID_ROUNDS, reach)
    return time.perf_counter() - t


def auction_rounds(pr: Prep, cap_a, cap_b, live, B: int, K: int, tol: float, max_rounds: int):
    """(ci, cj, sc, x, prices, best_bound, stats) as the flow solver's loop, or None."""
    n, m = pr.n, pr.m
    market = Market(n, m, cap_b)
    arcs = Arcs(n, m)
    prices = np.zeros(m, dtype=np.int64)
    active = np.flatnonzero(cap_a > 0)
    is_active = cap_a > 0
    depth = max(K, 8)
    reach = 0
    eps = 0
    best_bound = np.inf
    t_cand = t_solve = 0.0
    rounds = 0
    x = np.zeros(0, dtype=bool)
    cache: dict = {}  # the price-independent candidate lists, shared by the rounds
    for rnd in range(max_rounds):
        rounds = rnd + 1
        tc = time.perf_counter()
        u, x = _values(arcs, market, prices, B)
        spread = (market.mate < 0) if rnd == 0 else None
        g = generate(pr, prices, live, active, depth, S, B, None, cache, spread)
        _widen_short(pr, g, prices, live, is_active, u, B, cache, cap_a, depth, rnd)
        red = S * (g.score + B) - prices[g.cj]
        if rnd > 0:
            all_i = np.concatenate([g.ci, arcs.ci])
            all_v = np.concatenate([red, S * (arcs.sc + B) - prices[arcs.cj]])
            bound = row_top_sum(all_i, all_v, n, cap_a, g.unseen_ub)
            best_bound = min(best_bound, bound + float((cap_b * prices).sum()))
            units, fs = int(x.sum()), float(arcs.sc[x].sum())
            sb = best_bound / S - B * units
            if best_bound / S < B * (units + 1) and sb - fs <= tol * max(sb, 1.0):
                t_cand += time.perf_counter() - tc
                break
        new = ~in_keys_sorted(arcs.keys, g.ci * m + g.cj)
        add = _new_arcs(g, red, red - u[g.ci], new, u == 0, K, rnd == 0)
        t_cand += time.perf_counter() - tc
        if rnd > 0 and not add.any():
            if eps <= 1:
                break
            eps = max(1, eps // 4)  # nothing new to try: tighten the slackness instead
        ts = time.perf_counter()
        if add.any():
            arcs.add(g.ci[add], g.cj[add], g.score[add])
        w = S * arcs.sc
        if rnd == 0:
            top = arcs.best(w)[active]
            mean_top = float(top[top > 0].mean()) if (top > 0).any() else 1.0
            eps = max(1, int(tol * mean_top * EPS_SHARE))
            reach = int(w.max(initial=0)) + S
        market.run(arcs.ptr, arcs.cj, w, eps, MAX_BID_ROUNDS, reach)
        t_solve += time.perf_counter() - ts
        t_cand += _place_the_rest(pr, market, arcs, live, B, K, depth, eps, reach, cache, is_active)
        prices = market.prices()
    u, x = _values(arcs, market, prices, B)
    left = (market.mate < 0) & (np.diff(arcs.ptr) > 0)
    if left.any() or not best_bound / S < B * (int(x.sum()) + 1):
        return None  # people compete for too few mentors: the exact solver picks who waits
    stats = {
        "rounds": rounds,
        "certified_opt": False,
        "t_cand": t_cand,
        "t_solve": t_solve,
        "bid_rounds": market.bid_rounds,
        "eps": eps,
    }
    return arcs.ci, arcs.cj, arcs.sc, x, prices, best_bound, stats
