"""What the compiled parts (``_market``, ``_whole``, ``_cover``) read to judge a pair: one
row of integers per person (``_market._score`` reads the rules and the score from them) and
the cheap bitmask filters (languages, a 56-bit week summary) tried before the full rules."""

from __future__ import annotations

import numpy as np

from ._model import MAX_PAIR_SCORE, SLOTS_PER_WEEK
from ._prep import Prep


def _records(p, side: str, lang, given, avail, div) -> np.ndarray:
    """One row per person with what a pair's rules read (``_market`` column layout)."""
    tree = [getattr(p, f"{side}_{k}") for k in ("pre", "post", "depth", "parent", "tree")]
    cols = [lang.astype(np.int64), given.astype(np.int64)]
    cols += [avail[:, w].astype(np.int64) for w in range(avail.shape[1])]
    cols += [np.asarray(t, dtype=np.int64) for t in tree] + list(div)
    return np.ascontiguousarray(np.stack(cols, axis=1), dtype=np.int64)


def context(pr: Prep):
    """The arrays ``_market._score`` reads: rules and score of a pair, as in ``Prep``."""
    cached = pr.__dict__.get("_rules_context")
    if cached is not None:
        return cached
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
    out = (
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
    pr.__dict__["_rules_context"] = out
    return out


def day_parts(eroded: np.ndarray, given: np.ndarray) -> np.ndarray:
    """56 bits per person, one per 3-hour part of the week: set if a meeting can start in it.
    Two people with no part in common have no common slot (the converse need not hold).
    Not given: every bit (no constraint); given but empty: only bit 63, so that it meets
    nobody with given times but passes with the others. Read from the packed words (a part's
    6 slots may straddle two), without unpacking the slots."""
    words = np.ascontiguousarray(eroded, dtype=np.uint64)  # (persons, AVAIL_WORDS)
    bits = np.zeros(len(eroded), dtype=np.uint64)
    six = np.uint64(63)
    for k in range(SLOTS_PER_WEEK // 6):
        w, b = divmod(6 * k, 64)
        part = words[:, w] >> np.uint64(b)
        if b > 58:  # the part's last slots are at the start of the next word
            part = part | (words[:, w + 1] << np.uint64(64 - b))
        bits |= ((part & six) != 0).astype(np.uint64) << np.uint64(k)
    out = np.where(bits == 0, np.int64(-(2**63)), bits.view(np.int64))
    return np.where(given, out, -1).astype(np.int64)


def quick(pr: Prep):
    """(mentee languages, mentee day parts, mentor languages, mentor day parts): small
    per-person arrays that stay in cache; most forbidden pairs fail on them."""
    cached = pr.__dict__.get("_rules_quick")
    if cached is None:
        cached = (
            pr.p.mentee_lang.view(np.int64),
            day_parts(pr.ea, pr.ga),
            pr.p.mentor_lang.view(np.int64),
            day_parts(pr.eb, pr.gb),
        )
        pr.__dict__["_rules_quick"] = cached
    return cached


def topic_lists(pr: Prep, live: np.ndarray):
    """Each dense topic's qualified mentors with places left (CSR: ptr, mentors)."""
    keep = live[pr.tl_mentor]
    owner = np.repeat(np.arange(pr.nt), np.diff(pr.tl_ptr))[keep]
    ptr = np.searchsorted(owner, np.arange(pr.nt + 1)).astype(np.int64)
    return ptr, np.ascontiguousarray(pr.tl_mentor[keep], dtype=np.int64)


def qualified_pairs(pr: Prep, cap_a: np.ndarray, live: np.ndarray) -> int:
    """An upper bound of the allowed pairs (qualified ones, counted once per need): what
    listing the whole graph costs."""
    ptr, _ = topic_lists(pr, live)
    lens = np.r_[np.diff(ptr), 0]  # the padding topic nt has no list
    return int((lens[pr.NT] * (cap_a > 0)[:, None]).sum())
