"""One person's best partners, with the score and hard rules of ``solve``."""

from __future__ import annotations

import numpy as np

from ._model import Problem, Weights
from ._prep import in_keys, prep


def suggest(
    problem: Problem,
    weights: Weights,
    i: int,
    *,
    side: str = "mentee",
    k: int = 5,
    exclude_full: bool = True,
) -> list[tuple[int, int]]:
    """Best k partners for mentee i (side="mentee") or mentor i (side="mentor").

    Same score and hard rules as solve; ``exclude_full`` drops partners whose capacity is used
    up by locked pairs, and partners already locked with i.
    """
    pr = prep(problem, weights)
    p = problem
    if side == "mentee":
        cand = np.arange(pr.m)
        ii, jj = np.full(pr.m, i), cand
        used = np.bincount(p.locked_pairs[:, 1], minlength=pr.m)[: pr.m]
        cap = p.mentor_capacity
    elif side == "mentor":
        cand = np.arange(pr.n)
        ii, jj = cand, np.full(pr.n, i)
        used = np.bincount(p.locked_pairs[:, 0], minlength=pr.n)[: pr.n]
        cap = p.mentee_capacity
    else:
        raise ValueError("side must be 'mentee' or 'mentor'")
    ok = pr.qualified(ii, jj) & pr.feasible(ii, jj) & ~in_keys(pr.locked_keys, ii, jj, pr.m)
    if exclude_full:
        ok &= used < cap
    cand, ii, jj = cand[ok], ii[ok], jj[ok]
    sc, _ = pr.scores(ii, jj)
    o = np.lexsort((cand, -sc))[:k]
    return [(int(cand[t]), int(sc[t])) for t in o]
