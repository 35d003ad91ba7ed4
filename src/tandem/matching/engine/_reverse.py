"""Reverse auction for the places a refinement of ``_market``'s forward auction leaves empty
with a price: each lowers its price to the second best offer it could get and takes the mentee
that values it most (see ``reverse``). Apart from ``_market`` because the forward auction only
raises prices and this only lowers them; ``_pricing`` runs it after each refinement."""

from __future__ import annotations

import numpy as np
from numba import njit

from ._market import NEG

__all__ = ["known", "reverse"]


@njit(cache=True)
def known(mem_j, mem_s, mem_n, m):
    """What the mentees remember, by mentor: (start of each mentor's rows, mentee, score),
    mentees rising within a mentor. A counting sort: an argsort of every remembered pair
    took 0.2-0.4 s a round at 100,000 mentees."""
    ptr = np.zeros(m + 1, dtype=np.int64)
    for i in range(len(mem_n)):
        for k in range(mem_n[i]):
            ptr[mem_j[i, k] + 1] += 1
    for j in range(m):
        ptr[j + 1] += ptr[j]
    at = ptr[:m].copy()
    who = np.empty(ptr[m], dtype=np.int64)
    score = np.empty(ptr[m], dtype=np.int64)
    for i in range(len(mem_n)):
        for k in range(mem_n[i]):
            j = mem_j[i, k]
            who[at[j]] = i
            score[at[j]] = mem_s[i, k]
            at[j] += 1
    return ptr, who, score


@njit(cache=True)
def _slot_price_min(j, soff, price):
    pm = price[soff[j]]
    for s in range(soff[j] + 1, soff[j + 1]):
        pm = min(pm, price[s])
    return pm


@njit(cache=True, inline="always")
def _push(j, ring, queued, tail):
    """Queue mentor j unless it is queued; returns the new tail."""
    if not queued[j]:
        queued[j] = True
        ring[tail % len(ring)] = j
        tail += 1
    return tail


@njit(cache=True, inline="always")
def _priciest_empty(j, soff, price, holder):
    """The empty place of j with the highest price above 0, or -1."""
    s_empty = -1
    for s in range(soff[j], soff[j + 1]):
        if holder[s] < 0 and price[s] > 0 and (s_empty < 0 or price[s] > price[s_empty]):
            s_empty = s
    return s_empty


@njit(cache=True, inline="always")
def _offers(j, known, S, B, mate, profit):
    """The two best gains a place of j offers the mentees that know it (over what each has):
    (best, second, its mentee or -1, that mentee's value of the pair)."""
    kptr, kmentee, kscore = known
    b1 = NEG
    b2 = NEG
    i1 = -1
    w1 = 0
    for y in range(kptr[j], kptr[j + 1]):
        i = kmentee[y]
        if mate[i] == j:
            continue
        w = S * (kscore[y] + B)
        beta = w - profit[i]
        if beta > b1:
            b2 = b1
            b1 = beta
            i1 = i
            w1 = w
        elif beta > b2:
            b2 = beta
    return b1, b2, i1, w1


@njit(cache=True)
def reverse(todo, known, S, B, soff, price, pmin, holder, mate, slot_of, profit, eps, most):
    """Reverse auction for the mentors of ``todo`` that have an empty place with a price: the
    place lowers its price to the second best offer it could get (less ``eps``) and takes the
    mentee that values it most over what it has now (an unmatched one gains the cardinality
    scale); that mentee's old place is empty in turn. A mentee's profit rises by at least
    ``eps`` each time it moves, so this ends; a place nobody wants falls to price 0.
    Candidates: the mentees that remember the mentor (``known``: CSR by mentor of (mentee,
    score)); a mentee that does not is caught by the next walk at fresh prices if the lower
    price tempts it. ``profit``: each mentee's value of its place (0: none), kept up to
    date. Returns the moves (at most ``most``)."""
    m = len(pmin)
    ring = np.empty(m + 1, dtype=np.int64)  # mentors to look at (each once at a time)
    queued = np.zeros(m, dtype=np.bool_)
    head = tail = 0
    for j in todo:
        tail = _push(j, ring, queued, tail)
    moves = 0
    while head != tail and moves < most:
        j = ring[head % (m + 1)]
        head += 1
        queued[j] = False
        s_empty = _priciest_empty(j, soff, price, holder)
        if s_empty < 0:
            continue
        b1, b2, i1, w1 = _offers(j, known, S, B, mate, profit)
        if i1 < 0 or b1 <= 0:  # nobody gains from it, even free: no price
            price[s_empty] = 0
        else:
            old = slot_of[i1]
            if old >= 0:
                holder[old] = -1
                jo = mate[i1]
                pmin[jo] = _slot_price_min(jo, soff, price)
                tail = _push(jo, ring, queued, tail)
            holder[s_empty] = i1
            slot_of[i1] = s_empty
            mate[i1] = j
            price[s_empty] = max(0, min(price[s_empty], b2 - eps))
            profit[i1] = w1 - price[s_empty]
            moves += 1
        pmin[j] = _slot_price_min(j, soff, price)
        tail = _push(j, ring, queued, tail)  # another empty place of its own, perhaps
    return moves
