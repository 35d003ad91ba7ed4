"""Sparse candidate generation: per-topic inverted lists ranked by contribution minus price."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from ._prep import Prep, in_keys, lexsort, ranks, unique_rows

NEG = np.iinfo(np.int64).min // 4


@dataclass
class Generated:
    ci: np.ndarray  # mentee
    cj: np.ndarray  # mentor
    score: np.ndarray
    topic: np.ndarray | None  # dense topic (circle)
    unseen_ub: np.ndarray  # per mentee (len n): upper bound of reduced value of unseen pairs


def generate(
    pr: Prep,
    prices: np.ndarray,
    live: np.ndarray,
    mentees: np.ndarray,
    depth: int,
    S: int,
    B: int,
    blocked: np.ndarray | None,
    cache: dict | None = None,
    spread: np.ndarray | None = None,
) -> Generated:
    """Pairs (i, j) for i in ``mentees``: the ``depth`` best mentors of every need list.

    Lists are ranked by S * priority_w * value - price. ``unseen_ub[i]`` bounds
    S * (score + B) - price over every qualified mentor not returned (preferred pairs are always
    returned, so the preference bonus is excluded from the bound).
    ``spread`` (bool per mentee): those mentees' requests in one group take successive slices
    of its list instead of all the same top (breaks the top-k trap while many are unmatched;
    their unseen bound is then the list's top).
    """
    n, nt = pr.n, pr.nt
    sel = np.zeros(n, dtype=bool)
    sel[mentees] = True
    valid = (nt > pr.NT) & sel[:, None]
    # requests: every set of 1..3 needs of a mentee; the list of a set holds the mentors
    # qualified in all its topics, ranked by their exact contribution to those needs
    lists = _lists(pr, valid, live, S, mentees, cache)
    best_unseen = np.full(n, NEG, dtype=np.int64)
    out_i, out_j = [], []
    if lists is not None:
        ri, rj = _tops(lists, prices, depth, spread, best_unseen)
        out_i.append(ri)
        out_j.append(rj)
    pp = pr.p.preferred_pairs  # always generated
    keep = sel[pp[:, 0]] & live[pp[:, 1]] if len(pp) else np.zeros(0, dtype=bool)
    out_i.append(pp[keep, 0])
    out_j.append(pp[keep, 1])
    ci, cj = _allowed(pr, *_unique_pairs(out_i, out_j, pr.m))
    bl = blocked_rows(pr, blocked, ci)
    score, topic = pr.scores(ci, cj, bl)
    if topic is not None:
        good = topic < nt
        ci, cj, score, topic = ci[good], cj[good], score[good], topic[good]
    # bound of unseen pairs: a mentor covering exactly one need is bounded by that need's
    # list, one covering two or more by the list of any two of them (+ the rest at best)
    extra = pr.w.unmatched_before * pr.p.mentee_unmatched_before.astype(np.int64)
    ub = np.where(best_unseen > NEG, best_unseen + S * (extra + B), NEG)
    return Generated(ci, cj, score, topic, ub)


def _tops(lists, prices, depth, spread, best_unseen):
    """Each request's ``depth`` best entries of its group's list at these prices (spread: its
    own slice); raises ``best_unseen`` to the bound of what each mentee was not given."""
    ri, rslack, groups, ginv, lm, gid, base = lists
    key = base - prices[lm]
    o = lexsort((-key, gid))  # lists are sorted by mentor: stable keeps that tie-break
    lm, key, gid = lm[o], key[o], gid[o]
    cnt = np.bincount(gid, minlength=len(groups))
    gstart = np.cumsum(cnt) - cnt
    rank = np.arange(len(lm)) - gstart[gid]
    take = np.minimum(cnt, depth)
    theta = np.full(len(groups), NEG, dtype=np.int64)
    at = rank == depth
    theta[gid[at]] = key[at]
    # expand: each request gets its group's top entries (spread: its own slice)
    rcnt = take[ginv]
    roff = _slices(ginv, cnt, take, depth, ri, spread)
    out_j = lm[np.repeat(gstart[ginv] + roff, rcnt) + ranks(rcnt)]
    th = theta[ginv]
    if spread is not None:  # a slice below the top leaves the top unseen
        top = np.full(len(groups), NEG, dtype=np.int64)
        top[gid[rank == 0]] = key[rank == 0]
        th = np.where(roff > 0, top[ginv], th)
    has = th > NEG
    np.maximum.at(best_unseen, ri[has], th[has] + rslack[has])
    return np.repeat(ri, rcnt), out_j


def _unique_pairs(out_i, out_j, m: int):
    """The pairs once each, by mentee then mentor."""
    if not out_i:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ci = np.concatenate(out_i).astype(np.int64)
    cj = np.concatenate(out_j).astype(np.int64)
    keys = ci * m + cj
    keys.sort()
    if len(keys):
        keys = keys[np.r_[True, keys[1:] != keys[:-1]]]
    return keys // m, keys % m


def _allowed(pr: Prep, ci, cj):
    """The pairs the hard rules allow, locked ones out; list pairs are qualified by
    construction, only preferred pairs need the test."""
    ok = pr.feasible(ci, cj) & ~in_keys(pr.locked_keys, ci, cj, pr.m)
    if len(pr.p.preferred_pairs):
        isp = in_keys(pr.preferred, ci, cj, pr.m)
        ok[isp] &= pr.qualified(ci[isp], cj[isp])
    return ci[ok], cj[ok]


def _lists(pr: Prep, valid, live, S, mentees, cache, values=None):
    """Price-independent part of generate(): the requests (sets of 1..3 needs of each
    mentee), their groups and the groups' qualified mentors with S * (value + bonus bound).
    Cached across pricing rounds for the large calls (most mentees): only the prices change
    between them. ``values(gptr, lm, groups)``: another way to compute the entries' keys (the
    auction's compiled one)."""
    if cache is not None and "lists" in cache:
        who, s_, out = cache["lists"]
        if s_ == S and np.array_equal(who, mentees):
            return out
        if s_ == S and _covers(who, mentees, pr.n):
            return _subset(out, mentees, pr.n)
    if len(mentees) * 2 < pr.n:
        cache = None
    req = _requests(pr, valid, S)
    if req is None:
        return None
    ri, rt, rq, rslack = req
    # sets of 2-3 needs share one list per topics/priorities (bonus bounded over classes)
    rc = np.where(rt[:, 1] >= 0, len(pr.pi) - 1, pr.mentee_class[ri])
    groups, ginv = unique_rows(np.column_stack([rt, rq, rc]))
    lm, gid = _group_lists(pr, groups, live)
    if values is not None:
        gptr = np.r_[0, np.cumsum(np.bincount(gid, minlength=len(groups)))].astype(np.int64)
        base = values(gptr, lm, groups)
    else:
        base = _keys(pr, groups, lm, gid, S)
    out = (ri, rslack, groups, ginv, lm, gid, base)
    if cache is not None:
        cache["lists"] = (mentees.copy(), S, out)
    return out


def _requests(pr: Prep, valid, S):
    """Every set of 1..3 valid needs of each mentee: (mentee, topics, priority weights, each
    padded to 3 with -1 / 0; slack: S * the best its other needs could add), or None."""
    NT, NW, K = pr.NT, pr.NW, pr.K
    full = S * NW * pr.vmax[NT]  # (n, K) best possible contribution of each need
    tot = np.where(valid, full, 0).sum(axis=1)
    req_i, req_t, req_q, req_slack = [], [], [], []
    for size in (1, 2, 3):
        for combo in combinations(range(K), size):
            ok = valid[:, combo[0]].copy()
            for c in combo[1:]:
                ok &= valid[:, c]
            r = np.flatnonzero(ok)
            if len(r) == 0:
                continue
            ts = NT[r][:, combo]
            qs = NW[r][:, combo]
            o = np.argsort(ts, axis=1, kind="stable")
            ts = np.take_along_axis(ts, o, axis=1)
            qs = np.take_along_axis(qs, o, axis=1)
            pad = 3 - size
            req_i.append(r)
            req_t.append(np.pad(ts, ((0, 0), (0, pad)), constant_values=-1))
            req_q.append(np.pad(qs, ((0, 0), (0, pad)), constant_values=0))
            # with <= 3 needs nothing is left outside a 3-set; else bound the rest
            rest = tot[r] - full[r][:, combo].sum(axis=1) if size == 3 else 0
            req_slack.append(np.zeros(len(r), dtype=np.int64) + rest)
    if not req_i:
        return None
    return tuple(np.concatenate(x) for x in (req_i, req_t, req_q, req_slack))


def _group_lists(pr: Prep, groups, live):
    """All groups' lists of qualified mentors with places, concatenated: (mentor, group).
    Many groups share a set of topics (they differ by priorities or class): each set's list
    is built once, without the full mentors, then copied out per group."""
    if len(groups) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    sets, ginv = unique_rows(groups[:, :3])
    lists = [pr.set_list(tuple(int(t) for t in ts if t >= 0)) for ts in sets]
    lists = [x[live[x]].astype(np.int64) for x in lists]
    glen = np.array([len(x) for x in lists], dtype=np.int64)[ginv]
    gid = np.repeat(np.arange(len(groups)), glen)
    # one copy of its set's list per group (index arrays over every entry took 0.15-0.5 s
    # at skewed 100,000, mostly in fresh pages)
    return np.concatenate([lists[s] for s in ginv]), gid


def _keys(pr: Prep, groups, lm, gid, S):
    """Each entry's key: S * (contribution of its group's needs + diversity bound)."""
    gt, gq, gc = groups[gid, :3], groups[gid, 3:6], groups[gid, 6]
    val = np.zeros(len(lm), dtype=np.int64)
    for k in range(3):
        has = gt[:, k] >= 0
        val += np.where(has, gq[:, k] * pr.V[lm, np.where(has, gt[:, k], pr.nt)], 0)
    return S * (val + pr.pi[gc, lm])


def _covers(who: np.ndarray, mentees: np.ndarray, n: int) -> bool:
    have = np.zeros(n, dtype=bool)
    have[who] = True
    return bool(have[mentees].all())


def _subset(out, mentees: np.ndarray, n: int):
    """The cached lists cut down to the requests of ``mentees`` and the groups they use."""
    ri, rslack, groups, ginv, lm, gid, base = out
    sel = np.zeros(n, dtype=bool)
    sel[mentees] = True
    k = sel[ri]
    ri, rslack, ginv = ri[k], rslack[k], ginv[k]
    used = np.zeros(len(groups), dtype=bool)
    used[ginv] = True
    k = used[gid]
    return ri, rslack, groups, ginv, lm[k], gid[k], base[k]


def _slices(ginv, cnt, take, depth, ri, spread) -> np.ndarray:
    """Offset of each request's slice in its group's list (0 = the top)."""
    if spread is None:
        return np.zeros(len(ginv), dtype=np.int64)
    o = np.argsort(ginv, kind="stable")
    g = ginv[o]
    first = np.flatnonzero(np.r_[True, g[1:] != g[:-1]]) if len(g) else np.zeros(0, np.int64)
    rank = np.empty(len(g), dtype=np.int64)
    rank[o] = np.arange(len(g)) - np.repeat(first, np.diff(np.r_[first, len(g)]))
    span = (cnt - take + 1)[ginv]
    return np.where(spread[ri], (rank * depth) % np.maximum(span, 1), 0)


def blocked_rows(pr: Prep, blocked: np.ndarray | None, ci: np.ndarray) -> np.ndarray | None:
    """(len(ci), K) bool: needs already covered by a locked pair (circle format)."""
    if blocked is None or len(blocked) == 0:
        return None
    keys = ci[:, None] * (pr.nt + 1) + pr.NT[ci]
    pos = np.minimum(np.searchsorted(blocked, keys), len(blocked) - 1)
    return blocked[pos] == keys
