"""Arc-set helpers shared by both solvers: top-k per row, bounds, widening the candidates."""

from __future__ import annotations

import numpy as np

from ._candidates import NEG, generate
from ._prep import lexsort

S = 4  # score scale inside the flow (room for the load-balancing tie-break)
LAM = 1  # cost of each extra unit of a mentor's load, in scaled units (1/4 score point)


def in_keys_sorted(keys: np.ndarray, q: np.ndarray) -> np.ndarray:
    if len(keys) == 0:
        return np.zeros(len(q), dtype=bool)
    pos = np.minimum(np.searchsorted(keys, q), len(keys) - 1)
    return keys[pos] == q


def top_per_row(rows: np.ndarray, cols: np.ndarray, val: np.ndarray, k: int) -> np.ndarray:
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


def row_top_sum(rows, val, n, cap, ub):
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


def merge(g, g2, who: np.ndarray, n: int) -> None:
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


def widen(pr, prices, live, who, d, B, blocked, cache, u, cap_a):
    """generate() for ``who`` at depth d, in blocks, keeping only the arcs a round can use:
    those with a positive reduced gain (new arcs come only from them after round 0) and each
    mentee's cap best by reduced value (what the bound reads). Same round as unfiltered."""
    step = max(1, WIDEN_ROWS // max(d, 1))
    kmax = int(cap_a.max(initial=1))
    parts = []
    for s in range(0, len(who), step):
        g2 = generate(pr, prices, live, who[s : s + step], d, S, B, blocked, cache)
        red = S * (g2.score + B) - prices[g2.cj]
        keep = (red - u[g2.ci] > 0) | top_per_row(g2.ci, g2.cj, red, kmax)
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
