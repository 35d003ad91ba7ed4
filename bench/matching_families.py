"""A second family of synthetic programs for the matching benchmark, with the skews the first
one (``matching_data``) lacks, written independently of it (issue 17).

``skewed``: one topic needed by about half the mentees, evidence mostly self-declared (and
accepted: the program's minimum is self-declared), each person free in a few weekly one- or
two-hour slots in three time zones far apart, one reporting tree of depth 8 with 5 % external
mentors, mentor capacities 1-3, as many mentors as mentees.

``tight``: about 95 % of mentees need one topic that 3-10 % of mentors hold (the share is drawn
per instance), mentor places (the sum of capacities) 0.9 x the mentees, the whole reporting
chain excluded (not only two levels), otherwise as ``skewed`` with endorsed evidence required.

    generate("skewed", 20_000, seed=0) -> Problem
"""

from __future__ import annotations

import numpy as np

from bench.matching_data import dfs_numbering
from tandem.matching.engine import AVAIL_WORDS, SLOTS_PER_DAY, SLOTS_PER_WEEK, Problem

FAMILIES = ("skewed", "tight")
N_TOPICS = 20
DEPTH = 8
TZ = (-10, 2, 11)  # half-hours from UTC: New York, Paris, Bangalore
TZ_SHARE = (0.25, 0.5, 0.25)


def _tree(rng, people: int, depth: int = DEPTH):
    """One organisation of exactly ``depth`` + 1 levels (a span of control that makes the
    levels fill ``people``); returns parent, depth, pre, post."""
    span = max(people, 2) ** (1.0 / depth)
    sizes = [1]
    for lvl in range(1, depth + 1):
        left = people - sum(sizes)
        want = int(round(sizes[-1] * span)) if lvl < depth else left
        sizes.append(max(1, min(want, left - (depth - lvl))) if lvl < depth else max(left, 1))
    sizes[-1] = people - sum(sizes[:-1])
    lvl_of = np.repeat(np.arange(len(sizes)), sizes)
    start = np.r_[0, np.cumsum(sizes)]
    parent = np.full(people, -1, dtype=np.int64)
    for lvl in range(1, len(sizes)):
        prev = np.arange(start[lvl - 1], start[lvl])
        parent[start[lvl] : start[lvl + 1]] = np.sort(rng.choice(prev, size=sizes[lvl]))
    pre, post = dfs_numbering(parent)
    return parent, lvl_of.astype(np.int64), pre, post


def _slots(rng, count: int, tz: np.ndarray) -> np.ndarray:
    """1-3 weekly slots of one or two hours each, on the hour, 9:00-17:00 local, weekdays."""
    slots = np.zeros((count, SLOTS_PER_WEEK), dtype=bool)
    k = rng.integers(1, 4, size=count)
    for b in range(3):
        who = np.flatnonzero(k > b)
        day = rng.integers(0, 5, size=len(who))
        start = 2 * rng.integers(9, 16, size=len(who))
        length = 2 * rng.integers(1, 3, size=len(who))
        base = day * SLOTS_PER_DAY + start - np.asarray(TZ)[tz[who]]
        for d in range(4):
            mask = d < length
            slots[who[mask], (base[mask] + d) % SLOTS_PER_WEEK] = True
    full = np.zeros((count, AVAIL_WORDS * 64), dtype=bool)
    full[:, :SLOTS_PER_WEEK] = slots
    packed = np.packbits(full, axis=1, bitorder="little")
    return np.ascontiguousarray(packed).view("<u8").astype(np.uint64).reshape(count, AVAIL_WORDS)


def _languages(rng, count: int) -> np.ndarray:
    first = rng.choice(3, size=count, p=[0.6, 0.25, 0.15])
    second = rng.choice(3, size=count, p=[0.8, 0.1, 0.1])
    both = rng.random(count) < 0.4
    one = np.uint64(1)
    mask = (one << first.astype(np.uint64)) | np.where(
        both, one << second.astype(np.uint64), np.uint64(0)
    )
    return mask.astype(np.uint64)


def _distinct(rng, rows: int, count: np.ndarray, topics: np.ndarray, weight: np.ndarray):
    """``count[r]`` distinct topics per row, drawn without replacement with probabilities
    proportional to ``weight`` (Gumbel top-k: one sort of random keys per row)."""
    keys = np.log(rng.random((rows, len(topics)))) / weight[None, :]
    order = np.argsort(-keys, axis=1)
    take = np.arange(len(topics))[None, :] < count[:, None]
    return topics[order][take]


def _needs(rng, n: int, hot: int, share: float):
    """1-3 distinct topics per mentee; ``share`` of them need topic ``hot``, the others'
    topics are spread over the rest with a mild popularity skew."""
    k = rng.integers(1, 4, size=n)
    wants_hot = rng.random(n) < share
    others = np.array([t for t in range(N_TOPICS) if t != hot])
    rest = _distinct(rng, n, k - wants_hot, others, 1.0 / np.arange(1, len(others) + 1) ** 0.8)
    return _with_hot(k, wants_hot, rest, hot)


def _with_hot(k, has_hot, rest, hot):
    """CSR rows: ``hot`` first where ``has_hot``, then each row's share of ``rest``."""
    ptr = np.r_[0, np.cumsum(k)].astype(np.int64)
    out = np.empty(int(ptr[-1]), dtype=np.int64)
    first = ptr[:-1][has_hot]
    out[first] = hot
    mask = np.ones(len(out), dtype=bool)
    mask[first] = False
    out[mask] = rest
    return ptr, out


def _competences(rng, m: int, hot: int, hot_share: float, evidence_p):
    """1-4 topics per mentor; ``hot_share`` of mentors hold ``hot`` (at least endorsed)."""
    k = rng.integers(1, 5, size=m)
    holds = rng.random(m) < hot_share
    k = np.maximum(k, holds.astype(np.int64))
    others = np.array([t for t in range(N_TOPICS) if t != hot])
    rest = _distinct(rng, m, k - holds, others, np.ones(len(others)))
    ptr, topics = _with_hot(k, holds, rest, hot)
    evidence = rng.choice(4, size=len(topics), p=evidence_p)
    if hot_share < 0.5:
        evidence = np.where(topics == hot, np.maximum(evidence, 1), evidence)
    return ptr, topics, evidence


def _capacities(rng, m: int, places: int | None) -> np.ndarray:
    cap = rng.integers(1, 4, size=m)
    if places is None:
        return cap
    while cap.sum() != places:  # nudge random mentors until the places are exact
        j = rng.integers(0, m)
        if cap.sum() > places and cap[j] > 1:
            cap[j] -= 1
        elif cap.sum() < places and cap[j] < 3:
            cap[j] += 1
    return cap


def generate(family: str, n: int, seed: int = 0) -> Problem:
    """One program of the family with ``n`` mentees (see the module docstring)."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}: {', '.join(FAMILIES)}")
    rng = np.random.default_rng([seed, FAMILIES.index(family), n])
    tight = family == "tight"
    hot = int(rng.integers(0, N_TOPICS))
    if tight:
        m = max(1, int(round(0.45 * n)))
        places = max(m, int(0.9 * n))
        need_ptr, need_topic = _needs(rng, n, hot, 0.95)
        hot_share = float(rng.uniform(0.03, 0.10))
        evidence_p, min_evidence = (0.35, 0.3, 0.25, 0.1), 1
    else:
        m, places = n, None
        need_ptr, need_topic = _needs(rng, n, hot, 0.5)
        hot_share = 0.25
        evidence_p, min_evidence = (0.7, 0.15, 0.1, 0.05), 0
    comp_ptr, comp_topic, comp_evidence = _competences(rng, m, hot, hot_share, evidence_p)
    external = rng.random(m) < 0.05
    internal = np.flatnonzero(~external)
    parent, depth, pre, post = _tree(rng, n + len(internal))
    order = np.argsort(depth, kind="stable")  # mentees are the seniors, mentors below
    mentee_person, mentor_person = order[:n].copy(), order[n:].copy()
    rng.shuffle(mentee_person)
    rng.shuffle(mentor_person)

    def tree_of(persons, count, inside):
        cols = {k: np.full(count, -1, dtype=np.int64) for k in ("pre", "post", "depth", "parent")}
        for key, arr in (("pre", pre), ("post", post), ("depth", depth), ("parent", parent)):
            cols[key][inside] = arr[persons]
        cols["tree"] = np.where(inside, 0, -1).astype(np.int64)
        return {f"{k}": v for k, v in cols.items()}

    ta = tree_of(mentee_person, n, np.ones(n, dtype=bool))
    tb = tree_of(mentor_person, m, ~external)
    tz_a = rng.choice(3, size=n, p=TZ_SHARE)
    tz_b = rng.choice(3, size=m, p=TZ_SHARE)
    k = max(1, n // 100)
    pairs = lambda c: np.stack([rng.integers(0, n, c), rng.integers(0, m, c)], axis=1)  # noqa: E731
    return Problem(
        need_ptr=need_ptr,
        need_topic=need_topic,
        need_priority=rng.choice(3, size=len(need_topic), p=[0.25, 0.45, 0.3]),
        comp_ptr=comp_ptr,
        comp_topic=comp_topic,
        comp_level=rng.integers(1, 5, size=len(comp_topic)),
        comp_evidence=comp_evidence,
        min_evidence=min_evidence,
        require_training=True,
        mentor_trained=rng.random(m) < 0.95,
        mentor_capacity=_capacities(rng, m, places),
        mentee_capacity=np.ones(n, dtype=np.int64),
        mentee_lang=_languages(rng, n),
        mentor_lang=_languages(rng, m),
        mentee_avail=_slots(rng, n, tz_a),
        mentor_avail=_slots(rng, m, tz_b),
        mentee_avail_given=rng.random(n) < 0.95,
        mentor_avail_given=rng.random(m) < 0.95,
        meeting_slots=2,
        **{f"mentee_{key}": v for key, v in ta.items()},
        **{f"mentor_{key}": v for key, v in tb.items()},
        reporting_distance=-1 if tight else 2,
        earlier_pairs=pairs(k),
        forbidden_pairs=pairs(k),
        preferred_pairs=pairs(2 * k),
        mentee_dept=rng.integers(0, 30, size=n),
        mentor_dept=np.where(external, -1, rng.integers(0, 30, size=m)),
        mentee_site=rng.integers(0, 6, size=n),
        mentor_site=np.where(external, -1, rng.integers(0, 6, size=m)),
        mentee_org=np.zeros(n, dtype=np.int64),
        mentor_org=np.where(external, 1, 0),
        mentee_gender=rng.choice([-1, 0, 1], size=n, p=[0.05, 0.5, 0.45]),
        mentor_gender=rng.choice([-1, 0, 1], size=m, p=[0.05, 0.45, 0.5]),
        mentee_generation=rng.integers(0, 2, size=n),
        mentor_generation=rng.integers(2, 4, size=m),
        mentee_unmatched_before=rng.random(n) < 0.03,
    )
