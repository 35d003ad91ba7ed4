"""The forward auction's bidding loop (``bid``), in batches: the costly part of a bid (reading
the memory, the walk) runs for a batch of waiting mentees in parallel, their bids are then
placed one by one in queue order.

Why: at 100,000 mentees a bid took about 5 µs, almost all of it ``_market._from_memory`` and
``_market._walk``, each of which touches only its mentee's rows, and the machine has more than
one core. A bid worked out at the batch's prices is still the bid the mentee would make in
turn unless an earlier bid of the batch raised the price of its best or second best mentor
(others only lose value as prices rise): then it is worked out again, in turn. The batches
are fixed by the queue (not by the threads) and each mentee's look depends only on the prices
at the start of its batch and on its own memory: the same bids with any number of threads.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ._market import NO_MENTOR, _cheapest, _from_memory, _next_cheapest, _walk

__all__ = ["bid"]

BATCH = 1024  # waiting mentees looked at together (at most)
SOLO = 16  # below this many waiting, a batch is not worth its threads: one at a time


@njit(cache=True)
def _look(i, lists, c, S, B, pmin, psort, mem, best, tops, seen, counts, eps, want):
    """i's best and second best values at today's prices (``best``: values, then mentors),
    after a walk if what it left unexplored might beat its memory."""
    _from_memory(i, S, B, pmin, mem, best, tops)
    if mem.front[i] > tops[want - 1] + eps:
        counts[2] += 1
        counts[3] += _walk(i, lists, c, S, B, pmin, psort, mem, best, tops, seen, counts, True)


@njit(cache=True, parallel=True)
def _look_all(queue, head, cnt, lists, c, S, B, pmin, psort, mem, eps, want, out, scratch):
    """``_look`` for the ``cnt`` mentees from ``head`` in the queue, in ``len(counts)``
    parallel slices; their results in ``out`` (one row each), no price changed."""
    bests, tops, seens, counts = scratch
    parts = len(counts)
    size = (cnt + parts - 1) // parts
    for t in prange(parts):
        for k in range(t * size, min((t + 1) * size, cnt)):
            i = queue[(head + k) % len(queue)]
            _look(i, lists, c, S, B, pmin, psort, mem, bests[t], tops[t], seens[t], counts[t],
                  eps, want)  # fmt: skip
            out[k, :] = bests[t]


@njit(cache=True)
def _place(i, best, front, eps, top, esc, auc, tail):
    """Place i's bid from ``best`` (an unmatched mentee whose best is worth nothing waits);
    returns (the mentor bid for or -1, the queue's new tail)."""
    soff, price, pmin, holder, mate, status, bids, queue = auc
    j1, v1, v2 = best[2], best[0], max(best[1], front[i])
    if j1 < 0 or v1 <= 0:
        status[i] = NO_MENTOR  # unmatched is worth as much: it waits
        return -1, tail
    status[i] = 0
    step = min(eps << min(bids[i] // esc, 40), top)
    bids[i] += 1
    s = _cheapest(j1, soff, price)
    # the other places of j1 are objects of their own: the second best counts them too,
    # or one place would rise to the whole value (the cardinality scale) above its twins
    v2 = max(v2, v1 - (_next_cheapest(j1, s, soff, price) - price[s]))
    price[s] += max(v1 - max(v2, 0), 0) + step
    pmin[j1] = price[_cheapest(j1, soff, price)]
    old = holder[s]
    if old >= 0:
        mate[old] = -1
        queue[tail % len(queue)] = old
        tail += 1
    holder[s] = i
    mate[i] = j1
    return j1, tail


@njit(cache=True)
def _scratch(parts, m, width):
    """Per thread: best values and mentors, the best values known, the stamps of the
    mentors seen, the counters of ``state`` (walks, pairs evaluated, entries passed over)."""
    return (
        np.zeros((parts, 4), dtype=np.int64),
        np.zeros((parts, width), dtype=np.int64),
        np.zeros((parts, m + 1), dtype=np.int64),
        np.zeros((parts, 5), dtype=np.int64),
    )


@njit(cache=True)
def bid(lists, c, S, B, auc, psort, state, mem, eps, limit, want, most, top, depth, esc,
        parts):  # fmt: skip
    """Run the auction from the queue (``auc``: soff, price, pmin, holder, mate, status,
    bids, queue; ``state``: head, tail, walks, evaluations, entries passed over) until it is
    empty, or walks passed over ``limit`` entries whose price rose since the lists were sorted
    (the caller re-sorts them: shorter walks), or ``most`` bids were made (the caller looks at
    the clock); these are checked between batches. ``top``: the largest step (the score
    scale). ``parts``: the threads (``get_num_threads()``). Returns the bids made."""
    pmin, queue = auc[2], auc[7]
    sc = _scratch(parts, len(pmin), max(depth, want))
    best, tops, seen, counts = sc[0][0], sc[1][0], sc[2][0], state
    out = np.zeros((BATCH, 4), dtype=np.int64)
    touched = np.zeros(len(pmin), dtype=np.int64)  # the batch that last raised a price
    head, tail = state[0], state[1]
    made = batch = 0
    skips = state[4] + limit
    while head != tail and state[4] < skips and made < most:
        cnt = min(tail - head, BATCH)
        batch += 1
        if cnt >= SOLO:
            _look_all(queue, head, cnt, lists, c, S, B, pmin, psort, mem, eps, want, out, sc)
            _gather(sc[3], state)
        for k in range(cnt if cnt >= SOLO else 1):
            i = queue[head % len(queue)]
            head += 1
            if cnt < SOLO or _stale(out[k], touched, batch):
                _look(i, lists, c, S, B, pmin, psort, mem, best, tops, seen, counts, eps, want)
            else:
                best[:] = out[k]
            j, tail = _place(i, best, mem.front, eps, top, esc, auc, tail)
            if j >= 0:
                touched[j] = batch
                made += 1
    state[0], state[1] = head, tail
    return made


@njit(cache=True)
def _stale(row, touched, batch):
    """An earlier bid of the batch raised the price of the best or second best mentor."""
    j1, j2 = row[2], row[3]
    return (j1 >= 0 and touched[j1] == batch) or (j2 >= 0 and touched[j2] == batch)


@njit(cache=True)
def _gather(counts, state):
    """Add the threads' counters to ``state`` and clear them."""
    for t in range(len(counts)):
        for q in range(2, 5):
            state[q] += counts[t, q]
            counts[t, q] = 0
