"""Structured reasons of many matched pairs at once, in the engine's codes.

``pair.explain_pair`` explains one pair in about a millisecond; a run of 10,000 proposals
needs them all, so the positive reasons of matched pairs (which already satisfy every hard
rule) are computed here with array operations: covers, language, availability, other_*,
preference, unmatched_before, locked.
"""

from __future__ import annotations

import numpy as np

from tandem.matching.engine import SLOTS_PER_DAY, SLOTS_PER_WEEK, Problem, Reason, Weights

_DIVERSITY = ("department", "site", "organization", "gender", "generation")
_ATTR = {"department": "dept", "site": "site", "organization": "org"}


def unpack(words: np.ndarray) -> np.ndarray:
    """(k, 6) uint64 -> (k, 336) bool, slot t = bit t%64 of word t//64."""
    raw = np.ascontiguousarray(words.astype("<u8")).view(np.uint8).reshape(len(words), -1)
    return np.unpackbits(raw, axis=1, bitorder="little")[:, :SLOTS_PER_WEEK].astype(bool)


def _erode(slots: np.ndarray, length: int) -> np.ndarray:
    """Slot t stays set iff t..t+length-1 (the week wraps) are all set."""
    out = slots.copy()
    for k in range(1, length):
        out &= np.roll(slots, -k, axis=1)
    return out


def ranges(rows: np.ndarray) -> list[tuple[tuple[int, int, int], ...]]:
    """Start slots of a common meeting, per row -> (day, start slot, end slot) runs, UTC.

    A row free all week gives ``((-1, 0, 48),)``, the engine's "any day".
    """
    k = len(rows)
    padded = np.zeros((k, 7, SLOTS_PER_DAY + 2), dtype=np.int8)
    padded[:, :, 1:-1] = rows.reshape(k, 7, SLOTS_PER_DAY)
    edges = np.diff(padded, axis=2)
    starts = np.argwhere(edges == 1)  # (row, day, slot), row-major like ends
    ends = np.argwhere(edges == -1)
    cut = np.searchsorted(starts[:, 0], np.arange(k + 1))
    full = rows.all(axis=1)
    out = []
    for r in range(k):
        if full[r]:
            out.append(((-1, 0, SLOTS_PER_DAY),))
            continue
        s, e = starts[cut[r] : cut[r + 1]], ends[cut[r] : cut[r + 1]]
        out.append(tuple(zip(s[:, 1].tolist(), s[:, 2].tolist(), e[:, 2].tolist(), strict=True)))
    return out


def _covers(p: Problem, w: Weights, ii: np.ndarray, jj: np.ndarray) -> list[list[Reason]]:
    out: list[list[Reason]] = [[] for _ in ii]
    counts = p.need_ptr[ii + 1] - p.need_ptr[ii]
    pair = np.repeat(np.arange(len(ii)), counts)
    need = np.repeat(p.need_ptr[ii], counts) + (
        np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    )
    comp_owner = np.repeat(np.arange(p.m), np.diff(p.comp_ptr))
    big = int(max(p.comp_topic.max(initial=0), p.need_topic.max(initial=0))) + 1
    ok = p.comp_evidence >= p.min_evidence
    keys = comp_owner[ok] * big + p.comp_topic[ok]
    order = np.argsort(keys, kind="stable")
    keys, comp = keys[order], np.flatnonzero(ok)[order]
    want = jj[pair] * big + p.need_topic[need]
    pos = np.minimum(np.searchsorted(keys, want), max(len(keys) - 1, 0))
    hit = (keys[pos] == want) if len(keys) else np.zeros(len(want), dtype=bool)
    level_w, evidence_w = np.asarray(w.level), np.asarray(w.evidence)
    for k, n, c in zip(pair[hit], need[hit], comp[pos[hit]], strict=True):
        lv, ev, pr = int(p.comp_level[c]), int(p.comp_evidence[c]), int(p.need_priority[n])
        points = int(w.priority[pr] * level_w[lv] * evidence_w[ev] * w.scale)
        data = {"topic": int(p.need_topic[n]), "priority": pr, "level": lv, "evidence": ev}
        out[k].append(Reason("covers", {**data, "points": points}))
    return out


def _availability(p: Problem, ii: np.ndarray, jj: np.ndarray) -> list[Reason | None]:
    out: list[Reason | None] = [None] * len(ii)
    given = p.mentee_avail_given[ii] | p.mentor_avail_given[jj]
    for start in range(0, len(ii), 4096):
        sel = np.flatnonzero(given[start : start + 4096]) + start
        if not len(sel):
            continue
        a = np.where(p.mentee_avail_given[ii[sel], None], p.mentee_avail[ii[sel]], ~np.uint64(0))
        b = np.where(p.mentor_avail_given[jj[sel], None], p.mentor_avail[jj[sel]], ~np.uint64(0))
        common = _erode(unpack(a & b), p.meeting_slots)
        for k, runs in zip(sel.tolist(), ranges(common), strict=True):
            out[k] = Reason("availability", {"ranges": runs})
    return out


def pair_reasons(
    p: Problem, w: Weights, ii: np.ndarray, jj: np.ndarray, locked: np.ndarray
) -> list[list[Reason]]:
    """Why each matched pair (ii[k], jj[k]) is good: what ``explain_pair`` lists."""
    ii, jj = np.asarray(ii, dtype=np.int64), np.asarray(jj, dtype=np.int64)
    out = _covers(p, w, ii, jj)
    shared = p.mentee_lang[ii] & p.mentor_lang[jj]
    avail = _availability(p, ii, jj)
    preferred = {(int(a), int(b)) for a, b in p.preferred_pairs}
    weights = {name: getattr(w, f"other_{name}") for name in _DIVERSITY}
    codes = {
        name: (
            getattr(p, f"mentee_{_ATTR.get(name, name)}"),
            getattr(p, f"mentor_{_ATTR.get(name, name)}"),
        )
        for name in _DIVERSITY
    }
    for k, (i, j) in enumerate(zip(ii.tolist(), jj.tolist(), strict=True)):
        reasons = out[k]
        if shared[k]:
            reasons.append(Reason("language", {"shared": int(shared[k])}))
        if avail[k] is not None:
            reasons.append(avail[k])
        for name in _DIVERSITY:
            a, b = codes[name][0][i], codes[name][1][j]
            if a >= 0 and b >= 0 and a != b:
                data = {"mentee": int(a), "mentor": int(b), "points": weights[name]}
                reasons.append(Reason(f"other_{name}", data))
        if (i, j) in preferred:
            reasons.append(Reason("preference", {"points": w.preference}))
        if p.mentee_unmatched_before[i]:
            reasons.append(Reason("unmatched_before", {"points": w.unmatched_before}))
        if locked[k]:
            reasons.append(Reason("locked", {}))
    return out
