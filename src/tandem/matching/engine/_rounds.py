"""Pricing rounds: a min-cost flow (OR-Tools) over a sparse candidate graph grown from dual
prices, for every format (circles and groups included). Each round offers its assignment and
the bound its prices prove to the solve's ``Incumbent`` and stops once that is done (optimal,
or the number matched certified and the gap within the tolerance), or when no arc is left
that could improve the flow."""

from __future__ import annotations

import time

import numpy as np

from . import _arcs
from ._arcs import LAM, S, in_keys_sorted, merge, row_top_sum, top_per_row, widen
from ._candidates import NEG, generate
from ._flow import duals, flow
from ._incumbent import Clock, Incumbent

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


class _Graph:
    """The candidate arcs so far (sorted by mentee, mentor) and the last flow over them."""

    def __init__(self, n: int, circle: bool) -> None:
        self.n = n
        e = np.zeros(0, dtype=np.int64)
        self.ci = self.cj = self.sc = self.keys = e
        self.tp = e if circle else None
        self.x = np.zeros(0, dtype=bool)

    def load(self) -> np.ndarray:
        return (
            np.bincount(self.ci[self.x], minlength=self.n)
            if len(self.ci)
            else np.zeros(self.n, np.int64)
        )

    def add(self, g, add, m: int) -> None:
        self.ci = np.concatenate([self.ci, g.ci[add]])
        self.cj = np.concatenate([self.cj, g.cj[add]])
        self.sc = np.concatenate([self.sc, g.score[add]])
        if self.tp is not None:
            self.tp = np.concatenate([self.tp, g.topic[add]])
        o = np.argsort(self.ci * m + self.cj, kind="stable")
        self.ci, self.cj, self.sc = self.ci[o], self.cj[o], self.sc[o]
        if self.tp is not None:
            self.tp = self.tp[o]
        self.keys = self.ci * m + self.cj
        return o


class _State:
    """What the rounds carry from one to the next: prices and mentee duals, the candidate
    graph and its last flow, the cached lists, the counters."""

    def __init__(self, pr, cap_a, K: int) -> None:
        n, m = pr.n, pr.m
        self.depth = max(K, 8)
        self.prices = np.zeros(m, dtype=np.int64)
        self.u = np.zeros(n, dtype=np.int64)
        self.gr = _Graph(n, pr.p.circle)
        self.t_cand = self.t_solve = 0.0
        self.rnd = 0
        self.active = np.flatnonzero(cap_a > 0)
        self.is_active = np.zeros(n, dtype=bool)
        self.is_active[self.active] = True
        self.viol = False
        self.prev_units = 0
        self.cache: dict = {}  # the price-independent candidate lists, shared by the rounds


def rounds(pr, cap_a, cap_b, live, blocked, B, K, max_rounds, inc: Incumbent, clock: Clock):
    """Run pricing rounds until ``inc`` is done, the clock runs out, no arc can improve the
    flow or ``max_rounds`` (None: no limit) ran. Returns the stats."""
    m = pr.m
    st = _State(pr, cap_a, K)
    while max_rounds is None or st.rnd < max_rounds:
        st.rnd += 1
        tc = time.perf_counter()
        g, red = _candidates(pr, st, live, blocked, B, cap_a)
        inc.prove(_bound(pr, st, g, red, cap_a, cap_b, B))
        # new arcs: top K per mentee by reduced value, plus every positive reduced arc
        new = ~in_keys_sorted(st.gr.keys, g.ci * m + g.cj)
        gain = red - st.u[g.ci]
        pos = (gain > 0) & new
        add = _new_arcs(g, red, gain, pos, new, st.gr.load() < cap_a, K, st.rnd)
        st.t_cand += time.perf_counter() - tc
        if st.rnd > 1 and (inc.done() or clock.out() or _exhausted(st, g, pos, add)):
            break
        _flow_step(pr, st, g, add, cap_a, cap_b, B)
        inc.offer("flow", st.gr.ci, st.gr.cj, st.gr.sc, st.gr.x)
        if clock.out():
            break
    return {"rounds": st.rnd, "t_cand": st.t_cand, "t_solve": st.t_solve}


def _candidates(pr, st: _State, live, blocked, B, cap_a):
    """This round's candidate arcs at the current prices, widened where unseen pairs might
    still beat a mentee's value; returns them with their reduced values."""
    n, m = pr.n, pr.m
    gr, u = st.gr, st.u
    units = int(gr.x.sum())
    spread = None
    if st.rnd == 1 or units - st.prev_units > max(1, len(st.active) // 200):
        spread = gr.load() < cap_a  # still climbing: the unmatched look at diverse mentors
    st.prev_units = units
    g = generate(pr, st.prices, live, st.active, st.depth, S, B, blocked, st.cache, spread)
    red = _widen(pr, g, st.prices, live, blocked, st.cache, u, cap_a, st.depth, B,
                 st.is_active, st.rnd)  # fmt: skip
    # mentees left without a partner: look at every qualified mentor (few, exact)
    if st.rnd > 1:
        lone = np.flatnonzero((g.unseen_ub > u) & st.is_active & (gr.load() < cap_a))
        if 0 < len(lone) <= max(100, len(st.active) // 200):
            wide = widen(pr, st.prices, live, lone, m, B, blocked, st.cache, u, cap_a)
            merge(g, wide, lone, n)
            red = S * (g.score + B) - st.prices[g.cj]
    return g, red


def _bound(pr, st: _State, g, red, cap_a, cap_b, B) -> float:
    """The certified bound these prices prove (valid for any prices >= 0)."""
    gr = st.gr
    all_i = np.concatenate([g.ci, gr.ci])
    all_v = np.concatenate([red, S * (gr.sc + B) - st.prices[gr.cj]])
    tops = row_top_sum(all_i, all_v, pr.n, cap_a, g.unseen_ub)
    return tops + float((cap_b * st.prices).sum())


def _exhausted(st: _State, g, pos, add) -> bool:
    """No arc left that could improve the flow: it is its own optimum."""
    if st.viol:
        return False
    return not add.any() or not (pos.any() or (g.unseen_ub > st.u)[st.active].any())


def _flow_step(pr, st: _State, g, add, cap_a, cap_b, B) -> None:
    """Add the new arcs and solve the flow over the graph (pruned near the last duals)."""
    gr, u, prices = st.gr, st.u, st.prices
    old_slack = np.concatenate(
        [u[gr.ci] + prices[gr.cj] - S * (gr.sc + B), np.full(add.sum(), NEG)]
    )
    old_slack[: len(gr.x)][gr.x] = NEG
    o = gr.add(g, add, pr.m)
    ts = time.perf_counter()
    gr.x, st.u, st.prices, st.viol = _flow_round(
        pr.n, pr.m, gr.ci, gr.cj, gr.sc, gr.tp, cap_a, cap_b, B, old_slack[o]
    )
    st.t_solve += time.perf_counter() - ts


def _widen(pr, g, prices, live, blocked, cache, u, cap_a, depth, B, is_active, rnd):
    """Widen the lists of mentees whose unseen pairs might still beat their current value;
    returns the reduced values of ``g``'s arcs."""
    n, m = pr.n, pr.m
    red = S * (g.score + B) - prices[g.cj]
    d = depth
    for _ in range(2 if rnd > 2 else 0):
        short = np.flatnonzero((g.unseen_ub > u) & is_active)
        if len(short) == 0 or d >= m:
            break
        d *= 4
        if len(short) * d > _arcs.WIDEN_ROWS:  # the mentees with the most to gain first
            gap_ = g.unseen_ub[short] - u[short]
            short = np.sort(
                short[np.argsort(-gap_, kind="stable")[: max(1, _arcs.WIDEN_ROWS // d)]]
            )
        merge(g, widen(pr, prices, live, short, d, B, blocked, cache, u, cap_a), short, n)
        red = S * (g.score + B) - prices[g.cj]
    return red


def _new_arcs(g, red, gain, pos, new, hungry_rows, K, rnd):
    if rnd == 1:
        return top_per_row(g.ci, g.cj, red, K) & new
    hungry = hungry_rows[g.ci]  # unmatched slots: more improving arcs
    pi_ = np.flatnonzero(pos)
    pr_, pc_, pg_ = g.ci[pi_], g.cj[pi_], gain[pi_]
    sel_ = (hungry[pi_] & top_per_row(pr_, pc_, pg_, K)) | top_per_row(
        pr_, pc_, pg_, max(2, K // 3)
    )
    add = np.zeros(len(g.ci), dtype=bool)
    add[pi_[sel_]] = True
    return add
