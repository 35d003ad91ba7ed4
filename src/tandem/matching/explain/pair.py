"""Why one pair is (not) a good pair, in the engine's codes with their data (no wording).

Read from the engine's own prepared arrays (``engine._prep``), so that the rules it names and
the points it counts are exactly the ones ``solve`` and ``suggest`` apply. Many matched pairs
at once: ``matched``.
"""

from __future__ import annotations

import numpy as np

from tandem.matching.engine import SLOTS_PER_DAY, SLOTS_PER_WEEK, Problem, Reason, Weights
from tandem.matching.engine._prep import Prep, in_keys, prep, unpack_slots
from tandem.matching.engine._unmatched import distinct

# The codes of the hard rules a pair can break (the first reasons explain_pair gives).
HARD_CODES = (
    "not_trained",
    "not_qualified",
    "no_common_language",
    "no_common_availability",
    "reporting_line",
    "already_paired_before",
    "forbidden",
)
_DIVERSITY_CODES = (
    "other_department",
    "other_site",
    "other_organization",
    "other_gender",
    "other_generation",
)


def explain_pair(problem: Problem, weights: Weights, i: int, j: int) -> list[Reason]:
    """Why (i, j) is (not) a good pair: violated hard rules first, then what it scores on.

    Codes: not_qualified {topics, below_evidence: the needed topics the mentor has with too
    little evidence, min_evidence}, not_trained, no_common_language, no_common_availability,
    reporting_line {relation: manager|report|colleague}, already_paired_before, forbidden;
    then covers {topic, priority, level, evidence, points}, language {shared},
    availability {ranges: ((day, start_slot, end_slot), ...), day -1 = any day},
    other_department/site/organization/gender/generation {mentee, mentor}, preference,
    unmatched_before, locked, score {score}.
    """
    pr = prep(problem, weights)
    ii, jj = np.array([i]), np.array([j])
    return [
        *_broken_rules(pr, i, j, ii, jj),
        *_covers(pr, i, j),
        *_shared_time_and_language(pr, i, j, ii, jj),
        *_bonuses(pr, i, j, ii, jj),
        _score(pr, ii, jj),
    ]


def _broken_rules(pr: Prep, i: int, j: int, ii: np.ndarray, jj: np.ndarray) -> list[Reason]:
    """The hard rules the pair breaks, in the engine's order."""
    p = pr.p
    out: list[Reason] = []
    if p.require_training and not p.mentor_trained[j]:
        out.append(Reason("not_trained", {}))
    if not pr.qualified(ii, jj)[0]:
        out.append(_not_qualified(p, i, j))
    if not pr.lang_ok(ii, jj)[0]:
        languages = {
            "mentee_languages": int(p.mentee_lang[i]),
            "mentor_languages": int(p.mentor_lang[j]),
        }
        out.append(Reason("no_common_language", languages))
    if not pr.avail_ok(ii, jj)[0]:
        out.append(Reason("no_common_availability", {"meeting_slots": p.meeting_slots}))
    if pr.reporting_conflict(ii, jj)[0]:
        out.append(_reporting_line(p, i, j))
    if in_keys(pr.earlier, ii, jj, pr.m)[0]:
        out.append(Reason("already_paired_before", {}))
    if in_keys(pr.forbidden, ii, jj, pr.m)[0]:
        out.append(Reason("forbidden", {}))
    return out


def _not_qualified(p: Problem, i: int, j: int) -> Reason:
    """The mentee's needed topics, and those the mentor has with too little evidence."""
    needs = p.need_topic[p.need_ptr[i] : p.need_ptr[i + 1]]
    s, e = p.comp_ptr[j], p.comp_ptr[j + 1]
    low = np.isin(p.comp_topic[s:e], needs) & (p.comp_evidence[s:e] < p.min_evidence)
    data = {"topics": distinct(needs), "below_evidence": distinct(p.comp_topic[s:e][low])}
    return Reason("not_qualified", {**data, "min_evidence": int(p.min_evidence)})


def _reporting_line(p: Problem, i: int, j: int) -> Reason:
    """How the two stand in their organisation's tree: colleagues, or levels apart."""
    if p.mentee_parent[i] == p.mentor_parent[j] and p.mentee_parent[i] != -1:
        rel, dist = "colleague", 0
    elif p.mentee_pre[i] < p.mentor_pre[j]:
        rel, dist = "manager", int(p.mentor_depth[j] - p.mentee_depth[i])
    else:
        rel, dist = "report", int(p.mentee_depth[i] - p.mentor_depth[j])
    return Reason("reporting_line", {"relation": rel, "distance": dist})


def _covers(pr: Prep, i: int, j: int) -> list[Reason]:
    """Each need of the mentee that the mentor covers, with the best competence's points."""
    p, w = pr.p, pr.w
    s, e = p.comp_ptr[j], p.comp_ptr[j + 1]
    ok_comp = (p.comp_evidence[s:e] >= p.min_evidence) & bool(pr.mentor_ok[j])
    out: list[Reason] = []
    for k in range(p.need_ptr[i], p.need_ptr[i + 1]):
        t = p.need_topic[k]
        hit = np.flatnonzero((p.comp_topic[s:e] == t) & ok_comp)
        if len(hit) == 0:
            continue
        lv, ev = p.comp_level[s:e][hit], p.comp_evidence[s:e][hit]
        val = np.asarray(w.level)[lv] * np.asarray(w.evidence)[ev]
        b = int(np.argmax(val))
        pw = w.priority[int(p.need_priority[k])]
        data = {"topic": int(t), "priority": int(p.need_priority[k])}
        data |= {"level": int(lv[b]), "evidence": int(ev[b]), "points": int(pw * val[b] * w.scale)}
        out.append(Reason("covers", data))
    return out


def _shared_time_and_language(
    pr: Prep, i: int, j: int, ii: np.ndarray, jj: np.ndarray
) -> list[Reason]:
    """The languages both speak, and when both are free (as runs of common slots)."""
    p = pr.p
    out: list[Reason] = []
    shared = int(p.mentee_lang[i] & p.mentor_lang[j])
    if shared:
        out.append(Reason("language", {"shared": shared}))
    ga, gb = bool(p.mentee_avail_given[i]), bool(p.mentor_avail_given[j])
    slots = np.ones(SLOTS_PER_WEEK, dtype=bool)
    if ga:
        slots &= unpack_slots(p.mentee_avail[i : i + 1])[0]
    if gb:
        slots &= unpack_slots(p.mentor_avail[j : j + 1])[0]
    ranges = _slot_ranges(slots, p.meeting_slots)
    if ranges and (ga or gb) or pr.avail_ok(ii, jj)[0]:
        out.append(Reason("availability", {"ranges": ranges}))
    return out


def _slot_ranges(slots: np.ndarray, length: int) -> tuple[tuple[int, int, int], ...]:
    """Runs of >= length common slots (week wraps), split per day: (day, start, end)."""
    if slots.all():
        return ((-1, 0, SLOTS_PER_DAY),)
    if not slots.any():
        return ()
    shift = int(np.flatnonzero(~slots)[0])
    rolled = np.roll(slots, -shift)
    d = np.diff(np.r_[0, rolled.astype(np.int8), 0])
    starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
    out = []
    for s, e in zip(starts, ends, strict=True):
        if e - s < length:
            continue
        a = s + shift
        b = e + shift
        t = a
        while t < b:
            day_end = (t // SLOTS_PER_DAY + 1) * SLOTS_PER_DAY
            stop = min(b, day_end)
            day = (t // SLOTS_PER_DAY) % 7
            out.append((day, t % SLOTS_PER_DAY, (stop - 1) % SLOTS_PER_DAY + 1))
            t = stop
    return tuple(sorted(out))


def _bonuses(pr: Prep, i: int, j: int, ii: np.ndarray, jj: np.ndarray) -> list[Reason]:
    """Diversity, a mutual preference, priority after being left out, a manager's lock."""
    p, w = pr.p, pr.w
    out: list[Reason] = []
    for name, ((a, c), wt) in zip(_DIVERSITY_CODES, pr._div_attrs(), strict=True):
        if a[i] >= 0 and c[j] >= 0 and a[i] != c[j]:
            out.append(Reason(name, {"mentee": int(a[i]), "mentor": int(c[j]), "points": wt}))
    if in_keys(pr.preferred, ii, jj, pr.m)[0]:
        out.append(Reason("preference", {"points": w.preference}))
    if p.mentee_unmatched_before[i]:
        out.append(Reason("unmatched_before", {"points": w.unmatched_before}))
    if in_keys(pr.locked_keys, ii, jj, pr.m)[0]:
        out.append(Reason("locked", {}))
    return out


def _score(pr: Prep, ii: np.ndarray, jj: np.ndarray) -> Reason:
    """The pair's score as ``solve`` counts it; 0 when the mentor is not qualified."""
    sc, _ = pr.scores(ii, jj)
    return Reason("score", {"score": int(sc[0]) if pr.qualified(ii, jj)[0] else 0})
