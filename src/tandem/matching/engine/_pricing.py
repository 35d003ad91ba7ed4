"""The auction path for large one-to-one programs: one forward auction over the whole graph of
allowed pairs (``_market``, compiled with numba), read from the need-set lists of
``_candidates``, then a certified bound from the final prices.

Why not the flow solver's pricing rounds: at 100,000 mentees they needed ten rounds of
candidate generation and solving (143 s on the benchmark, a numpy auction inside each round);
this path takes a few seconds (README, "Matching at scale"). Below ``AUCTION_FROM`` mentees
the exact flow solver stays: it is as fast there and proves optimality outright. Returns None
(the flow solver then decides) when somebody gave up (people competing for too few mentors)
or when the certified gap is above the tolerance.
"""

from __future__ import annotations

import threading
import time

import numpy as np

from ._arcs import S
from ._candidates import NEG, _lists
from ._model import MAX_PAIR_SCORE, SLOTS_PER_WEEK
from ._prep import Prep, lexsort, unpack_slots

AUCTION_FROM = 15_000  # mentees; below, the exact flow solver is as fast (measured)
TOLERANCE = 1e-2  # gap tolerance of this path when the caller leaves it to the engine
EPS_SHARE = 1.5  # eps = tolerance x mean best value x this (measured gap: about 0.6 x tolerance)
RESORT_SHARE = 2.0  # re-sort once walks passed over this many times the lists' length
WANT = 2  # a bid knows this many best values exactly (its increment needs the second)
SEED = 4  # allowed mentors each mentee finds before the auction (its best at zero prices)
MEMORY = 128  # allowed mentors a mentee remembers (its arcs in the auction)
BANNED = 128  # forbidden mentors a mentee remembers (its walks skip them after a re-sort)
# numba's default thread pool takes one parallel kernel at a time: one auction per process
_ONE_AT_A_TIME = threading.Lock()


def fits(pr: Prep, cap_a: np.ndarray, cap_b: np.ndarray, gap_tolerance: float) -> bool:
    """One mentor per mentee, large enough, a tolerance to spend, and mentor places for every
    mentee (with fewer, some must wait: the exact flow decides who)."""
    return (
        not pr.p.circle
        and pr.n >= AUCTION_FROM
        and gap_tolerance > 0
        and int(cap_a.max(initial=0)) <= 1
        and int(cap_b.sum()) >= int((cap_a > 0).sum())
    )


def _records(p, side: str, lang, given, avail, div) -> np.ndarray:
    """One row per person with what a pair's rules read (``_market`` column layout)."""
    tree = [getattr(p, f"{side}_{k}") for k in ("pre", "post", "depth", "parent", "tree")]
    cols = [lang.astype(np.int64), given.astype(np.int64)]
    cols += [avail[:, w].astype(np.int64) for w in range(avail.shape[1])]
    cols += [np.asarray(t, dtype=np.int64) for t in tree] + list(div)
    return np.ascontiguousarray(np.stack(cols, axis=1), dtype=np.int64)


def _context(pr: Prep):
    """The arrays ``_market._score`` reads: rules and score of a pair, as in ``Prep``."""
    p, w = pr.p, pr.w
    i64 = np.int64
    attrs = pr._div_attrs()
    ra = _records(p, "mentee", p.mentee_lang.view(i64), pr.ga, pr.ea.view(i64),
                  [a for (a, _c), _wt in attrs])  # fmt: skip
    rb = _records(p, "mentor", p.mentor_lang.view(i64), pr.gb, pr.eb.view(i64),
                  [c for (_a, c), _wt in attrs])  # fmt: skip
    # each mentee's special mentors: earlier, forbidden or locked (0), preferred (1)
    special = [(p.earlier_pairs, 0), (p.forbidden_pairs, 0), (p.locked_pairs, 0)]
    special.append((p.preferred_pairs, 1))
    si = np.concatenate([pairs[:, 0] for pairs, _k in special]).astype(i64)
    sj = np.concatenate([pairs[:, 1] for pairs, _k in special]).astype(i64)
    sk = np.concatenate([np.full(len(pairs), k, dtype=i64) for pairs, k in special])
    o = np.lexsort((sk, sj, si))
    si, sj, sk = si[o], sj[o], sk[o]
    # one entry per pair: a banned pair stays banned if also preferred (kind 0 sorts first)
    first = np.r_[True, (si[1:] != si[:-1]) | (sj[1:] != sj[:-1])] if len(si) else si > 0
    si, sj, sk = si[first], sj[first], sk[first]
    return (
        ra,
        rb,
        np.ascontiguousarray(pr.NT, dtype=i64),
        np.ascontiguousarray(pr.NW, dtype=i64),
        np.ascontiguousarray(pr.V),
        i64(p.reporting_distance),
        np.searchsorted(si, np.arange(pr.n + 1)).astype(i64),
        sj,
        sk,
        np.array([wt for _ac, wt in attrs], dtype=i64),
        p.mentee_unmatched_before.astype(i64),
        i64(w.unmatched_before),
        i64(w.preference),
        i64(MAX_PAIR_SCORE),
    )


def _day_parts(eroded: np.ndarray, given: np.ndarray) -> np.ndarray:
    """56 bits per person, one per 3-hour part of the week: set if a meeting can start in it.
    Two people with no part in common have no common slot (the converse need not hold).
    Not given: every bit (no constraint); given but empty: only bit 63, so that it meets
    nobody with given times but passes with the others."""
    out = np.full(len(eroded), -1, dtype=np.int64)  # not given: no constraint
    for s in range(0, len(eroded), 8192):
        slots = unpack_slots(eroded[s : s + 8192])
        parts = slots.reshape(len(slots), SLOTS_PER_WEEK // 6, 6).any(axis=2)
        bits = (parts.astype(np.int64) << np.arange(parts.shape[1], dtype=np.int64)).sum(axis=1)
        bits = np.where(bits == 0, np.int64(-(2**63)), bits)
        out[s : s + 8192] = np.where(given[s : s + 8192], bits, -1)
    return out


class Lists:
    """Each mentee's requests (need sets) and the groups' mentor lists, sorted by key."""

    def __init__(self, pr: Prep, cap_a: np.ndarray, live: np.ndarray, B: int) -> None:
        n = pr.n
        active = np.flatnonzero(cap_a > 0)
        valid = (pr.nt > pr.NT) & (cap_a > 0)[:, None]
        from . import _market

        V, pi = np.ascontiguousarray(pr.V), np.ascontiguousarray(pr.pi)

        def compiled_keys(gptr, lm, groups):
            return _market.list_keys(gptr, lm, groups, V, pi, S)

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
        # the lists at zero prices: by falling key; they are sorted by mentor, which a stable
        # sort keeps as the tie-break (the order ``_market.resort`` keeps later)
        o = lexsort((-base, gid))
        self.ek, self.ej = base[o], lm[o]
        self.psort = np.zeros(pr.m, dtype=np.int64)
        pp = pr.p.preferred_pairs
        keep = (cap_a[pp[:, 0]] > 0) & live[pp[:, 1]] if len(pp) else np.zeros(0, bool)
        keys = np.unique(pp[keep, 0].astype(np.int64) * pr.m + pp[keep, 1])
        self.pptr = np.searchsorted(keys // max(pr.m, 1), np.arange(n + 1)).astype(np.int64)
        self.pj = (keys % max(pr.m, 1)).astype(np.int64)
        self.Q, self.nt = np.ascontiguousarray(pr.Q), np.int64(pr.nt)
        # small per-person arrays that stay in cache: most forbidden pairs fail on them
        self.quick = (
            pr.p.mentee_lang.view(np.int64),
            _day_parts(pr.ea, pr.ga),
            pr.p.mentor_lang.view(np.int64),
            _day_parts(pr.eb, pr.gb),
        )
        requests = len(self.rgrp)
        self.mem = _market.Memory(
            mem_j=np.zeros((n, MEMORY), dtype=np.int32),
            mem_s=np.zeros((n, MEMORY), dtype=np.int32),
            mem_n=np.zeros(n, dtype=np.int64),
            rpos=self.gptr[self.rgrp].copy(),
            init=np.zeros(n, dtype=bool),
            front=np.full(n, -NEG, dtype=np.int64),  # nothing explored yet
            lost=np.full(n, NEG, dtype=np.int64),
            ban_j=np.zeros((n, BANNED), dtype=np.int32),
            ban_n=np.zeros(n, dtype=np.int64),
            rend=self.gptr[self.rgrp].copy(),
            rmax=np.full(requests, NEG, dtype=np.int64),
        )

    def sort(self, prices: np.ndarray) -> None:
        """Order each list by base - today's price (it goes stale as prices rise, and still
        bounds: they only rise); the walks restart from the new tops, memory kept."""
        from . import _market

        _market.resort(self.gptr, self.ek, self.ej, prices, self.psort)
        self.psort = prices.copy()
        self.mem.rpos[:] = self.gptr[self.rgrp]
        self.mem.rend[:] = self.mem.rpos
        self.mem.rmax[:] = NEG
        self.mem.front[:] = -NEG  # the next bid of each mentee walks the new order first
        self.mem.lost[:] = NEG  # what was forgotten is in the lists again

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


def auction(pr: Prep, cap_a, cap_b, live, B: int, tol: float):
    """(ci, cj, sc, x, prices, best_bound, stats) as the flow solver's loop, or None."""
    with _ONE_AT_A_TIME:
        return _auction(pr, cap_a, cap_b, live, B, tol)


def _auction(pr: Prep, cap_a, cap_b, live, B: int, tol: float):
    from . import _market  # numba compiles on first use: only large programs pay for it

    n, m = pr.n, pr.m
    tc = time.perf_counter()
    lists = Lists(pr, cap_a, live, B)
    ctx = _context(pr)
    active = np.flatnonzero(cap_a > 0)
    top = lists.top()[active] - S * B
    mean_top = float(top[top > 0].mean()) if (top > 0).any() else 1.0
    eps = max(1, int(tol * mean_top * EPS_SHARE))
    soff = np.r_[0, np.cumsum(np.where(live, cap_b, 0))].astype(np.int64)
    price = np.zeros(int(soff[-1]), dtype=np.int64)
    pmin = np.zeros(m, dtype=np.int64)
    holder = np.full(len(price), -1, dtype=np.int64)
    mate = np.full(n, -1, dtype=np.int64)
    status = np.zeros(n, dtype=np.int64)
    bids = np.zeros(n, dtype=np.int64)
    queue = np.zeros(n + 1, dtype=np.int64)
    state = np.zeros(5, dtype=np.int64)  # queue head, tail, walks, pairs evaluated, passed over
    _market.explore(active, SEED, lists.tuple(), ctx, S, B, pmin, lists.psort, lists.mem, state,
                     _market.get_num_threads())  # fmt: skip
    t_cand = time.perf_counter() - tc
    ts = time.perf_counter()
    queue[: len(active)] = active
    state[:2] = 0, len(active)
    total_bids = resorts = 0
    while True:
        total_bids += _market.bid(
            lists.tuple(), ctx, S, B, soff, price, pmin, lists.psort, holder, mate, status, bids,
            queue, state, lists.mem, eps, max(1, int(len(lists.ek) * RESORT_SHARE)), WANT,
        )  # fmt: skip
        if state[0] == state[1] or (status == _market.GAVE_UP).any():
            break
        lists.sort(pmin)
        resorts += 1
    t_solve = time.perf_counter() - ts
    if (status == _market.GAVE_UP).any():
        return None  # people compete for too few mentors: the exact solver picks who waits
    tc = time.perf_counter()
    lists.sort(pmin)  # fresh order: short walks to each mentee's exact best value
    best = _market.explore(active, 1, lists.tuple(), ctx, S, B, pmin, lists.psort, lists.mem, state,
                     _market.get_num_threads())  # fmt: skip
    t_cand += time.perf_counter() - tc
    best_bound = float(np.maximum(best, 0).sum()) + float((np.where(live, cap_b, 0) * pmin).sum())
    ci, cj, sc = _pairs(pr, mate)
    units = len(ci)
    sb = best_bound / S - B * units
    if not best_bound / S < B * (units + 1) or sb - float(sc.sum()) > tol * max(sb, 1.0):
        return None  # not certified within the tolerance: the exact solver answers
    stats = {
        "rounds": 1,
        "certified_opt": False,
        "t_cand": t_cand,
        "t_solve": t_solve,
        "bids": total_bids,
        "resorts": resorts,
        "eps": eps,
        "walks": int(state[2]),
        "evaluated_pairs": int(state[3]),
    }
    # the arcs: every allowed pair a mentee remembers (so that the reasons of those left
    # unmatched know they had a partner), then the chosen pairs
    mem_j, mem_s, mem_n = lists.mem.mem_j, lists.mem.mem_s, lists.mem.mem_n
    held = np.arange(mem_j.shape[1])[None, :] < mem_n[:, None]
    ai = np.repeat(np.arange(n, dtype=np.int64), mem_n)
    aj, asc = mem_j[held].astype(np.int64), mem_s[held].astype(np.int64)
    other = aj != mate[ai]
    x = np.r_[np.zeros(int(other.sum()), dtype=bool), np.ones(units, dtype=bool)]
    ci, cj, sc = (np.concatenate(a) for a in ((ai[other], ci), (aj[other], cj), (asc[other], sc)))
    return ci, cj, sc, x, pmin.copy(), best_bound, stats


def _pairs(pr: Prep, mate: np.ndarray):
    ci = np.flatnonzero(mate >= 0).astype(np.int64)
    cj = mate[ci].astype(np.int64)
    sc, _ = pr.scores(ci, cj)
    return ci, cj, sc.astype(np.int64)
