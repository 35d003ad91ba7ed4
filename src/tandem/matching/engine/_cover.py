"""The most mentees that can be matched, and the proof (a Koenig vertex cover), on the whole
implicit graph of allowed pairs, compiled with numba.

Why: when some mentees must stay unmatched (fewer mentor places than mentees, or a topic
that few mentors hold), an auction that starts from zero prices has to raise the scarce
mentors' prices by the whole cardinality scale (B) in small steps, a price war that does not
end in time. The cover says which mentors are full in every maximum matching (those an
unmatched mentee reaches by an alternating path): starting their prices at that scale
(S * B) leaves the auction only the score to settle.

After the greedy, phases of one breadth-first search from all unmatched mentees at once, a
forest (each person reached once per phase: the list positions of reached mentors are
skipped, next-pointers with path compression), each tree augmenting along the first path to
a free mentor it finds and stopping there. A phase that augments nothing proves the matching
maximum, and what it reached is the cover. (``settle`` > 0 stops earlier, once a phase
matches fewer than that share of the mentees: the cover is then what the trees that found
nothing reached, not a proof; measured, the auction then fights over the mentors it
misses.)
(Hopcroft-Karp's layers flood the whole graph in a few steps on a program where a scarce
topic ties everyone together; a search per mentee reads large regions again for each.)
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ._market import _score
from ._prep import Prep
from ._rules import context, quick, topic_lists

SETTLE = 0.0  # a phase that matches fewer than this share of the mentees is the last


@njit(cache=True, inline="always")
def _find(nxt, e):
    r = e
    while nxt[r] != r:
        r = nxt[r]
    while nxt[e] != r:
        t = nxt[e]
        nxt[e] = r
        e = t
    return r


@njit(cache=True)
def _move(i, j, soff, holder, load, mate):
    """Mentee i leaves its mentor (if any) and takes a free place of mentor j."""
    old = mate[i]
    if old >= 0:
        for s in range(soff[old], soff[old + 1]):
            if holder[s] == i:
                holder[s] = -1
                break
        load[old] -= 1
    for s in range(soff[j], soff[j + 1]):
        if holder[s] == -1:
            holder[s] = i
            break
    load[j] += 1
    mate[i] = j


@njit(cache=True)
def _lookahead(i, g, c, q, cap, load, la_x, la_e):
    """An allowed mentor of i with a free place, or -1. Full mentors are skipped for good
    (matching only fills them) and so is what i already rejected: its pointer only moves on,
    so all of i's lookaheads together read its lists once. Topics in ``tx`` order (the
    rarest first). The cheap filters are read in list order (``pl``, ``ps``): most pairs fail
    them, and only those that pass touch the mentor's own rows (3.6 s -> 0.8 s at tight
    100,000)."""
    lptr, lmentor, tx, nxt_full, pl, ps = g
    nt = len(lptr) - 1
    al, asum = q[0][i], q[1][i]
    while la_x[i] < tx.shape[1]:
        t = tx[i, la_x[i]]
        if t < nt:
            e = _find(nxt_full, lptr[t] if la_e[i] < 0 else la_e[i])
            while e < lptr[t + 1]:
                if (al & pl[e]) != 0 and (asum & ps[e]) != 0:
                    j = lmentor[e]
                    if load[j] >= cap[j]:
                        nxt_full[e] = e + 1
                    elif _score(i, j, c) >= 0:
                        la_e[i] = e
                        return j
                e = _find(nxt_full, e + 1)
        la_x[i] += 1
        la_e[i] = -1
    return -1


@njit(cache=True)
def _roots(order, mate, w, stamp):
    """Every unmatched mentee starts a tree of its own; returns the queue's length."""
    seen_a, par_a, queue, root, done = w[0], w[2], w[4], w[5], w[7]
    tail = 0
    for r in order:
        if mate[r] < 0:
            seen_a[r] = stamp
            par_a[r] = -1
            root[r] = r
            done[r] = False
            queue[tail] = r
            tail += 1
    return tail


@njit(cache=True)
def _augment(i, j, soff, holder, load, mate, par_a, par_b):
    """Along the tree's path to mentor j (free), each mentee moves to the mentor after it."""
    while i >= 0:
        back = par_a[i]
        _move(i, j, soff, holder, load, mate)
        j = back
        i = par_b[back] if back >= 0 else -1


@njit(cache=True, inline="always")
def _reach(i, j, soff, holder, w, stamp, tail):
    """Mentor j, reached from i (full): its mentees join i's tree; returns the queue's
    length."""
    seen_a, par_a, queue, root = w[0], w[2], w[4], w[5]
    for s in range(soff[j], soff[j + 1]):
        h = holder[s]
        if h >= 0 and seen_a[h] != stamp:
            seen_a[h] = stamp
            par_a[h] = j
            root[h] = root[i]
            queue[tail] = h
            tail += 1
    return tail


@njit(cache=True)
def _phase(order, g, c, q, soff, holder, load, mate, w):
    """One forest from every unmatched mentee; returns the augmentations. ``w.seen_b`` ==
    the stamp and not ``w.done[w.tree_b]``: the mentors reached by trees that found nothing.
    The scan of the lists stays written out (the hot loop of the cover)."""
    lptr, lmentor, tx, pl, ps = g[0], g[1], g[2], g[4], g[5]
    seen_b, par_a, par_b, root, tree_b, done = w[1], w[2], w[3], w[5], w[6], w[7]
    nt = len(lptr) - 1
    cap = np.diff(soff)
    stamp = seen_b[len(seen_b) - 1] + 1
    seen_b[len(seen_b) - 1] = stamp
    nxt = np.arange(len(lmentor) + 1)
    tail = _roots(order, mate, w, stamp)
    found = 0
    head = 0
    while head < tail:
        i = w[4][head]
        head += 1
        if done[root[i]]:
            continue
        al, asum = q[0][i], q[1][i]
        for x in range(tx.shape[1]):
            t = tx[i, x]
            if t >= nt or done[root[i]]:
                continue
            e = _find(nxt, lptr[t])
            while e < lptr[t + 1]:
                if (al & pl[e]) == 0 or (asum & ps[e]) == 0:
                    e = _find(nxt, e + 1)
                    continue
                j = lmentor[e]
                if seen_b[j] == stamp:
                    nxt[e] = e + 1
                elif _score(i, j, c) >= 0:
                    seen_b[j] = stamp
                    nxt[e] = e + 1
                    par_b[j] = i
                    tree_b[j] = root[i]
                    if load[j] < cap[j]:
                        done[root[i]] = True
                        found += 1
                        _augment(i, j, soff, holder, load, mate, par_a, par_b)
                        break
                    tail = _reach(i, j, soff, holder, w, stamp, tail)
                e = _find(nxt, e + 1)
    return found


@njit(cache=True)
def _match(order, g, c, q, soff, holder, load, mate, w, settle):
    """Greedy, then phases until one augments nothing (returns True: exact) or fewer than
    ``settle`` (False)."""
    cap = np.diff(soff)
    la_x = np.zeros(len(mate), dtype=np.int64)
    la_e = np.full(len(mate), -1, dtype=np.int64)
    for i in order:
        j = _lookahead(i, g, c, q, cap, load, la_x, la_e)
        if j >= 0:
            _move(i, j, soff, holder, load, mate)
    while True:
        found = _phase(order, g, c, q, soff, holder, load, mate, w)
        if found < settle:
            return found == 0


def cover(pr: Prep, cap_a: np.ndarray, cap_b: np.ndarray, settle: float = SETTLE):
    """(mate per mentee, mentors in the cover (bool), mentees reachable (bool), exact) for
    one-to-one and group programs: a maximum matching of the whole graph and its proof
    (``exact``), or a near-maximum one and the reach of the mentees it left unmatched."""
    n, m = pr.n, pr.m
    live = cap_b > 0
    q = quick(pr)
    order, g = _lists(pr, cap_a, cap_b, q)
    soff = np.r_[0, np.cumsum(np.where(live, cap_b, 0))].astype(np.int64)
    holder = np.full(int(soff[-1]), -1, dtype=np.int64)
    load = np.zeros(m, dtype=np.int64)
    mate = np.full(n, -1, dtype=np.int64)
    i64 = np.int64
    w = (
        np.zeros(n, dtype=i64),  # seen_a, seen_b: the phase stamp of who it reached
        np.zeros(m + 1, dtype=i64),  # (the stamp itself in the last cell)
        np.zeros(n, dtype=i64),  # par_a: the mentor through which a mentee was reached
        np.zeros(m, dtype=i64),  # par_b: the mentee through which a mentor was reached
        np.zeros(n, dtype=i64),  # queue
        np.zeros(n, dtype=i64),  # root: the tree of each mentee reached
        np.zeros(m, dtype=i64),  # tree_b: the tree of each mentor reached
        np.zeros(n, dtype=np.bool_),  # done: the tree of this root augmented
    )
    c = context(pr)
    exact = _match(order, g, c, q, soff, holder, load, mate, w, max(1, int(settle * n)))
    seen_a, seen_b, _, _, _, root, tree_b, done = w
    stamp = seen_b[-1]
    ys = (seen_b[:m] == stamp) & ~done[tree_b]
    xs = (seen_a == stamp) & ~done[root]
    return mate, ys, xs, exact


def _lists(pr: Prep, cap_a: np.ndarray, cap_b: np.ndarray, q):
    """The mentees in the greedy's order and what the scans read (``g``): each topic's list
    of mentors with places, the least demanded first (the topics they hold are needed by few
    mentees per place: who takes them leaves the others' mentors free; measured at tight
    100,000: 3,238 -> 450 mentees left to the phases, 29 -> 11 phases)."""
    live = cap_b > 0
    lptr, lmentor = topic_lists(pr, live)
    who = np.flatnonzero(cap_a > 0).astype(np.int64)
    owner = np.repeat(np.arange(pr.nt), np.diff(lptr))
    need = np.bincount(pr.NT[who].ravel(), minlength=pr.nt + 1)[: pr.nt]
    places = np.bincount(owner, weights=cap_b[lmentor], minlength=pr.nt)
    demand = np.zeros(pr.m)
    np.add.at(demand, lmentor, (need / np.maximum(places, 1))[owner])
    lmentor = lmentor[np.lexsort((lmentor, demand[lmentor], owner))]
    lens = np.r_[np.diff(lptr), 0]
    options = lens[pr.NT[who]].sum(axis=1)
    order = who[np.argsort(options, kind="stable")]  # the most constrained choose first
    # each mentee's topics, the rarest first (measured: the greedy matches more)
    tx = np.take_along_axis(pr.NT, np.argsort(lens[pr.NT], axis=1, kind="stable"), axis=1)
    g = (
        lptr,
        lmentor,
        np.ascontiguousarray(tx, dtype=np.int64),
        np.arange(len(lmentor) + 1),  # positions of full mentors, skipped for good
        q[2][lmentor],  # the mentors' languages and day parts in list order: the scans
        q[3][lmentor],  # read them in sequence and touch a mentor's row only if they pass
    )
    return order, g
