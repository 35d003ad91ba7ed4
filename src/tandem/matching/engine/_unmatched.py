"""Why someone is left without a partner, in codes: the reasons a solve's Result carries.

The first filter that empties the person's set of partners names the reason (no qualified
mentor, no common language, no common free time, reporting line, earlier pair, excluded);
when partners remain, they were taken (``capacity``, ``not_needed``). ``explain_unmatched``
gives one person's reason with its data, for the run to store.
"""

from __future__ import annotations

import numpy as np

from ._model import Problem, Reason, Result, Weights
from ._prep import Prep, in_keys, prep, ranks

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


def distinct(a) -> tuple[int, ...]:
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
        return Reason("already_paired_before", {**base, "partners": distinct(part)})
    ii, jj, part = ii[ok], jj[ok], part[ok]
    ok = ~in_keys(pr.forbidden, ii, jj, pr.m)
    if not ok.any():
        return Reason("forbidden", {**base, "partners": distinct(part)})
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
    topics = distinct(pr.topics[topics_d])
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
                "topics": distinct(p.comp_topic[s:e]),
                "best_evidence": int(ev.max()),
                "min_evidence": p.min_evidence,
            },
        )
    qual = pr.comp_qual[s:e]
    td = pr.comp_t[s:e][qual]
    if len(td) == 0:
        topics = distinct(p.comp_topic[s:e][ev >= p.min_evidence])
        return Reason("no_mentee_needs_topics", {"topics": topics})
    ptr, lst = _mentee_lists(pr)
    needing = np.zeros(pr.n, dtype=bool)  # the mentees who need one of the topics, once each
    for t in td:
        needing[lst[ptr[t] : ptr[t + 1]]] = True
    ii = np.flatnonzero(needing & (p.mentee_capacity > 0))
    if len(ii) == 0:
        return Reason("no_mentee_needs_topics", {"topics": distinct(pr.topics[td])})
    jj = np.full(len(ii), j, dtype=np.int64)
    return _chain(pr, ii, jj, {"topics": distinct(pr.topics[td])}, "mentor")


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
        # quick vectorised probes: a few mentees of each topic, then more for the mentors
        # still without one; any compatible -> not_needed (at skewed 100,000 the first probe
        # left 789 mentors to the chain, 0.4 s, every one of them not needed)
        found = _probe(pr, rest, 64)
        left = rest[~found[rest]]
        if len(left):
            found[left] = _probe(pr, left, 1024)[left]
        pos = np.flatnonzero(~has_arc)
        for k, j in zip(pos, rest, strict=True):
            out[k] = "not_needed" if found[j] else mentor_chain(pr, int(j)).code
    return out


def _probe(pr: Prep, mentors: np.ndarray, depth: int) -> np.ndarray:
    """Per mentor (of all), whether one of the first ``depth`` mentees needing each of its
    qualified topics may be paired with it (only ``mentors`` are probed)."""
    ptr, lst = _mentee_lists(pr)
    probed = np.zeros(pr.m, dtype=bool)
    probed[mentors] = True
    qual = pr.comp_qual & probed[pr.comp_owner]
    cj_, ct = pr.comp_owner[qual], pr.comp_t[qual]
    take = np.minimum(ptr[ct + 1] - ptr[ct], depth)
    rep_j = np.repeat(cj_, take)
    rep_i = lst[np.repeat(ptr[ct], take) + ranks(take)]
    ok = pr.feasible(rep_i, rep_j) & (pr.p.mentee_capacity[rep_i] > 0)
    found = np.zeros(pr.m, dtype=bool)
    found[rep_j[ok]] = True
    return found & (pr.p.mentor_capacity > 0)


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
