"""Structured explanations (codes + data, no wording) and one-person suggestions."""

from __future__ import annotations

import numpy as np

from ._model import SLOTS_PER_DAY, SLOTS_PER_WEEK, Problem, Reason, Result, Weights
from ._prep import Prep, in_keys, prep, unpack_slots

MENTEE_CODES = (
    "no_capacity",
    "no_needs",
    "no_qualified_mentor",
    "no_mentor_with_evidence",
    "no_trained_mentor",
    "no_common_language",
    "no_common_availability",
    "reporting_line",
    "already_paired_before",
    "forbidden",
    "capacity",
)
MENTOR_CODES = (
    "no_capacity",
    "not_trained",
    "no_competences",
    "evidence_too_low",
    "no_mentee_needs_topics",
    "no_common_language",
    "no_common_availability",
    "reporting_line",
    "already_paired_before",
    "forbidden",
    "not_needed",
)


def _mentee_lists(pr: Prep):
    if not hasattr(pr, "ml_ptr"):
        o = np.lexsort((pr.need_owner, pr.need_t))
        pr.ml_mentee = pr.need_owner[o]
        pr.ml_ptr = np.searchsorted(pr.need_t[o], np.arange(pr.nt + 1)).astype(np.int64)
    return pr.ml_ptr, pr.ml_mentee


def _tup(a) -> tuple[int, ...]:
    """Sorted distinct values (a set, not np.unique: these arrays hold a few topics, and
    np.unique's overhead made explaining 12,000 unmatched mentors take 0.5 s)."""
    return tuple(sorted({int(v) for v in a}))


def _chain(pr: Prep, ii: np.ndarray, jj: np.ndarray, base: dict, side: str) -> Reason:
    """Apply language, availability, reporting, earlier, forbidden in order; first empty wins."""
    p = pr.p
    if side == "mentee":
        own, other = p.mentee_lang[ii[:1]], p.mentor_lang[jj]
    else:
        own, other = p.mentor_lang[jj[:1]], p.mentee_lang[ii]
    ok = pr.lang_ok(ii, jj)
    if not ok.any():
        return Reason(
            "no_common_language",
            {
                **base,
                "own_languages": int(own[0]),
                "partner_languages": int(np.bitwise_or.reduce(other, initial=np.uint64(0))),
            },
        )
    ii, jj = ii[ok], jj[ok]
    ok = pr.avail_ok(ii, jj)
    if not ok.any():
        return Reason("no_common_availability", {**base, "meeting_slots": p.meeting_slots})
    ii, jj = ii[ok], jj[ok]
    ok = ~pr.reporting_conflict(ii, jj)
    if not ok.any():
        return Reason("reporting_line", {**base, "partners": len(ii)})
    ii, jj = ii[ok], jj[ok]
    part = jj if side == "mentee" else ii
    ok = ~in_keys(pr.earlier, ii, jj, pr.m)
    if not ok.any():
        return Reason("already_paired_before", {**base, "partners": _tup(part)})
    ii, jj, part = ii[ok], jj[ok], part[ok]
    ok = ~in_keys(pr.forbidden, ii, jj, pr.m)
    if not ok.any():
        return Reason("forbidden", {**base, "partners": _tup(part)})
    code = "capacity" if side == "mentee" else "not_needed"
    return Reason(code, {**base, "compatible": int(ok.sum())})


def _no_qualified(pr: Prep, topics_d: np.ndarray, topics: tuple) -> Reason:
    """Why no mentor qualifies: nobody has the topic, or not with the evidence the program asks
    for, or only mentors who have not completed the required training."""
    p = pr.p
    has = np.isin(pr.comp_t, topics_d) & (p.mentor_capacity[pr.comp_owner] > 0)
    if not has.any():
        return Reason("no_qualified_mentor", {"topics": topics})
    enough = has & (p.comp_evidence >= p.min_evidence)
    if not enough.any():
        return Reason(
            "no_mentor_with_evidence", {"topics": topics, "min_evidence": int(p.min_evidence)}
        )
    untrained = len(np.unique(pr.comp_owner[enough]))
    return Reason("no_trained_mentor", {"topics": topics, "untrained": untrained})


def mentee_chain(pr: Prep, i: int) -> Reason:
    topics_d = pr.NT[i][pr.NT[i] < pr.nt]
    if len(topics_d) == 0:
        return Reason("no_needs", {})
    topics = _tup(pr.topics[topics_d])
    js = np.unique(
        np.concatenate([pr.tl_mentor[pr.tl_ptr[t] : pr.tl_ptr[t + 1]] for t in topics_d])
    )
    js = js[pr.p.mentor_capacity[js] > 0]
    if len(js) == 0:
        return _no_qualified(pr, topics_d, topics)
    ii = np.full(len(js), i, dtype=np.int64)
    return _chain(pr, ii, js, {"topics": topics}, "mentee")


def mentor_chain(pr: Prep, j: int) -> Reason:
    p = pr.p
    if p.mentor_capacity[j] <= 0:
        return Reason("no_capacity", {})
    if p.require_training and not p.mentor_trained[j]:
        return Reason("not_trained", {})
    s, e = p.comp_ptr[j], p.comp_ptr[j + 1]
    if e == s:
        return Reason("no_competences", {})
    ev = p.comp_evidence[s:e]
    if (ev < p.min_evidence).all():
        return Reason(
            "evidence_too_low",
            {
                "topics": _tup(p.comp_topic[s:e]),
                "best_evidence": int(ev.max()),
                "min_evidence": p.min_evidence,
            },
        )
    qual = pr.comp_qual[s:e]
    td = pr.comp_t[s:e][qual]
    if len(td) == 0:
        topics = _tup(p.comp_topic[s:e][ev >= p.min_evidence])
        return Reason("no_mentee_needs_topics", {"topics": topics})
    ptr, lst = _mentee_lists(pr)
    needing = np.zeros(pr.n, dtype=bool)  # the mentees who need one of the topics, once each
    for t in td:
        needing[lst[ptr[t] : ptr[t + 1]]] = True
    ii = np.flatnonzero(needing & (p.mentee_capacity > 0))
    if len(ii) == 0:
        return Reason("no_mentee_needs_topics", {"topics": _tup(pr.topics[td])})
    jj = np.full(len(ii), j, dtype=np.int64)
    return _chain(pr, ii, jj, {"topics": _tup(pr.topics[td])}, "mentor")


def mentee_reasons(pr: Prep, idx: np.ndarray, has_arc: np.ndarray, cap_a: np.ndarray):
    out = np.empty(len(idx), dtype="<U24")
    for k, i in enumerate(idx):
        if cap_a[i] <= 0 and pr.p.mentee_capacity[i] <= 0:
            out[k] = "no_capacity"
        elif has_arc[k]:
            out[k] = "capacity"
        else:
            out[k] = mentee_chain(pr, int(i)).code
    return out


def mentor_reasons(pr: Prep, idx: np.ndarray, has_arc: np.ndarray, cap_b: np.ndarray):
    out = np.empty(len(idx), dtype="<U24")
    out[has_arc] = "not_needed"
    rest = idx[~has_arc]
    if len(rest):
        # quick vectorised probe: a few mentees of each topic; any compatible -> not_needed
        ptr, lst = _mentee_lists(pr)
        in_rest = np.zeros(pr.m, dtype=bool)
        in_rest[rest] = True
        qual = pr.comp_qual & in_rest[pr.comp_owner]
        cj_, ct = pr.comp_owner[qual], pr.comp_t[qual]
        take = np.minimum(ptr[ct + 1] - ptr[ct], 64)
        rep_j = np.repeat(cj_, take)
        off = np.arange(int(take.sum())) - np.repeat(np.cumsum(take) - take, take)
        rep_i = lst[np.repeat(ptr[ct], take) + off]
        ok = pr.feasible(rep_i, rep_j) & (pr.p.mentee_capacity[rep_i] > 0)
        found = np.zeros(pr.m, dtype=bool)
        found[rep_j[ok]] = True
        found &= pr.p.mentor_capacity > 0
        pos = np.flatnonzero(~has_arc)
        for k, j in zip(pos, rest, strict=True):
            out[k] = "not_needed" if found[j] else mentor_chain(pr, int(j)).code
    return out


def explain_unmatched_mentee(problem: Problem, weights: Weights, i: int, result: Result):
    """The real reason mentee ``i`` has no pair (first filter that empties the mentor set)."""
    pr = prep(problem, weights)
    if i in set(result.pairs.mentee.tolist()):
        return [Reason("matched", {})]
    if problem.mentee_capacity[i] <= 0:
        return [Reason("no_capacity", {})]
    return [mentee_chain(pr, int(i))]


def explain_unmatched_mentor(problem: Problem, weights: Weights, j: int, result: Result):
    """The real reason mentor ``j`` has no pair."""
    pr = prep(problem, weights)
    if j in set(result.pairs.mentor.tolist()):
        return [Reason("matched", {})]
    return [mentor_chain(pr, int(j))]


def explain_unmatched(
    problem: Problem, weights: Weights, index: int, result: Result, *, side: str = "mentee"
) -> list[Reason]:
    """Dispatch to :func:`explain_unmatched_mentee` or :func:`explain_unmatched_mentor`."""
    if side == "mentee":
        return explain_unmatched_mentee(problem, weights, index, result)
    return explain_unmatched_mentor(problem, weights, index, result)


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
    p = problem
    w = weights
    ii, jj = np.array([i]), np.array([j])
    out: list[Reason] = []
    if p.require_training and not p.mentor_trained[j]:
        out.append(Reason("not_trained", {}))
    if not pr.qualified(ii, jj)[0]:
        needs = p.need_topic[p.need_ptr[i] : p.need_ptr[i + 1]]
        s, e = p.comp_ptr[j], p.comp_ptr[j + 1]
        low = np.isin(p.comp_topic[s:e], needs) & (p.comp_evidence[s:e] < p.min_evidence)
        data = {"topics": _tup(needs), "below_evidence": _tup(p.comp_topic[s:e][low])}
        out.append(Reason("not_qualified", {**data, "min_evidence": int(p.min_evidence)}))
    if not pr.lang_ok(ii, jj)[0]:
        out.append(
            Reason(
                "no_common_language",
                {
                    "mentee_languages": int(p.mentee_lang[i]),
                    "mentor_languages": int(p.mentor_lang[j]),
                },
            )
        )
    if not pr.avail_ok(ii, jj)[0]:
        out.append(Reason("no_common_availability", {"meeting_slots": p.meeting_slots}))
    if pr.reporting_conflict(ii, jj)[0]:
        if p.mentee_parent[i] == p.mentor_parent[j] and p.mentee_parent[i] != -1:
            rel, dist = "colleague", 0
        elif p.mentee_pre[i] < p.mentor_pre[j]:
            rel, dist = "manager", int(p.mentor_depth[j] - p.mentee_depth[i])
        else:
            rel, dist = "report", int(p.mentee_depth[i] - p.mentor_depth[j])
        out.append(Reason("reporting_line", {"relation": rel, "distance": dist}))
    if in_keys(pr.earlier, ii, jj, pr.m)[0]:
        out.append(Reason("already_paired_before", {}))
    if in_keys(pr.forbidden, ii, jj, pr.m)[0]:
        out.append(Reason("forbidden", {}))
    # positives
    s, e = p.comp_ptr[j], p.comp_ptr[j + 1]
    ok_comp = (p.comp_evidence[s:e] >= p.min_evidence) & bool(pr.mentor_ok[j])
    for k in range(p.need_ptr[i], p.need_ptr[i + 1]):
        t = p.need_topic[k]
        hit = np.flatnonzero((p.comp_topic[s:e] == t) & ok_comp)
        if len(hit) == 0:
            continue
        lv, ev = p.comp_level[s:e][hit], p.comp_evidence[s:e][hit]
        val = np.asarray(w.level)[lv] * np.asarray(w.evidence)[ev]
        b = int(np.argmax(val))
        pw = w.priority[int(p.need_priority[k])]
        out.append(
            Reason(
                "covers",
                {
                    "topic": int(t),
                    "priority": int(p.need_priority[k]),
                    "level": int(lv[b]),
                    "evidence": int(ev[b]),
                    "points": int(pw * val[b] * w.scale),
                },
            )
        )
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
    names = (
        "other_department",
        "other_site",
        "other_organization",
        "other_gender",
        "other_generation",
    )
    for name, ((a, c), wt) in zip(names, pr._div_attrs(), strict=True):
        if a[i] >= 0 and c[j] >= 0 and a[i] != c[j]:
            out.append(Reason(name, {"mentee": int(a[i]), "mentor": int(c[j]), "points": wt}))
    if in_keys(pr.preferred, ii, jj, pr.m)[0]:
        out.append(Reason("preference", {"points": w.preference}))
    if p.mentee_unmatched_before[i]:
        out.append(Reason("unmatched_before", {"points": w.unmatched_before}))
    if in_keys(pr.locked_keys, ii, jj, pr.m)[0]:
        out.append(Reason("locked", {}))
    sc, _ = pr.scores(ii, jj)
    out.append(Reason("score", {"score": int(sc[0]) if pr.qualified(ii, jj)[0] else 0}))
    return out


def suggest(
    problem: Problem,
    weights: Weights,
    i: int,
    *,
    side: str = "mentee",
    k: int = 5,
    exclude_full: bool = True,
) -> list[tuple[int, int]]:
    """Best k partners for mentee i (side="mentee") or mentor i (side="mentor").

    Same score and hard rules as solve; ``exclude_full`` drops partners whose capacity is used
    up by locked pairs, and partners already locked with i.
    """
    pr = prep(problem, weights)
    p = problem
    if side == "mentee":
        cand = np.arange(pr.m)
        ii, jj = np.full(pr.m, i), cand
        used = np.bincount(p.locked_pairs[:, 1], minlength=pr.m)[: pr.m]
        cap = p.mentor_capacity
    elif side == "mentor":
        cand = np.arange(pr.n)
        ii, jj = cand, np.full(pr.n, i)
        used = np.bincount(p.locked_pairs[:, 0], minlength=pr.n)[: pr.n]
        cap = p.mentee_capacity
    else:
        raise ValueError("side must be 'mentee' or 'mentor'")
    ok = pr.qualified(ii, jj) & pr.feasible(ii, jj) & ~in_keys(pr.locked_keys, ii, jj, pr.m)
    if exclude_full:
        ok &= used < cap
    cand, ii, jj = cand[ok], ii[ok], jj[ok]
    sc, _ = pr.scores(ii, jj)
    o = np.lexsort((cand, -sc))[:k]
    return [(int(cand[t]), int(sc[t])) for t in o]
