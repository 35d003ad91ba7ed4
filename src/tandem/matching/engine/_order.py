"""The order of the need-set lists the auction's walks read (``_market``): their keys, their
first sort, and the re-sorts of the lists walks pass over most as prices rise. Apart from
``_market`` because they work on whole lists, one list per thread at a time, where
``_market`` works on one mentee's walk."""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ._market import NEG

__all__ = ["list_keys", "list_order", "resort", "restart", "stale"]

STRIDE = 64  # shares of the lists for the threads of ``resort``


@njit(cache=True)
def stale(rgrp, gptr, rpass, passes, share, hot):
    """Add each request's passes (``rpass``, cleared) to its list's (``passes``); ``hot``:
    the lists passed over at least ``share`` times their length (their count cleared).
    Returns how many."""
    for r in range(len(rgrp)):
        passes[rgrp[r]] += rpass[r]
        rpass[r] = 0
    count = 0
    for g in range(len(passes)):
        hot[g] = passes[g] >= share * max(gptr[g + 1] - gptr[g], 1)
        if hot[g]:
            passes[g] = 0
            count += 1
    return count


@njit(cache=True)
def restart(rgrp, gptr, hot, rpos, rend, rmax):
    """The requests of the ``hot`` lists scan them again from their tops."""
    for r in range(len(rgrp)):
        g = rgrp[r]
        if hot[g]:
            rpos[r] = gptr[g]
            rend[r] = gptr[g]
            rmax[r] = NEG


@njit(cache=True, parallel=True)
def resort(gptr, ek, ej, esort, pmin, hot, tk, tj):
    """Re-sort the lists of ``hot`` by base - today's price, in place: entries whose mentor's
    price did not change since their list's last sort (``esort``: the price each entry was
    sorted at, now today's for those lists) keep their order, the others are sorted and
    merged in (same order as a full sort by falling key, then mentor). Lists are
    independent: in parallel. One pass per list to split and one to merge; the price of each
    entry is read once for its rise and, in a list that changed, once more for ``esort``;
    ``tk``, ``tj``: scratch as long as the lists (kept: fresh pages cost more than the sort
    of a few lists)."""
    m = np.int64(len(pmin))
    for t in prange(STRIDE):  # lists t, t + STRIDE, ...: long and short ones in every share
        for g in range(t, len(gptr) - 1, STRIDE):
            a, b = gptr[g], gptr[g + 1]
            if not hot[g] or a == b:
                continue
            kmax = ek[a]  # its largest key: the list is in falling order of its keys
            nu, top = a, b  # the unchanged from a up, the changed (packed keys) from b down
            for e in range(a, b):
                j = ej[e]
                rise = pmin[j] - esort[e]
                if rise != 0:
                    top -= 1
                    # by falling key then mentor; a mentor is once in a list: no equal keys
                    tk[top] = (kmax - (ek[e] - rise)) * m + j
                else:
                    tk[nu] = ek[e]
                    tj[nu] = j
                    nu += 1
            if top < b:
                tk[top:b].sort()
                _merge(a, b, top, ek, ej, tk, tj, kmax, m)
                for e in range(a, b):
                    esort[e] = pmin[ej[e]]


@njit(cache=True)
def _merge(a, b, nu, ek, ej, tk, tj, kmax, m):
    """Merge the unchanged entries (tk/tj[a:nu], in order) with the changed ones (packed keys,
    sorted, in tk[nu:b]) into ek/ej[a:b]."""
    u, c = a, nu
    for e in range(a, b):
        if c < b:
            kc, jc = kmax - tk[c] // m, tk[c] % m
            if u >= nu or kc > tk[u] or (kc == tk[u] and jc < tj[u]):
                ek[e], ej[e] = kc, jc
                c += 1
                continue
        ek[e], ej[e] = tk[u], tj[u]
        u += 1


@njit(cache=True, parallel=True)
def list_order(gptr, base, lm, ek, ej):
    """The lists (contiguous, ``base`` keys of mentors ``lm``) by falling key, ties in their
    given order, into ``ek``, ``ej``: ``lexsort((-base, list))``, one list per thread at a
    time (the whole argsort took 0.46 s at skewed 100,000; taking keys and mentors through
    an order afterwards, 0.05-0.3 s more on one thread)."""
    for t in prange(STRIDE):
        for g in range(t, len(gptr) - 1, STRIDE):
            a, b = gptr[g], gptr[g + 1]
            if b == a:
                continue
            top = base[a:b].max()
            key = (top - base[a:b]) * (b - a) + np.arange(b - a)
            key.sort()  # unique keys: sorting them is the argsort, without its index array
            for q in range(b - a):
                e = a + key[q] % (b - a)
                ek[a + q] = base[e]
                ej[a + q] = lm[e]


@njit(cache=True, parallel=True)
def list_keys(gptr, lm, groups, V, pi, S):
    """The lists' keys as ``_candidates._lists`` computes them: S * (contribution of the
    group's needs + diversity bound of its class), one list per thread at a time."""
    base = np.empty(len(lm), dtype=np.int64)
    for g in prange(len(gptr) - 1):
        c = groups[g, 6]
        for e in range(gptr[g], gptr[g + 1]):
            j = lm[e]
            v = 0
            for k in range(3):
                if groups[g, k] >= 0:
                    v += groups[g, 3 + k] * V[j, groups[g, k]]
            base[e] = S * (v + pi[c, j])
    return base
