"""The auction path for one-to-one (and group) programs: one forward auction over the whole
graph of allowed pairs (``_market``, compiled with numba), read from the need-set lists of
``_candidates``, then a certified bound from the final prices, refined until the bound proves
the tolerance.

Stopping rules, all read from the problem (no benchmark figure):
- the most mentees that can be matched, and which mentors are full in every such matching,
  come first (``_cover``): those mentors' prices start at the cardinality scale (S * B), so
  the auction only has to settle the score, however few mentors people compete for; should
  the first round's prices not certify that number (a start too close to that scale can keep
  a mentee from the empty place that lets one more be matched), the auction starts again
  further below it (``MARGIN_SAFE``);
- ``eps`` is the tolerance times the mean best value (times ``EPS_SHARE``): the slack each
  mentee may keep, hence a certified gap near the tolerance after one round;
- after the queue empties, one walk per mentee at fresh prices gives its exact best value
  and the bound; above the tolerance, ``eps`` gets smaller and only the mentees whose slack
  exceeds the new ``eps`` bid again (mentors left with empty places get their price back to
  zero first): the gap shrinks with ``eps``, down to the exact optimum, unless the time
  budget runs out. How much smaller is read from the first round's own gap (``_plan``: the
  slack that gives ``TARGET`` of the tolerance, by divisions of at most ``REFINE``), then by
  ``REFINE`` each round.
"""

from __future__ import annotations

import math
import threading
import time

import numpy as np

from ._arcs import S
from ._candidates import NEG, _lists
from ._cover import cover
from ._incumbent import Clock, Incumbent
from ._prep import Prep, ranks
from ._rules import context as _context
from ._rules import quick

REFINE = 4  # eps is divided by at most this at each refinement
# the last planned refinement aims at this share of the tolerance (``_plan``)
TARGET = 0.7
REFINE_ALL = False
# the lists are looked at each time walks passed over as many entries as they hold, and a
# list is re-sorted once walks passed over this many times its length (a sort costs a few
# passes per entry; 5 % of the entries drew 67-91 % of the passes at 100,000 mentees)
RESORT_SHARE = 4.0
CHUNK = 50_000  # bids between two looks at the clock (and at the pace, ``_bidding.Pace``)
BATCH = 1024  # waiting mentees whose bids are worked out together (``_bidding``), at most
SOLO = 64  # fewer waiting: one at a time
# eps = the tolerance times the mean best value times this: a coarse first round, then the
# refinements. Measured at 20,000 mentees against 0.5 (one fine round): CPU -28 % tight,
# -18 % base, -10 % skewed, gaps 0.2-0.25 %, 2-3 rounds. (It once made refinements of tight
# programs miss the tolerance for 10 rounds: a bid whose second best was "unmatched" raised
# one place of a mentor to the cardinality scale above its twins; bids now count the twins.)
EPS_SHARE = 8.0
# the cover's mentors start this share of the score scale below the cardinality scale (the
# first round's bids at tight 100,000: 494 k at 0.25, 621 k at 0.5, 871 k at 1, 1.26 M at
# 2); when the first round's prices do not certify the number matched, the auction starts
# again with a margin 4 times larger (at least 1), up to MARGIN_SAFE (``_Auction._run``)
MARGIN = 0.25
# each mentee's value at an empty mentor of the cover then exceeds any score difference plus
# the largest step (``top`` each): no price keeps a mentee from moving to it
MARGIN_SAFE = 2.0
WANT = 2  # a bid knows this many best values exactly (its increment needs the second)
DEPTH = 2  # a walk looks until this many best values are known (then bids use its memory)
ESC = 32  # a mentee's step doubles every ESC bids (``_bidding.bid``)
SEED = 4  # allowed mentors each mentee finds before the auction (its best at zero prices)
MEMORY = 128  # allowed mentors a mentee remembers (its arcs in the auction)
BANNED = 128  # forbidden mentors a mentee remembers (its walks skip them after a re-sort)
# numba's default thread pool takes one parallel kernel at a time: one auction per process
_ONE_AT_A_TIME = threading.Lock()


def fits(pr: Prep, cap_a: np.ndarray) -> bool:
    """One mentor per mentee (one-to-one and group programs)."""
    return not pr.p.circle and int(cap_a.max(initial=0)) <= 1


class Lists:
    """Each mentee's requests (need sets) and the groups' mentor lists, sorted by key."""

    def __init__(self, pr: Prep, cap_a: np.ndarray, live: np.ndarray, B: int) -> None:
        n = pr.n
        active = np.flatnonzero(cap_a > 0)
        valid = (pr.nt > pr.NT) & (cap_a > 0)[:, None]
        from . import _order

        V, pi = np.ascontiguousarray(pr.V), np.ascontiguousarray(pr.pi)

        def compiled_keys(gptr, lm, groups):
            return _order.list_keys(gptr, lm, groups, V, pi, S)

        out = _lists(pr, valid, live, S, active, None, compiled_keys)
        if out is None:
            e = np.zeros(0, dtype=np.int64)
            out = (e, e, np.zeros((0, 7), np.int64), e, e, e, e)
        ri, rslack, groups, ginv, lm, gid, base = out
        o = np.argsort(ri, kind="stable")
        ri, rslack, ginv = ri[o], rslack[o], ginv[o]
        extra = pr.w.unmatched_before * pr.p.mentee_unmatched_before.astype(np.int64)
        self.rptr = np.searchsorted(ri, np.arange(n + 1)).astype(np.int64)
        self.rgrp = ginv.astype(np.int64)
        self.radd = (S * (rslack + extra[ri] + B)).astype(np.int64)
        cnt = np.bincount(gid, minlength=len(groups))
        self.gptr = np.r_[0, np.cumsum(cnt)].astype(np.int64)
        # the lists at zero prices: by falling key; each is contiguous and sorted by mentor,
        # which the sort keeps as the tie-break (the order ``_order.resort`` keeps later)
        self.ek, self.ej = np.empty_like(base), np.empty_like(lm)
        _order.list_order(self.gptr, base, lm, self.ek, self.ej)
        self.esort = np.zeros(len(self.ek), dtype=np.int64)  # each entry's price at its sort
        self.passes = np.zeros(len(self.gptr) - 1, dtype=np.int64)  # since each list's sort
        self.hot = np.zeros(len(self.gptr) - 1, dtype=np.bool_)  # the lists to sort
        self.scratch = (np.empty(len(self.ek), np.int64), np.empty(len(self.ek), np.int64))
        pp = pr.p.preferred_pairs
        keep = (cap_a[pp[:, 0]] > 0) & live[pp[:, 1]] if len(pp) else np.zeros(0, bool)
        keys = np.unique(pp[keep, 0].astype(np.int64) * pr.m + pp[keep, 1])
        self.pptr = np.searchsorted(keys // max(pr.m, 1), np.arange(n + 1)).astype(np.int64)
        self.pj = (keys % max(pr.m, 1)).astype(np.int64)
        self.Q, self.nt = np.ascontiguousarray(pr.Q), np.int64(pr.nt)
        # small per-person arrays that stay in cache: most forbidden pairs fail on them
        self.quick = quick(pr)
        self.mem = _memory(n, self.gptr[self.rgrp])

    def sort(self, prices: np.ndarray) -> None:
        """Order each list by base - today's price (it goes stale as prices rise, and still
        bounds: they only rise); the walks restart from the new tops, memory kept."""
        from . import _order

        self.hot[:] = True
        _order.resort(self.gptr, self.ek, self.ej, self.esort, prices, self.hot, *self.scratch)
        self.passes[:] = 0
        mem = self.mem
        mem.rpass[:] = 0
        _order.restart(self.rgrp, self.gptr, self.hot, mem.rpos, mem.rend, mem.rmax)
        mem.front[:] = -NEG  # the next bid of each mentee walks the new order first
        mem.lost[:] = NEG  # what was forgotten is in the lists again

    def sort_stale(self, prices: np.ndarray) -> int:
        """Re-sort the lists walks passed over at least ``RESORT_SHARE`` times their length
        since their last sort; the walks of their requests restart from their tops (what
        was forgotten stays bounded by ``lost``: the other lists keep their places).
        Returns how many lists were sorted."""
        from . import _order

        mem = self.mem
        count = _order.stale(self.rgrp, self.gptr, mem.rpass, self.passes, RESORT_SHARE,
                              self.hot)  # fmt: skip
        if count:
            _order.resort(self.gptr, self.ek, self.ej, self.esort, prices, self.hot,
                           *self.scratch)  # fmt: skip
            _order.restart(self.rgrp, self.gptr, self.hot, mem.rpos, mem.rend, mem.rmax)
        return count

    def tuple(self):
        return (
            self.rptr, self.rgrp, self.radd, self.gptr, self.ek, self.ej, self.pptr, self.pj,
            self.Q, self.nt, *self.quick,
        )  # fmt: skip

    def top(self) -> np.ndarray:
        """Per mentee, an upper bound of its best value without B (for the scale of eps)."""
        top = np.zeros(len(self.rptr) - 1, dtype=np.int64)
        if len(self.ek) == 0:
            return top
        heads = self.ek[np.minimum(self.gptr[self.rgrp], len(self.ek) - 1)]
        ok = np.diff(self.gptr)[self.rgrp] > 0
        ri = np.repeat(np.arange(len(self.rptr) - 1), np.diff(self.rptr))
        np.maximum.at(top, ri[ok], (heads + self.radd)[ok])
        return top


def _memory(n: int, starts: np.ndarray):
    """What each mentee knows between its bids (``_market.Memory``), nothing explored yet;
    ``starts``: where each request's list begins."""
    from . import _market

    return _market.Memory(
        mem_j=np.zeros((n, MEMORY), dtype=np.int32),
        mem_s=np.zeros((n, MEMORY), dtype=np.int32),
        mem_n=np.zeros(n, dtype=np.int64),
        rpos=starts.copy(),
        init=np.zeros(n, dtype=bool),
        front=np.full(n, -NEG, dtype=np.int64),  # nothing explored yet
        lost=np.full(n, NEG, dtype=np.int64),
        ban_j=np.zeros((n, BANNED), dtype=np.int32),
        ban_n=np.zeros(n, dtype=np.int64),
        rend=starts.copy(),
        rmax=np.full(len(starts), NEG, dtype=np.int64),
        rpass=np.zeros(len(starts), dtype=np.int64),
    )


def auction(
    pr: Prep, cap_a, cap_b, live, B: int, inc: Incumbent, clock: Clock,
    eps_share: float = EPS_SHARE,
) -> dict:  # fmt: skip
    """Offer the auction's assignments and bounds to ``inc`` until it is done or the clock
    runs out; returns the stats. ``eps_share``: the first slack (``EPS_SHARE``)."""
    with _ONE_AT_A_TIME:
        return _Auction(pr, cap_a, cap_b, live, B, inc, clock, eps_share).run()


class _Auction:
    def __init__(
        self, pr: Prep, cap_a, cap_b, live, B: int, inc: Incumbent, clock: Clock,
        eps_share: float = EPS_SHARE,
    ):  # fmt: skip
        self.pr, self.cap_a, self.cap_b, self.live, self.B = pr, cap_a, cap_b, live, B
        self.inc, self.clock, self.eps_share = inc, clock, eps_share
        self.active = np.flatnonzero(cap_a > 0)
        self.stats = {"t_cand": 0.0, "t_solve": 0.0, "rounds": 0, "bids": 0, "resorts": 0}
        self.plan: list[int] = []  # the slacks of the refinements to come (``_plan``)
        self.margin = MARGIN
        self.offered = None  # the auction's assignment offered last, and its mentors

    def run(self) -> dict:
        st = self._run()
        self._remembered()
        return st

    def _run(self) -> dict:
        st = self.stats
        tc = time.perf_counter()
        mate, ys, _xs, exact = cover(self.pr, self.cap_a, self.cap_b)
        st.update(cover_exact=bool(exact), cover_mentors=int(ys.sum()))
        self._offer(mate, None)
        st["t_cand"] += time.perf_counter() - tc
        if self.clock.out() or self.inc.done():
            return st
        self._start(ys)
        queue, first = self.active, True
        while True:
            self._bid(queue)
            if self.clock.out():
                self._certify()  # what the bids reached so far, with a true bound
                return st
            best = self._certify()
            if self.inc.done() or self.clock.out() or self.eps == 1:
                return st
            if first and not self.inc.matched_max() and self.margin < MARGIN_SAFE:
                # the cover's start prices kept someone from an empty place: start again
                # from prices that cannot (what the round found stays in the incumbent)
                self.margin = min(max(4 * self.margin, 1.0), MARGIN_SAFE)
                st["restarts"] = st.get("restarts", 0) + 1
                self._start(ys)
                queue = self.active
                continue
            if first:
                self.plan = _plan(self.eps, self.inc)
                st["plan"] = list(self.plan)
                first = False
            queue = self._refine(best)

    def _start(self, ys) -> None:
        """Fresh lists, memory and prices (the cover's mentors at ``self.margin``), and each
        mentee's first allowed mentors (``SEED``)."""
        from . import _market  # numba compiles on first use: only large programs pay for it

        tc = time.perf_counter()
        self.lists = None  # the memory of an earlier start is freed before the new one
        self._setup(ys)
        _market.explore(self.active, SEED, self.lists.tuple(), self.ctx, S, self.B, self.pmin,
                        self.lists.esort, self.lists.mem, self.state,
                        _market.get_num_threads())  # fmt: skip
        self.stats["t_cand"] += time.perf_counter() - tc

    def _setup(self, ys) -> None:
        from . import _market
        from ._bidding import Pace

        pr, B, m = self.pr, self.B, self.pr.m
        self.lists = Lists(pr, self.cap_a, self.live, B)
        self.ctx = _context(pr)
        top = self.lists.top()[self.active] - S * B
        mean_top = float(top[top > 0].mean()) if (top > 0).any() else 1.0
        self.eps = max(1, int(self.inc.tolerance * mean_top * self.eps_share))
        self.top = max(self.eps, int(top.max(initial=1)))  # the largest step: the score scale
        self.stats["eps"] = self.eps
        self.soff = np.r_[0, np.cumsum(np.where(self.live, self.cap_b, 0))].astype(np.int64)
        self.price = np.zeros(int(self.soff[-1]), dtype=np.int64)
        self.pmin = np.zeros(m, dtype=np.int64)
        # the cover's mentors are full in every best assignment: their prices start at the
        # cardinality scale, the rest of the bidding is about the score; less a margin, so
        # that a mentee who can move to an empty one of them and leave its place to an
        # unmatched one does (what a larger matching needs): ``self.margin`` of the score
        # scale, a quarter first, more if that kept someone from moving (``_run``)
        cov = np.flatnonzero(ys & self.live)
        start = S * B - int(self.margin * self.top)
        self.pmin[cov] = start
        self.price[np.repeat(self.soff[cov], self.cap_b[cov]) + ranks(self.cap_b[cov])] = start
        places = np.diff(self.soff)
        self.slot_mentor = np.repeat(np.arange(m, dtype=np.int64), places)
        if len(cov):
            self.lists.sort(self.pmin)
        n = pr.n
        self.holder = np.full(len(self.price), -1, dtype=np.int64)
        self.mate = np.full(n, -1, dtype=np.int64)
        self.status = np.zeros(n, dtype=np.int64)
        self.bids = np.zeros(n, dtype=np.int64)
        self.queue = np.zeros(n + 1, dtype=np.int64)
        self.state = np.zeros(5, dtype=np.int64)  # head, tail, walks, evaluated, passed over
        self.pace = Pace(_market.get_num_threads(), CHUNK)

    def _bid(self, queue) -> None:
        from ._bidding import bid

        ts = time.perf_counter()
        lists, st = self.lists, self.stats
        self.queue[: len(queue)] = queue
        self.state[:2] = 0, len(queue)
        auc = (self.soff, self.price, self.pmin, self.holder, self.mate, self.status,
               self.bids, self.queue)  # fmt: skip
        limit = max(1, len(lists.ek))
        since = self.state[4]  # entries passed over at the last look (the calls' ends vary)
        while self.state[0] != self.state[1] and not self.clock.out():
            parts, most = self.pace.next()
            tb = time.perf_counter()
            made = bid(
                lists.tuple(), self.ctx, S, self.B, auc, lists.esort, self.state, lists.mem,
                self.eps, since + limit, WANT, most, self.top, DEPTH, ESC, parts, BATCH, SOLO,
            )  # fmt: skip
            self.pace.note(parts, made, time.perf_counter() - tb)
            st["bids"] += made
            if self.state[4] - since >= limit:  # walks pass over much: fresh orders
                st["resorts"] += lists.sort_stale(self.pmin)
                since = self.state[4]
        st["t_solve"] += time.perf_counter() - ts

    def _certify(self) -> np.ndarray:
        """Empty places back to price zero, fresh order, each mentee's exact best value at
        these prices: the bound. Offers the assignment and the bound; returns the values."""
        from . import _market

        tc = time.perf_counter()
        priced = np.flatnonzero((self.holder < 0) & (self.price > 0))
        if len(priced):  # a price is only earned by a place taken: reverse bids
            self.stats["moves"] = self.stats.get("moves", 0) + self._reverse(priced)
        self.lists.sort(self.pmin)
        best = _market.explore(self.active, 1, self.lists.tuple(), self.ctx, S, self.B,
                               self.pmin, self.lists.esort, self.lists.mem, self.state,
                               _market.get_num_threads())  # fmt: skip
        places = np.where(self.live, self.cap_b, 0)
        bound = float(np.maximum(best, 0).sum()) + float((places * self.pmin).sum())
        self.inc.prove(bound)
        self._offer(self.mate, self.lists.mem)
        self.stats["rounds"] += 1
        self.stats["walks"] = int(self.state[2])
        self.stats["evaluated_pairs"] = int(self.state[3])
        self.stats["t_cand"] += time.perf_counter() - tc
        return best

    def _reverse(self, priced: np.ndarray) -> int:
        from ._reverse import known, reverse  # numba compiles on first use, as for ``_market``

        n = self.pr.n
        slot_of = np.full(n, -1, dtype=np.int64)
        held = np.flatnonzero(self.holder >= 0)
        slot_of[self.holder[held]] = held
        who = self.holder[held]
        profit = np.zeros(n, dtype=np.int64)
        sc, _ = self.pr.scores(who, self.mate[who])
        profit[who] = S * (sc.astype(np.int64) + self.B) - self.price[held]
        mem = self.lists.mem
        by_mentor = known(mem.mem_j, mem.mem_s, mem.mem_n, self.pr.m)
        todo = np.unique(self.slot_mentor[priced])
        return reverse(todo, by_mentor, S, self.B, self.soff, self.price, self.pmin,
                               self.holder, self.mate, slot_of, profit, self.eps,
                               10 * n + len(priced))  # fmt: skip

    def _refine(self, best: np.ndarray) -> np.ndarray:
        """A smaller eps; the mentees whose slack is above it leave their place and bid again.
        ``best``: each active mentee's best value, in the order of ``self.active``."""
        pr, B = self.pr, self.B
        self.eps = self.plan.pop(0) if self.plan else max(1, self.eps // REFINE)
        value = np.zeros(pr.n, dtype=np.int64)
        held = np.flatnonzero(self.holder >= 0)
        who = self.holder[held]
        sc, _ = pr.scores(who, self.mate[who])
        value[who] = S * (sc.astype(np.int64) + B) - self.price[held]
        slack = np.maximum(best, 0) - value[self.active]
        again = self.active[slack > self.eps] if not REFINE_ALL else self.active
        mine = np.zeros(len(self.price), dtype=bool)
        mine[held] = np.isin(who, again)
        self.holder[mine] = -1
        self.mate[again] = -1
        self.bids[again] = 0
        return again

    def _offer(self, mate: np.ndarray, mem) -> None:
        """Offer an assignment (mentor of each mentee, -1: none). Its arcs, every allowed
        pair the mentees remember (the reasons of those left unmatched read them), are added
        once the auction ends (``_remembered``), if it is still the best: 0.1 s a round at
        100,000 mentees spared on the rounds a later one betters."""
        ci = np.flatnonzero(mate >= 0).astype(np.int64)
        cj = mate[ci].astype(np.int64)
        sc, _ = self.pr.scores(ci, cj)
        sc = sc.astype(np.int64)
        if not self.inc.better(len(ci), int(sc.sum())):
            self.inc.note("auction")
            return
        self.inc.offer("auction", ci, cj, sc, np.ones(len(ci), dtype=bool))
        self.offered = (self.inc.arcs, mate.copy()) if mem is not None else None

    def _remembered(self) -> None:
        """The remembered pairs beside the auction's assignment, if it is the one kept."""
        if self.offered is None or self.inc.arcs is not self.offered[0]:
            return
        from ._market import remembered

        (ci, cj, sc, x), mate = self.offered
        mem = self.lists.mem
        ai, aj, asc = remembered(mem.mem_j, mem.mem_s, mem.mem_n, mate)
        x = np.r_[np.zeros(len(ai), dtype=bool), x]
        self.inc.arcs = (np.concatenate([ai, ci]), np.concatenate([aj, cj]),
                         np.concatenate([asc, sc]), x)  # fmt: skip


def _plan(eps: int, inc: Incumbent) -> list[int]:
    """The slacks of the refinements after a first round at ``eps``, read from that round's
    certified gap: the gap shrinks with the slack (each mentee keeps at most its step), so the
    last slack is the one at which the first round's gap per unit of slack gives ``TARGET``
    times the tolerance, reached by divisions of at most ``REFINE``. The last round's gap per
    unit was 0.76-1.07 times the first's on the three benchmark families at 100,000: 0.7 of
    the tolerance keeps a margin of 1.3 over the largest (tight ends at 0.75 %), where half
    of it made the last round of tight 100,000 make 24 % more bids for a gap of 0.51 %.
    Empty (divide by ``REFINE``) when the first round did not certify the number matched."""
    gap = inc.gap()
    if not inc.matched_max() or gap <= 0:
        return []
    last = max(1.0, eps * TARGET * inc.tolerance / gap)
    if last >= eps:  # already within the tolerance: the incumbent is done, no refinement
        return []
    steps = max(1, math.ceil(math.log(eps / last) / math.log(REFINE) - 1e-9))
    plan = [max(1, round(eps * (last / eps) ** (k / steps))) for k in range(1, steps + 1)]
    return sorted(set(plan), reverse=True)
