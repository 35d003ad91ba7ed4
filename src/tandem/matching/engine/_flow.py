"""Min-cost flow on the candidate graph (OR-Tools, bulk arrays) and dual prices."""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from ._model import MAX_PAIR_SCORE
from ._prep import ranks


def flow(
    n: int,
    m: int,
    ci: np.ndarray,
    cj: np.ndarray,
    score: np.ndarray,
    topic: np.ndarray | None,
    cap_a: np.ndarray,
    cap_b: np.ndarray,
    S: int,
    lam: int,
) -> np.ndarray:
    """Max flow, then min cost: returns a bool per candidate arc (in the matching).

    Nodes: 0 source, 1..n mentees, [circle: one node per (mentee, topic)], mentors, sink.
    Pair arc cost S * (MAX - score) >= 0 (each unit of flow crosses exactly one pair arc, so
    this is max score); the k-th unit of a mentor's capacity costs lam * k (load balance).
    """
    mentee0 = 1
    arcs, pair_tail, mentor0 = _topic_nodes(n, ci, topic, mentee0)
    sink = mentor0 + m
    act = np.flatnonzero(cap_a > 0)
    arcs.insert(0, _arcs(np.full(len(act), 0), mentee0 + act, cap_a[act], 0))
    first_pair = sum(len(a[0]) for a in arcs)
    arcs.append(_arcs(pair_tail, mentor0 + cj, 1, S * (MAX_PAIR_SCORE - score.astype(np.int64))))
    arcs.append(_sink_arcs(m, cj, cap_b, mentor0, sink, lam))
    total = int(cap_a[act].sum())
    return _solve(arcs, 0, sink, total, first_pair, len(ci))


def _arcs(tails, heads, cap, cost):
    """One block of arcs: (tails, heads, capacities, unit costs), scalars broadcast."""
    k = len(tails)
    return (
        tails,
        heads,
        np.broadcast_to(np.asarray(cap, dtype=np.int64), (k,)),
        np.broadcast_to(np.asarray(cost, dtype=np.int64), (k,)),
    )


def _topic_nodes(n: int, ci, topic, mentee0: int):
    """Circles: one node per (mentee, topic) between the mentee and its pairs, so that a
    mentee takes one pair per topic. Returns (arcs so far, tail of each pair arc, first
    mentor node)."""
    if topic is None:
        return [], mentee0 + ci, mentee0 + n
    tkey = ci * (int(topic.max(initial=0)) + 1) + topic
    ukeys, tnode = np.unique(tkey, return_inverse=True)
    topic0 = mentee0 + n
    t_owner = ukeys // (int(topic.max(initial=0)) + 1)
    block = _arcs(mentee0 + t_owner, topic0 + np.arange(len(ukeys)), 1, 0)
    return [block], topic0 + tnode, topic0 + len(ukeys)


def _sink_arcs(m: int, cj, cap_b, mentor0: int, sink: int, lam: int):
    """Unit arcs mentor -> sink, only for mentors with candidate arcs; the k-th costs lam*k."""
    used = np.zeros(m, dtype=bool)
    used[cj] = True
    capu = np.where(used, cap_b, 0)
    mj = np.repeat(np.arange(m), capu)
    return _arcs(mentor0 + mj, np.full(len(mj), sink), 1, lam * ranks(capu))


def _solve(arcs, src: int, sink: int, total: int, first_pair: int, pairs: int) -> np.ndarray:
    """OR-Tools' max flow with min cost; whether each pair arc carries flow."""
    g = min_cost_flow.SimpleMinCostFlow()
    g.add_arcs_with_capacity_and_unit_cost(
        *(np.concatenate([a[c] for a in arcs]).astype(t)
          for c, t in enumerate((np.int32, np.int32, np.int64, np.int64)))
    )  # fmt: skip
    g.set_node_supply(src, total)
    g.set_node_supply(sink, -total)
    status = g.solve_max_flow_with_min_cost()
    if status != g.OPTIMAL:
        raise RuntimeError(f"min cost flow failed: {status}")
    idx = np.arange(first_pair, first_pair + pairs, dtype=np.int32)
    return g.flows(idx) > 0


def duals(
    n: int,
    m: int,
    ci: np.ndarray,
    cj: np.ndarray,
    w: np.ndarray,
    x: np.ndarray,
    cap_a: np.ndarray,
    cap_b: np.ndarray,
    lam: int,
    max_iter: int = 400,
) -> tuple[np.ndarray, np.ndarray]:
    """Least dual prices certifying the flow (Bellman-Ford on the residual graph, vectorised).

    w: value S*(score+B) of each arc; x: arc in the matching. Returns (u per mentee,
    p per mentor), both >= 0, u_i + p_j >= w_ij on every non-matched arc once converged.
    """
    load_a = np.bincount(ci[x], minlength=n)
    load_b = np.bincount(cj[x], minlength=m)
    sat_a = load_a >= cap_a
    floor = np.where(load_b > 0, lam * (load_b - 1), 0).astype(np.int64)
    ceil = np.where(load_b < cap_b, lam * load_b, np.iinfo(np.int64).max).astype(np.int64)
    mi, mj, mw, ms = _grouped(ci[x], cj[x], w[x])  # matched arcs by mentee
    nj, ni, nw, ns = _grouped(cj[~x], ci[~x], w[~x])  # the others by mentor
    mrow, ncol = mi[ms], nj[ns]
    p = floor.copy()
    u = np.zeros(n, dtype=np.int64)
    for _ in range(max_iter):
        u = np.zeros(n, dtype=np.int64)
        if len(mi):
            umin = np.minimum.reduceat(mw - p[mj], ms)
            u[mrow] = np.maximum(umin, 0)
        u[~sat_a] = 0
        pn = floor.copy()
        if len(ni):
            pmax = np.maximum.reduceat(nw - u[ni], ns)
            pn[ncol] = np.maximum(pn[ncol], pmax)
        pn = np.minimum(np.maximum(pn, 0), ceil)
        if np.array_equal(pn, p):
            break
        p = pn
    return u, p


def _grouped(key, other, w):
    """(key, other, w) sorted by key (stable) and where each key's run starts."""
    o = np.argsort(key, kind="stable")
    key, other, w = key[o], other[o], w[o]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, np.int64)
    return key, other, w, starts
