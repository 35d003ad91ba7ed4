"""Auction for one-to-one formats: mentees bid for mentor slots (vectorised Jacobi rounds).

Bertsekas' auction for similar objects: each mentor is ``cap`` slots, each with its own price;
an unassigned mentee bids for the cheapest slot of its best mentor by value minus price, raising
that price by the gap to its second best plus ``eps``. At the end every assigned mentee is
within ``eps`` of its best (eps-complementary slackness), so the matching is within
``eps * n`` of the optimum on the arcs it saw, and the mentor prices (cheapest slot of each)
are the dual prices that certify it. Far cheaper than re-solving a min-cost flow from
scratch each pricing round: rounds after the first only move the mentees that something
changed for. Integer arithmetic only, ties broken by index: deterministic.
"""

from __future__ import annotations

import numpy as np

ESC = 32  # bids before a mentee's step doubles
NEG = np.iinfo(np.int64).min // 4


def ranges(ptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions of the CSR ranges of ``rows``, concatenated, with each range's start/length."""
    lo = ptr[rows]
    cnt = ptr[rows + 1] - lo
    starts = np.cumsum(cnt) - cnt
    idx = np.arange(int(cnt.sum()), dtype=np.int64) - np.repeat(starts - lo, cnt)
    return idx, starts, cnt


class Market:
    """Mentor slots (sorted by falling price within each mentor) and who holds them."""

    def __init__(self, n: int, m: int, cap_b: np.ndarray) -> None:
        self.n, self.m = n, m
        self.cap = np.asarray(cap_b, dtype=np.int64)
        self.soff = np.r_[0, np.cumsum(self.cap)].astype(np.int64)
        k = int(self.soff[-1])
        self.who = np.full(k, -1, dtype=np.int64)
        self.price = np.zeros(k, dtype=np.int64)
        self.owner = np.repeat(np.arange(m, dtype=np.int64), self.cap)
        self.mate = np.full(n, -1, dtype=np.int64)  # mentor of each mentee, -1 = none
        self.slot = np.full(n, -1, dtype=np.int64)
        self.val = np.zeros(n, dtype=np.int64)  # value of the held arc
        self.bids = np.zeros(n, dtype=np.int64)  # bids made in this run (raises the step)
        self.out = np.zeros(n, dtype=bool)  # gave up in this run: every arc far too dear
        self.bid_rounds = 0

    def prices(self) -> np.ndarray:
        """Price of each mentor: its cheapest slot (0 without capacity)."""
        p = np.zeros(self.m, dtype=np.int64)
        has = self.cap > 0
        p[has] = self.price[self.soff[1:][has] - 1]
        return p

    def release(self, mentees: np.ndarray) -> None:
        """Unassign ``mentees`` (their slots keep their price)."""
        mentees = mentees[self.mate[mentees] >= 0]
        self.who[self.slot[mentees]] = -1
        self.mate[mentees] = -1
        self.slot[mentees] = -1

    def run(self, ptr, cj, w, eps: int, max_rounds: int, reach: int) -> bool:
        """Bid until every mentee with an arc holds a slot or gave up, with eps-complementary
        slackness for all; then lower the price of every empty slot (reverse auction), so
        that a mentor with room costs nothing. False if somebody gave up or ``max_rounds``
        ran out.

        ``ptr``/``cj``/``w``: the arcs as CSR over mentees (mentor, integer value). A mentee
        gives up once its best arc costs ``reach`` more than it is worth (the caller then
        brings it new arcs, or lets the exact solver decide); a lone arc is bid up by
        ``reach`` at once. A mentee's step doubles every ESC bids, so that a few mentees
        fighting over too few slots settle in a few dozen rounds, not thousands (the
        certified bound accounts for the larger slack of those few).
        """
        deg = np.diff(ptr)
        rows = np.repeat(np.arange(self.n, dtype=np.int64), deg)
        self.bids[:] = 0
        self.out[:] = False
        self.release(self._violators(ptr, rows, cj, w, eps))
        for _ in range(max_rounds):
            who = np.flatnonzero((self.mate < 0) & (deg > 0) & ~self.out)
            if len(who) == 0:
                break
            self._round(who, ptr, cj, w, eps, reach)
            self.bid_rounds += 1
        else:
            return False
        o = np.argsort(cj, kind="stable")
        cptr = np.searchsorted(cj[o], np.arange(self.m + 1)).astype(np.int64)
        self._reverse(cptr, rows[o], w[o], eps, max_rounds)
        return not self.out.any()

    def _violators(self, ptr, rows, cj, w, eps) -> np.ndarray:
        """Assigned mentees with an arc better than theirs by more than eps."""
        p = self.prices()
        v = w - p[cj]
        nz = np.flatnonzero(np.diff(ptr) > 0)
        best = np.full(self.n, NEG, dtype=np.int64)
        if len(nz):
            best[nz] = np.maximum.reduceat(v, ptr[nz])
        mine = cj == self.mate[rows]
        cur = np.full(self.n, NEG, dtype=np.int64)
        cur[rows[mine]] = v[mine]
        return np.flatnonzero((self.mate >= 0) & (best - cur > eps))

    def _reverse(self, cptr, crow, cw, eps, max_iter) -> None:
        """Each mentor with an empty priced slot offers it to the assigned mentee who gains
        most from it, at the second best's indifference price less eps (never more than
        before), or drops it to 0 if nobody would move: eps-slackness is kept and, at the
        end, every priced slot is held."""
        todo = np.unique(self.owner[(self.who < 0) & (self.price > 0)])  # mentors
        for _ in range(max_iter):
            sidx, _, _ = ranges(self.soff, todo)
            es = sidx[(self.who[sidx] < 0) & (self.price[sidx] > 0)]
            if len(es) == 0:
                return
            ej = self.owner[es]
            first_slot = np.r_[True, ej[1:] != ej[:-1]]
            es, ej = es[first_slot], ej[first_slot]
            idx, st, cnt = ranges(cptr, ej)
            rows = crow[idx]
            mate = self.mate[rows]
            ok = (mate >= 0) & (mate != np.repeat(ej, cnt))
            prof = self.val[rows] - self.price[np.maximum(self.slot[rows], 0)]
            beta = np.where(ok, cw[idx] - prof, NEG)
            b1 = np.full(len(ej), NEG, dtype=np.int64)
            b2 = np.full(len(ej), NEG, dtype=np.int64)
            star = np.full(len(ej), -1, dtype=np.int64)
            wst = np.zeros(len(ej), dtype=np.int64)
            nz = np.flatnonzero(cnt > 0)
            if len(nz):
                b1[nz] = np.maximum.reduceat(beta, st[nz])
                pos = np.arange(len(idx), dtype=np.int64)
                hit = np.where(beta == np.repeat(b1, cnt), pos, len(idx))
                f = np.minimum.reduceat(hit, st[nz])
                star[nz] = rows[f]
                wst[nz] = cw[idx[f]]
                beta[f] = NEG
                b2[nz] = np.maximum.reduceat(beta, st[nz])
            dead = b1 <= 0
            if dead.any():
                sidx, _, _ = ranges(self.soff, ej[dead])
                self.price[sidx[self.who[sidx] < 0]] = 0
            live = np.flatnonzero(~dead)
            if len(live):
                q = np.maximum(b2[live] - eps, 0)
                gain = b1[live] - q
                o = np.lexsort((ej[live], -gain, star[live]))
                win = o[np.r_[True, star[live][o][1:] != star[live][o][:-1]]]
                won = star[live][win]
                left = self.mate[won]
                self._move(won, es[live][win], q[win], wst[live][win])
                ej = np.concatenate([ej, left])
            self._sort_slots(np.unique(ej))
            todo = np.unique(ej)

    def _move(self, who, slots, price, val) -> None:
        old = self.slot[who]
        self.who[old] = -1
        self.val[who] = val
        j = self.owner[slots]
        self.who[slots] = who
        self.price[slots] = price
        self.mate[who] = j
        self.slot[who] = slots
        self._sort_slots(np.unique(np.concatenate([self.owner[old], j])))

    def _sort_slots(self, mj) -> None:
        """Restore falling prices within the slots of mentors ``mj``."""
        sidx, _, _ = ranges(self.soff, mj)
        o = np.lexsort((-self.price[sidx], self.owner[sidx]))
        self.who[sidx] = self.who[sidx[o]]
        self.price[sidx] = self.price[sidx[o]]
        held = self.who[sidx] >= 0
        self.slot[self.who[sidx][held]] = sidx[held]

    def _round(self, who, ptr, cj, w, eps, reach) -> None:
        p = self.prices()
        idx, st, cnt = ranges(ptr, who)
        v = w[idx] - p[cj[idx]]
        v1 = np.maximum.reduceat(v, st)
        pos = np.arange(len(idx), dtype=np.int64)
        first = np.minimum.reduceat(np.where(v == np.repeat(v1, cnt), pos, len(idx)), st)
        v[first] = NEG
        v2 = np.maximum(np.maximum.reduceat(v, st), v1 - reach)
        gone = v1 < -reach
        self.out[who[gone]] = True
        go = ~gone
        who, first, v1, v2 = who[go], first[go], v1[go], v2[go]
        bj = cj[idx[first]]
        bw = w[idx[first]]
        step = eps << np.minimum(self.bids[who] // ESC, 40)
        self.bids[who] += 1
        bid = p[bj] + (v1 - v2) + step
        if len(who):
            self._resolve(who, bj, bid, bw)

    def _resolve(self, who, bj, bid, bw) -> None:
        """Each mentor keeps its ``cap`` best offers among its slots and the new bids."""
        mj = np.unique(bj)
        sidx, _, _ = ranges(self.soff, mj)
        j = np.concatenate([self.owner[sidx], bj])
        pr = np.concatenate([self.price[sidx], bid])
        wh = np.concatenate([self.who[sidx], who])
        val = np.concatenate([self.val[np.maximum(self.who[sidx], 0)], bw])
        new = np.r_[np.zeros(len(sidx), dtype=np.int64), np.ones(len(who), dtype=np.int64)]
        o = np.lexsort((wh, new, -pr, j))
        j, pr, wh, val = j[o], pr[o], wh[o], val[o]
        start = np.flatnonzero(np.r_[True, j[1:] != j[:-1]])
        rank = np.arange(len(j)) - np.repeat(start, np.diff(np.r_[start, len(j)]))
        keep = rank < self.cap[j]
        out = wh[~keep]
        out = out[out >= 0]
        self.mate[out] = -1
        self.slot[out] = -1
        kw = wh[keep]
        self.who[sidx] = kw
        self.price[sidx] = pr[keep]
        held = kw >= 0
        self.mate[kw[held]] = j[keep][held]
        self.val[kw[held]] = val[keep][held]
        self.slot[kw[held]] = sidx[held]
