"""Min-cost flow on the candidate graph (OR-Tools, bulk arrays) and dual prices."""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from ._model import MAX_PAIR_SCORE


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
    tails, heads, caps, costs = [], [], [], []
    src = 0
    mentee0 = 1
    if topic is not None:
        tkey = ci * (int(topic.max(initial=0)) + 1) + topic
        ukeys, tnode = np.unique(tkey, return_inverse=True)
        topic0 = mentee0 + n
        mentor0 = topic0 + len(ukeys)
        t_owner = ukeys // (int(topic.max(initial=0)) + 1)
        tails += [mentee0 + t_owner]
        heads += [topic0 + np.arange(len(ukeys))]
        caps += [np.ones(len(ukeys), dtype=np.int64)]
        costs += [np.zeros(len(ukeys), dtype=np.int64)]
        pair_tail = topic0 + tnode
    else:
        mentor0 = mentee0 + n
        pair_tail = mentee0 + ci
    sink = mentor0 + m
    act = np.flatnonzero(cap_a > 0)
    tails.insert(0, np.full(len(act), src))
    heads.insert(0, mentee0 + act)
    caps.insert(0, cap_a[act])
    costs.insert(0, np.zeros(len(act), dtype=np.int64))
    first_pair = sum(len(t) for t in tails)
    tails.append(pair_tail)
    heads.append(mentor0 + cj)
    caps.append(np.ones(len(ci), dtype=np.int64))
    costs.append(S * (MAX_PAIR_SCORE - score.astype(np.int64)))
    # unit arcs mentor -> sink, only for mentors with candidate arcs
    used = np.zeros(m, dtype=bool)
    used[cj] = True
    capu = np.where(used, cap_b, 0)
    mj = np.repeat(np.arange(m), capu)
    k = np.arange(len(mj)) - np.repeat(np.cumsum(capu) - capu, capu)
    tails.append(mentor0 + mj)
    heads.append(np.full(len(mj), sink))
    caps.append(np.ones(len(mj), dtype=np.int64))
    costs.append(lam * k)
    g = min_cost_flow.SimpleMinCostFlow()
    g.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails).astype(np.int32),
        np.concatenate(heads).astype(np.int32),
        np.concatenate(caps).astype(np.int64),
        np.concatenate(costs).astype(np.int64),
    )
    total = int(cap_a[act].sum())
    g.set_node_supply(src, total)
    g.set_node_supply(sink, -total)
    status = g.solve_max_flow_with_min_cost()
    if status != g.OPTIMAL:
        raise RuntimeError(f"min cost flow failed: {status}")
    idx = np.arange(first_pair, first_pair + len(ci), dtype=np.int32)
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
    mi, mj, mw = ci[x], cj[x], w[x]
    o = np.argsort(mi, kind="stable")
    mi, mj, mw = mi[o], mj[o], mw[o]
    ms = np.flatnonzero(np.r_[True, mi[1:] != mi[:-1]]) if len(mi) else np.zeros(0, np.int64)
    mrow = mi[ms]
    nx = ~x
    ni, nj, nw = ci[nx], cj[nx], w[nx]
    o = np.argsort(nj, kind="stable")
    ni, nj, nw = ni[o], nj[o], nw[o]
    ns = np.flatnonzero(np.r_[True, nj[1:] != nj[:-1]]) if len(nj) else np.zeros(0, np.int64)
    ncol = nj[ns]
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
