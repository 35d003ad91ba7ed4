"""The forward auction's bidding loop (``bid``), in batches: the costly part of a bid (reading
the memory, the walk) runs for a batch of waiting mentees in parallel, their bids are then
placed one by one in queue order.

Why: at 100,000 mentees a bid took about 5 µs, almost all of it ``_market._from_memory`` and
``_market._walk``, each of which touches only its mentee's rows, and the machine has more than
one core. A bid worked out at the batch's prices is still the bid the mentee would make in
turn unless an earlier bid of the batch raised the price of its second best mentor, or of its
best one so far that it no longer beats the second (others only lose value as prices rise):
then it is worked out again, in turn (``_settle``). The batches are fixed by the queue (not
by the threads, nor by where a call stops) and each mentee's look depends only on the prices
at the start of its batch and on its own memory: the same bids with any number of threads.
Whether the looks run on every thread or on one is the clock's choice (``Pace``).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ._market import (
    NO_MENTOR,
    _cheapest,
    _from_memory,
    _gather,
    _next_cheapest,
    _rows,
    _scratch,
    _walk,
)

__all__ = ["Pace", "bid"]

PROBE = 512  # bids of a stretch that times one way (a batch or two)
MAX_GAP = 64  # calls between two timings at most (while one thread keeps winning)


class Pace:
    """Whether the next bids work their batches out on every thread or on one. The answer is
    the same either way, only the time differs: threads that are slow to wake (a busy or a
    virtual machine) make a batch cost more than it saves (3-4 ms a batch was measured here
    on a quiet machine now and then, 0.2 s on a busy one). Both ways are timed on short
    stretches one after the other (the cost of a bid changes as the auction goes on), then
    the faster runs for ``every`` calls; while one thread wins, the timings get rarer."""

    def __init__(self, threads: int, chunk: int, every: int = 4) -> None:
        self.threads, self.chunk, self.every = threads, chunk, every
        self.gap = every
        self.mode = threads
        self.left = 0
        self.todo: list[int] = []
        self.rate: dict[int, float] = {}

    def next(self) -> tuple[int, int]:
        """(threads, at most how many bids) for the next call of ``bid``."""
        if self.threads == 1:
            return 1, self.chunk
        if not self.todo and self.left <= 0:
            self.todo = [1, self.threads]
        if self.todo:
            return self.todo[0], PROBE
        self.left -= 1
        return self.mode, self.chunk

    def note(self, parts: int, bids: int, seconds: float) -> None:
        if not self.todo or self.todo[0] != parts:
            return
        self.todo.pop(0)
        if bids >= PROBE // 8:
            self.rate[parts] = seconds / bids
        if not self.todo and len(self.rate) == 2:
            wins = self.rate[self.threads] < self.rate[1]
            self.mode = self.threads if wins else 1
            self.gap = self.every if wins else min(2 * self.gap, MAX_GAP)
            self.left = self.gap


@njit(cache=True)
def _look(i, lists, c, S, B, pmin, esort, mem, best, tops, seen, counts, eps, want):
    """i's best and second best values at today's prices (``best``: values, then mentors),
    after a walk if what it left unexplored might beat its memory."""
    _from_memory(i, S, B, pmin, mem, best, tops)
    if mem.front[i] > tops[want - 1] + eps:
        counts[2] += 1
        counts[3] += _walk(i, lists, c, S, B, pmin, esort, mem, best, tops, seen, counts, True)


@njit(cache=True)
def _look_slice(t, size, queue, head, cnt, lists, c, S, B, pmin, esort, mem, eps, want, out,
                scratch):  # fmt: skip
    """``_look`` for the ``t``-th slice of ``size`` of the ``cnt`` mentees from ``head`` in
    the queue, with the ``t``-th thread's rows of the scratch arrays (``_scratch``); results
    in ``out``."""
    best, tops, seen, counts = _rows(scratch, t)
    for k in range(t * size, min((t + 1) * size, cnt)):
        i = queue[(head + k) % len(queue)]
        _look(i, lists, c, S, B, pmin, esort, mem, best, tops, seen, counts, eps, want)
        out[k, :] = best


@njit(cache=True, parallel=True)
def _look_all(queue, head, cnt, lists, c, S, B, pmin, esort, mem, eps, want, out, scratch):
    """``_look_slice`` in one parallel slice per row of the scratch arrays (no price
    changes meanwhile: each look reads the batch's prices and writes its own rows)."""
    parts = len(scratch[3])
    size = (cnt + parts - 1) // parts
    for t in prange(parts):
        _look_slice(t, size, queue, head, cnt, lists, c, S, B, pmin, esort, mem, eps, want,
                    out, scratch)  # fmt: skip


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
def bid(lists, c, S, B, auc, esort, state, mem, eps, skips, want, most, top, depth, esc,
        parts, batch, solo):  # fmt: skip
    """Run the auction from the queue (``auc``: soff, price, pmin, holder, mate, status,
    bids, queue; ``state``: head, tail, walks, evaluations, entries passed over) until it is
    empty, or the entries walks passed over because their price rose since the lists were
    sorted reach ``skips`` (the caller re-sorts the lists passed over most), or ``most``
    bids were made (the caller looks at the clock). These are checked between batches,
    whose composition only depends on the queue: where a call stops does not change the
    bids. ``top``: the largest step (the score scale). ``parts``: threads for the looks
    (``Pace``); ``batch``, ``solo``: the largest batch, the smallest. Returns the bids made."""
    pmin, queue = auc[2], auc[7]
    sc = _scratch(parts, len(pmin), max(depth, want))
    best, tops, seen, _ = _rows(sc, 0)
    counts = state
    out = np.zeros((batch, 4), dtype=np.int64)
    touched = np.zeros(len(pmin), dtype=np.int64)  # the batch that last raised a price
    was = np.zeros(len(pmin), dtype=np.int64)  # the price before that batch
    head, tail = state[0], state[1]
    made = stamp = 0
    while head != tail and state[4] < skips and made < most:
        cnt = min(tail - head, batch)
        stamp += 1
        if cnt >= solo and parts > 1:
            _look_all(queue, head, cnt, lists, c, S, B, pmin, esort, mem, eps, want, out, sc)
        elif cnt >= solo:  # the same looks on this thread (``Pace``)
            _look_slice(0, cnt, queue, head, cnt, lists, c, S, B, pmin, esort, mem, eps, want,
                        out, sc)  # fmt: skip
        _gather(sc[3], state)
        for k in range(cnt if cnt >= solo else 1):
            i = queue[head % len(queue)]
            head += 1
            if cnt < solo or not _settle(out[k], best, touched, was, pmin, stamp):
                _look(i, lists, c, S, B, pmin, esort, mem, best, tops, seen, counts, eps, want)
            j = best[2]
            if j >= 0 and touched[j] != stamp:
                was[j] = pmin[j]
            j, tail = _place(i, best, mem.front, eps, top, esc, auc, tail)
            if j >= 0:
                touched[j] = stamp
                made += 1
    state[0], state[1] = head, tail
    return made


@njit(cache=True)
def _settle(row, best, touched, was, pmin, stamp):
    """Fill ``best`` with the look at today's prices from the look at the batch's (``row``)
    when they must agree: nothing changed for the best and second best mentors, or only the
    best one's price rose and it still beats the second (the others only lost value). False:
    the mentee looks again."""
    j1, j2 = row[2], row[3]
    if j2 >= 0 and touched[j2] == stamp:
        return False
    best[:] = row
    if j1 >= 0 and touched[j1] == stamp:
        best[0] = row[0] - (pmin[j1] - was[j1])
        return best[0] > best[1]
    return True
