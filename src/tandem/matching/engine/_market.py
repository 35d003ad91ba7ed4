"""Forward auction over the whole graph of allowed pairs, for large one-to-one programs.

Why: a candidate graph grown by pricing rounds needed ten rounds of candidate generation and
re-auction at 100,000 mentees. Here each mentee remembers the allowed mentors it has found
(with their exact scores) and bids on them; it looks further down its need-set lists (those of
``_candidates``, sorted by contribution + diversity bound - price at the last sort) only when
what is left there might beat its memory. Prices only rise in a forward auction, so that order
still bounds every mentor below the walk: no candidate rounds, no dense matrix, and at the end
one walk per mentee at fresh prices gives its exact best value, hence the certified bound.
Each bid is a short loop, compiled with numba; ``_bidding`` runs them, in parallel batches.

Bertsekas' auction for similar objects: a mentor is ``cap`` slots with their own price; an
unassigned mentee bids for the cheapest slot of its best mentor, raising its price by the gap
to its second best (staying unmatched is worth 0) plus ``eps``; a mentee whose best is worth
nothing stays unmatched. A mentee's step doubles every ``esc`` bids, up to the score scale,
so that a few people fighting over too few slots settle quickly (the certified bound
accounts for their larger slack). Integer arithmetic, a FIFO queue, ties broken by index:
deterministic. The mentor side's bids, for places left empty with a price, are ``_reverse``.
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np
from numba import get_num_threads, njit, prange

__all__ = [
    "Memory",
    "explore",
    "get_num_threads",
    "remembered",
]

NEG = np.iinfo(np.int64).min // 4
# what each thread writes as it walks (best values, counters) is in rows this many rows
# apart (at least two cache lines): side by side, the two cores took the line from each
# other at each write, and a walk reads its threshold at each entry
APART = 16
NO_MENTOR = 2  # status of a mentee whose best mentor is worth nothing at today's prices
# columns of the person records: language, availability given, 6 availability words,
# reporting tree (pre, post, depth, parent, tree id), 5 diversity codes
LANG, GIVEN, AVAIL, TREE, DIV = 0, 1, 2, 8, 13

# What each mentee knows between its bids. Per mentee: the allowed mentors it remembers with
# their scores (mem_j, mem_s, mem_n), whether its preferred pairs were looked at (init), the
# bound of what it has not explored (front) or forgot (lost), the forbidden mentors it met
# (ban_j, ban_n). Per request (need set of a mentee), in its list: where the next scan
# starts (rpos), where the last one stopped (rend), the best bound of what it passed over
# (rmax), the entries its walks passed over since the last look at the lists (rpass).
Memory = namedtuple("Memory", "mem_j mem_s mem_n rpos init front lost ban_j ban_n rend rmax rpass")


@njit(cache=True, inline="always")
def _score(i, j, c):
    """Exact pair score of (i, j) as ``Prep.scores``, or -1 if a hard rule of ``Prep.feasible``
    forbids it (qualification is not checked: list entries are qualified by construction)."""
    ra, rb, NT, NW, V, dist, sptr, sj, skind, dw, umb, w_umb, w_pref, max_score = c
    return _score_of(i, j, ra, rb, NT, NW, V, dist, sptr, sj, skind, dw, umb, w_umb, w_pref,
                     max_score)  # fmt: skip


@njit(cache=True, inline="always")
def _score_of(i, j, ra, rb, NT, NW, V, dist, sptr, sj, skind, dw, umb, w_umb, w_pref, max_score):
    """``_score`` with the context taken apart: ``_scan`` takes it apart once, not at each
    pair (each array taken out of the tuple is a reference count: ten a pair, 6 % of the
    compiled code's time at tight 100,000, 2.6 % after)."""
    if (ra[i, LANG] & rb[j, LANG]) == 0:
        return -1
    if ra[i, GIVEN] and rb[j, GIVEN]:
        common = False
        for w in range(AVAIL, AVAIL + 6):
            if (ra[i, w] & rb[j, w]) != 0:
                common = True
                break
        if not common:
            return -1
    if dist != 0:  # pre, post, depth, parent, tree id
        if ra[i, TREE + 3] == rb[j, TREE + 3] and ra[i, TREE + 3] != -1:
            return -1  # colleagues with the same manager
        if ra[i, TREE + 4] == rb[j, TREE + 4] and ra[i, TREE] >= 0 and rb[j, TREE] >= 0:
            a_pre, a_post = ra[i, TREE], ra[i, TREE + 1]
            b_pre, b_post = rb[j, TREE], rb[j, TREE + 1]
            d = rb[j, TREE + 2] - ra[i, TREE + 2]
            if a_pre < b_pre and b_post < a_post and (dist < 0 or d <= dist):
                return -1
            if b_pre < a_pre and a_post < b_post and (dist < 0 or -d <= dist):
                return -1
    b = w_umb * umb[i]
    for q in range(sptr[i], sptr[i + 1]):  # the mentee's earlier, forbidden, locked, preferred
        if sj[q] == j:
            if skind[q] == 0:
                return -1
            b += w_pref
    cov = 0
    for k in range(NT.shape[1]):
        cov += NW[i, k] * V[j, NT[i, k]]
    for a in range(dw.shape[0]):
        x, y = ra[i, DIV + a], rb[j, DIV + a]
        if x >= 0 and y >= 0 and x != y:
            b += dw[a]
    return min(max(cov + b, 0), max_score)


@njit(cache=True)
def _qualified(i, j, NT, Q, nt):
    for k in range(NT.shape[1]):  # noqa: SIM110 (a loop: numba compiles no generator in any())
        if NT[i, k] < nt and Q[j, NT[i, k]]:
            return True
    return False


@njit(cache=True)
def _cheapest(j, soff, price):
    best = soff[j]
    for s in range(soff[j] + 1, soff[j + 1]):
        if price[s] < price[best]:
            best = s
    return best


@njit(cache=True)
def _next_cheapest(j, s0, soff, price):
    """The lowest price of j's places other than ``s0`` (a large value if it has one)."""
    best = -NEG
    for s in range(soff[j], soff[j + 1]):
        if s != s0 and price[s] < best:
            best = price[s]
    return best


@njit(cache=True)
def _take(v, j, best, tops):
    """best = [b1, b2, j1, j2]; tops: the len(tops) best values, falling."""
    if v > best[0] or (v == best[0] and j < best[2]):
        best[1] = best[0]
        best[3] = best[2]
        best[0] = v
        best[2] = j
    elif v > best[1]:
        best[1] = v
        best[3] = j
    k = len(tops) - 1
    if v > tops[k]:
        while k > 0 and tops[k - 1] < v:
            tops[k] = tops[k - 1]
            k -= 1
        tops[k] = v


@njit(cache=True)
def _consider(i, j, s, S, B, pmin, mem, best, tops):
    """Remember allowed (j, score s) and take its value. A full memory forgets its least
    valuable mentor; that value bounds it for good (prices only rise), in ``lost``."""
    mem_j, mem_s, mem_n, lost = mem.mem_j, mem.mem_s, mem.mem_n, mem.lost
    v = S * (s + B) - pmin[j]
    k = mem_n[i]
    if k == mem_j.shape[1]:
        worst = 0
        wv = S * (mem_s[i, 0] + B) - pmin[mem_j[i, 0]]
        for q in range(1, k):
            x = S * (mem_s[i, q] + B) - pmin[mem_j[i, q]]
            if x < wv:
                wv = x
                worst = q
        if wv >= v:
            lost[i] = max(lost[i], v)
            return
        lost[i] = max(lost[i], wv)
        k = worst
    else:
        mem_n[i] += 1
    mem_j[i, k] = j
    mem_s[i, k] = s
    _take(v, j, best, tops)


@njit(cache=True)
def _from_memory(i, S, B, pmin, mem, best, tops):
    mem_j, mem_s, mem_n = mem.mem_j, mem.mem_s, mem.mem_n
    best[0] = NEG
    best[1] = NEG
    best[2] = -1
    best[3] = -1
    tops[:] = NEG
    for k in range(mem_n[i]):
        j = mem_j[i, k]
        _take(S * (mem_s[i, k] + B) - pmin[j], j, best, tops)


@njit(cache=True)
def _stamp(i, mem, seen):
    """Mark the mentors i already knows (remembered or forbidden); returns the stamp."""
    mem_j, mem_n, ban_j, ban_n = mem.mem_j, mem.mem_n, mem.ban_j, mem.ban_n
    stamp = seen[len(seen) - 1] + 1
    seen[len(seen) - 1] = stamp
    for k in range(mem_n[i]):
        seen[mem_j[i, k]] = stamp
    for k in range(ban_n[i]):
        seen[ban_j[i, k]] = stamp
    return stamp


@njit(cache=True, inline="always")
def _look_preferred(i, lists, c, S, B, pmin, mem, best, tops, seen):
    """Evaluate i's preferred pairs (outside the lists' bound); returns the stamp of
    ``seen`` it used and the pairs evaluated."""
    pptr, pj, Q, nt, al, asum, bl, bsum = lists[6:]
    NT = c[2]
    evals = 0
    stamp = _stamp(i, mem, seen)
    for q in range(pptr[i], pptr[i + 1]):
        j = pj[q]
        if seen[j] == stamp or not _qualified(i, j, NT, Q, nt):
            continue
        seen[j] = stamp
        if (al[i] & bl[j]) == 0 or (asum[i] & bsum[j]) == 0:
            continue
        evals += 1
        s = _score(i, j, c)
        if s >= 0:
            _consider(i, j, s, S, B, pmin, mem, best, tops)
    return stamp, evals


@njit(cache=True, inline="always")
def _scan(i, e, end, add, lists, c, S, B, pmin, esort, mem, best, tops, seen, stamp):
    """Scan one list of i from entry ``e`` until an entry's bound cannot beat the threshold
    (``tops[-1]``). Returns (where it stopped, first entry passed over or -1, best bound of
    those passed over, how many, pairs evaluated). Counted here, not in the thread's row of
    counters at each entry: the rows of two threads shared a cache line, which the two cores
    took from each other at each entry (8 % of the walks' samples at tight 100,000, on the
    instruction after that increment). Kept written out (no call per entry): a call per
    entry here made the whole auction twice as slow (measured at 100,000 mentees)."""
    ek, ej, al, asum, bl, bsum = lists[4], lists[5], lists[10], lists[11], lists[12], lists[13]
    ban_j, ban_n = mem.ban_j, mem.ban_n
    ra, rb, NT, NW, V, dist, sptr, sj, skind, dw, umb, w_umb, w_pref, max_score = c
    last = len(tops) - 1
    keep = -1
    passed = NEG
    npass = evals = 0
    while e < end:
        ub = ek[e] + add
        if ub <= tops[last]:
            break
        j = ej[e]
        e += 1
        if seen[j] == stamp:
            continue
        now = ub - (pmin[j] - esort[e - 1])  # the same bound at today's price (sorted at)
        if now <= tops[last]:
            npass += 1
            if keep < 0:
                keep = e - 1
            passed = max(passed, now)
            continue
        seen[j] = stamp
        if (al[i] & bl[j]) == 0 or (asum[i] & bsum[j]) == 0:
            continue  # no common language or day part: cheap, not worth remembering
        evals += 1
        s = _score_of(i, j, ra, rb, NT, NW, V, dist, sptr, sj, skind, dw, umb, w_umb, w_pref,
                      max_score)  # fmt: skip
        if s >= 0:
            _consider(i, j, s, S, B, pmin, mem, best, tops)
        elif ban_n[i] < ban_j.shape[1]:
            ban_j[i, ban_n[i]] = j
            ban_n[i] += 1
    return e, keep, passed, npass, evals


@njit(cache=True)
def _walk(i, lists, c, S, B, pmin, esort, mem, best, tops, seen, state, filled=False):
    """Explore i's lists until nothing unexplored can beat the len(tops)-th best value
    (S*(score+B) - price); every allowed mentor found is remembered with its exact score (and
    a forbidden one in ``ban``, so that a walk after a re-sort skips it), and ``front[i]``
    keeps the bound of what is left and of what was forgotten (valid while prices only
    rise). Returns the pairs evaluated; ``best`` holds [best value, second best, their
    mentors] over the memory. ``seen``: scratch, one stamp per mentor, the stamp in its last
    cell.

    Per list, the walk keeps where it stopped (``rend``), the first entry it passed over
    because its price rose (``rpos``, where the next scan starts) and the best bound of those
    it passed over (``rmax``: prices only rise, so it stays a bound). A list whose bounds
    cannot beat the threshold is not scanned again: most walks scan nothing. (Going on from
    ``rend`` instead, the entries passed over not read again, halved the entries passed over
    at tight 20,000 and saved no time: they are not the cost.) ``filled``: the caller already
    took the memory's values into ``best`` and ``tops``."""
    rptr, rgrp, radd, gptr, ek = lists[:5]
    rpos, init, rend, rmax = mem.rpos, mem.init, mem.rend, mem.rmax
    evals = 0
    stamp = -1
    if not filled:
        _from_memory(i, S, B, pmin, mem, best, tops)
    if not init[i]:  # preferred pairs: outside the lists' bound, looked at once
        init[i] = True
        stamp, evals = _look_preferred(i, lists, c, S, B, pmin, mem, best, tops, seen)
    rem = mem.lost[i]
    thr = tops[len(tops) - 1]
    for r in range(rptr[i], rptr[i + 1]):
        add = radd[r]
        end = gptr[rgrp[r] + 1]
        tail = ek[rend[r]] + add if rend[r] < end else NEG
        if rmax[r] <= thr and tail <= thr:
            rem = max(rem, rmax[r], tail)
            continue
        if stamp < 0:
            stamp = _stamp(i, mem, seen)
        e, keep, passed, npass, n_ev = _scan(i, rpos[r], end, add, lists, c, S, B, pmin, esort,
                                             mem, best, tops, seen, stamp)  # fmt: skip
        mem.rpass[r] += npass
        state[4] += npass
        evals += n_ev
        rpos[r] = e if keep < 0 else keep
        rend[r] = e
        rmax[r] = passed
        thr = tops[len(tops) - 1]
        rem = max(rem, passed)
        if e < end:
            rem = max(rem, ek[e] + add)
    mem.front[i] = rem
    return evals


@njit(cache=True)
def _scratch(parts, m, width):
    """Per thread (row ``[t, 0]``, rows ``APART`` apart): best values and mentors, the best
    values known, the stamps of the mentors seen (``[t]``), the counters of ``state`` (walks,
    pairs evaluated, entries passed over)."""
    return (
        np.zeros((parts, APART, 4), dtype=np.int64),
        np.zeros((parts, APART, width), dtype=np.int64),
        np.zeros((parts, m + 1), dtype=np.int64),
        np.zeros((parts, APART, 5), dtype=np.int64),
    )


@njit(cache=True)
def _rows(scratch, t):
    """Thread ``t``'s rows of ``_scratch``'s arrays: best, tops, seen, counters."""
    return scratch[0][t, 0], scratch[1][t, 0], scratch[2][t], scratch[3][t, 0]


@njit(cache=True)
def _gather(counts, state):
    """Add the threads' counters to ``state`` and clear them."""
    for t in range(len(counts)):
        for q in range(2, 5):
            state[q] += counts[t, 0, q]
            counts[t, 0, q] = 0


@njit(cache=True, parallel=True)
def explore(who, want, lists, c, S, B, pmin, esort, mem, state, parts):
    """Walk each mentee of ``who`` until its ``want`` best are known; returns an upper bound of
    its best value at these prices, exact unless it forgot some (NEG: no allowed mentor).
    Walks of different mentees touch different rows: they run in ``parts`` parallel slices
    (``get_num_threads()``, passed in: a compiled call to it could not be cached), same
    result."""
    out = np.full(len(who), NEG, dtype=np.int64)
    front = mem.front
    size = (len(who) + parts - 1) // parts
    sc = _scratch(parts, len(pmin), max(want, 1))
    for t in prange(parts):
        best, tops, seen, mine = _rows(sc, t)
        for k in range(t * size, min((t + 1) * size, len(who))):
            mine[3] += _walk(who[k], lists, c, S, B, pmin, esort, mem, best, tops, seen, mine)
            out[k] = max(best[0], front[who[k]])
    _gather(sc[3], state)  # state[2] counts the bids' walks: these add nothing to it
    return out


@njit(cache=True)
def remembered(mem_j, mem_s, mem_n, mate):
    """Every allowed pair the mentees remember but their own (mentee, mentor, score), by
    mentee: a loop over the rows (masks over the whole memory took 0.1-0.2 s a round)."""
    total = 0
    for i in range(len(mem_n)):
        total += mem_n[i]
    ai = np.empty(total, dtype=np.int64)
    aj = np.empty(total, dtype=np.int64)
    asc = np.empty(total, dtype=np.int64)
    q = 0
    for i in range(len(mem_n)):
        for k in range(mem_n[i]):
            if mem_j[i, k] != mate[i]:
                ai[q], aj[q], asc[q] = i, mem_j[i, k], mem_s[i, k]
                q += 1
    return ai[:q], aj[:q], asc[:q]
