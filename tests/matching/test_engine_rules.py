"""Unit tests of each hard rule, the structured reasons, circle/group formats, top-k trap."""

import numpy as np
import pytest

from tandem.matching.engine import (
    Problem,
    explain_unmatched_mentee,
    explain_unmatched_mentor,
    solve,
    suggest,
)
from tandem.matching.explain.pair import explain_pair
from tests.matching.test_engine_properties import W, pack, part_alone

DAY = 48


def build(n_mentees=1, n_mentors=1, needs=None, comps=None, **kw):
    needs = needs or [[(0, 2)]] * n_mentees
    comps = comps or [[(0, 3, 2)]] * n_mentors
    return Problem(
        need_ptr=np.r_[0, np.cumsum([len(x) for x in needs])],
        need_topic=[t for x in needs for t, _ in x],
        need_priority=[q for x in needs for _, q in x],
        comp_ptr=np.r_[0, np.cumsum([len(x) for x in comps])],
        comp_topic=[t for x in comps for t, _, _ in x],
        comp_level=[lv for x in comps for _, lv, _ in x],
        comp_evidence=[e for x in comps for _, _, e in x],
        **kw,
    )


def pairs(r):
    return set(zip(r.pairs.mentee.tolist(), r.pairs.mentor.tolist(), strict=True))


def codes(reasons):
    return [x.code for x in reasons]


# A chain CEO(0) -> VP(1) -> director(2) -> manager(3) -> junior(4); junior2(5) under 3.
PRE = np.array([0, 1, 2, 3, 4, 6])
POST = np.array([11, 10, 9, 8, 5, 7])
DEPTH = np.array([0, 1, 2, 3, 4, 4])
PARENT = np.array([-1, 0, 1, 2, 3, 3])


def tree_problem(mentee_person, mentor_person, d, mentor_outside=False):
    a, b = mentee_person, mentor_person
    mk = {
        "mentee_pre": [PRE[a]],
        "mentee_post": [POST[a]],
        "mentee_depth": [DEPTH[a]],
        "mentee_parent": [PARENT[a]],
        "mentee_tree": [0],
        "mentor_pre": [-1 if mentor_outside else PRE[b]],
        "mentor_post": [-1 if mentor_outside else POST[b]],
        "mentor_depth": [-1 if mentor_outside else DEPTH[b]],
        "mentor_parent": [-1 if mentor_outside else PARENT[b]],
        "mentor_tree": [-1 if mentor_outside else 0],
    }
    return build(reporting_distance=d, **mk)


@pytest.mark.parametrize(
    ("mentee", "mentor", "d", "allowed"),
    [
        (3, 4, 0, True),  # rule off
        (3, 4, 1, False),  # direct report
        (2, 4, 1, True),  # two levels apart, d=1
        (2, 4, 2, False),
        (1, 4, 2, True),  # three levels apart, d=2
        (1, 4, -1, False),  # whole chain
        (0, 4, 2, True),  # CEO with a junior at the default distance
        (0, 4, -1, False),
        (4, 5, 2, False),  # colleagues with the same manager
        (4, 5, 0, True),
        (4, 3, 2, False),  # the mentee reports to the mentor
    ],
)
def test_reporting_line(mentee, mentor, d, allowed):
    r = solve(tree_problem(mentee, mentor, d), W)
    assert (len(r.pairs) == 1) is allowed
    if not allowed:
        assert r.unmatched_mentee_reason.tolist() == ["reporting_line"]


def test_partner_mentor_outside_the_tree_is_never_in_a_reporting_line():
    r = solve(tree_problem(3, 4, -1, mentor_outside=True), W)
    assert pairs(r) == {(0, 0)}


def test_language():
    p = build(mentee_lang=[0b01], mentor_lang=[0b10])
    r = solve(p, W)
    assert len(r.pairs) == 0
    (reason,) = explain_unmatched_mentee(p, W, 0, r)
    assert reason.code == "no_common_language"
    assert reason.data["topics"] == (0,) and reason.data["partner_languages"] == 2
    assert solve(build(mentee_lang=[0b11], mentor_lang=[0b10]), W).totals["matched_mentees"] == 1


def slots(*runs):
    s = np.zeros((1, 336), dtype=bool)
    for a, b in runs:
        s[0, a:b] = True
    return pack(s)


@pytest.mark.parametrize(
    ("a", "b", "length", "ok"),
    [
        ([(10, 14)], [(12, 20)], 2, True),
        ([(10, 14)], [(13, 20)], 2, False),  # one common slot only
        ([(10, 14)], [(12, 20)], 3, False),  # meeting too long for the overlap
        ([(335, 336), (0, 1)], [(335, 336), (0, 2)], 2, True),  # Sunday night -> Monday
        ([(335, 336)], [(335, 336), (0, 2)], 2, False),
    ],
)
def test_availability_with_wrap_and_meeting_length(a, b, length, ok):
    p = build(
        mentee_avail=slots(*a),
        mentor_avail=slots(*b),
        mentee_avail_given=[True],
        mentor_avail_given=[True],
        meeting_slots=length,
    )
    r = solve(p, W)
    assert (len(r.pairs) == 1) is ok
    if not ok:
        assert r.unmatched_mentee_reason.tolist() == ["no_common_availability"]


def test_availability_not_given_is_no_constraint():
    p = build(mentee_avail=slots(), mentor_avail=slots((0, 4)), mentee_avail_given=[False])
    assert len(solve(p, W).pairs) == 1


def test_earlier_forbidden_training_evidence():
    r = solve(build(earlier_pairs=[[0, 0]]), W)
    assert len(r.pairs) == 0 and r.unmatched_mentee_reason.tolist() == ["already_paired_before"]
    r = solve(build(forbidden_pairs=[[0, 0]]), W)
    assert len(r.pairs) == 0 and r.unmatched_mentee_reason.tolist() == ["forbidden"]
    r = solve(build(require_training=True, mentor_trained=[False]), W)
    assert len(r.pairs) == 0
    assert r.unmatched_mentor_reason.tolist() == ["not_trained"]
    assert r.unmatched_mentee_reason.tolist() == ["no_trained_mentor"]
    r = solve(build(comps=[[(0, 4, 0)]], min_evidence=1), W)
    assert len(r.pairs) == 0 and r.unmatched_mentor_reason.tolist() == ["evidence_too_low"]
    assert r.unmatched_mentee_reason.tolist() == ["no_mentor_with_evidence"]
    r = solve(build(comps=[[(1, 4, 3)]]), W)
    assert r.unmatched_mentee_reason.tolist() == ["no_qualified_mentor"]
    assert solve(build(comps=[[(0, 4, 1)]], min_evidence=1), W).totals["matched_mentees"] == 1


def test_unmatched_reason_codes_and_data():
    # two mentees want topic 7 (cybersecurity); the only mentor speaks another language
    p = build(
        2, 1, needs=[[(7, 2)], [(3, 1)]], comps=[[(7, 3, 2)]], mentee_lang=[4, 1], mentor_lang=[1]
    )
    r = solve(p, W)
    assert pairs(r) == set()
    reasons = dict(zip(r.unmatched_mentees.tolist(), r.unmatched_mentee_reason, strict=True))
    assert reasons == {0: "no_common_language", 1: "no_qualified_mentor"}
    (why,) = explain_unmatched_mentee(p, W, 1, r)
    assert why.data == {"topics": (3,)}
    (why,) = explain_unmatched_mentee(p, W, 0, r)
    assert why.data["topics"] == (7,) and why.data["own_languages"] == 4
    (why,) = explain_unmatched_mentor(p, W, 0, r)
    assert why.code == "no_common_language"
    # capacity: two mentees, one single-seat mentor; the better fit wins
    p = build(2, 1, needs=[[(0, 2)], [(0, 0)]])
    r = solve(p, W)
    assert pairs(r) == {(0, 0)}
    assert r.unmatched_mentee_reason.tolist() == ["capacity"]
    # mentor nobody needs, and mentor not needed
    p = build(1, 2, comps=[[(0, 3, 2)], [(5, 3, 2)]])
    r = solve(p, W)
    assert r.unmatched_mentor_reason.tolist() == ["no_mentee_needs_topics"]
    p = build(1, 2)
    r = solve(p, W)
    assert r.unmatched_mentor_reason.tolist() == ["not_needed"]


def test_explain_pair_structured():
    p = build(
        needs=[[(0, 2), (1, 0)]],
        comps=[[(0, 3, 2), (1, 1, 1)]],
        mentee_lang=[3],
        mentor_lang=[2],
        mentee_avail=slots((3 * DAY + 28, 3 * DAY + 34)),
        mentor_avail=slots((3 * DAY + 30, 3 * DAY + 40)),
        mentee_avail_given=[True],
        mentor_avail_given=[True],
        mentee_dept=[1],
        mentor_dept=[2],
    )
    rs = explain_pair(p, W, 0, 0)
    covers = [x.data for x in rs if x.code == "covers"]
    assert covers[0] == {"topic": 0, "priority": 2, "level": 3, "evidence": 2, "points": 270}
    assert covers[1]["topic"] == 1 and covers[1]["points"] == 20
    assert next(x for x in rs if x.code == "language").data == {"shared": 2}
    assert next(x for x in rs if x.code == "availability").data == {"ranges": ((3, 30, 34),)}
    assert "other_department" in codes(rs)
    assert next(x for x in rs if x.code == "score").data == {"score": 270 + 20 + 60}
    bad = explain_pair(build(mentee_lang=[1], mentor_lang=[2], forbidden_pairs=[[0, 0]]), W, 0, 0)
    assert {"no_common_language", "forbidden"} <= set(codes(bad))


def test_circle_format_distinct_topics():
    # mentee wants 3 mentors for topics 0 and 1; three mentors best at topic 0, one at topic 1
    comps = [[(0, 4, 3)], [(0, 4, 3)], [(0, 3, 3), (1, 1, 0)], [(1, 2, 1)]]
    p = build(1, 4, needs=[[(0, 2), (1, 2)]], comps=comps, circle=True, mentee_capacity=[3])
    r = solve(p, W)
    got = pairs(r)
    assert len(got) == 2  # one per topic, never two for topic 0
    assert (0, 3) in got or (0, 2) in got


def test_group_format_capacity_above_three():
    p = build(6, 2, mentor_capacity=[5, 1], comps=[[(0, 4, 3)], [(0, 1, 0)]])
    r = solve(p, W)
    load = np.bincount(r.pairs.mentor, minlength=2)
    assert load.tolist() == [5, 1]


def test_locked_pair_kept_even_if_worse():
    p = build(2, 2, comps=[[(0, 4, 3)], [(0, 1, 0)]], locked_pairs=[[0, 1]])
    r = solve(p, W)
    assert (0, 1) in pairs(r) and r.pairs.locked[r.pairs.mentee == 0].all()
    assert pairs(r) == {(0, 1), (1, 0)}


def test_suggest_both_sides():
    p = build(
        2,
        3,
        comps=[[(0, 4, 3)], [(0, 1, 0)], [(0, 2, 2)]],
        mentor_lang=[1, 1, 2],
        mentee_lang=[1, 1],
        locked_pairs=[[1, 0]],
    )
    assert [j for j, _ in suggest(p, W, 0)] == [1]  # 0 is full, 2 speaks another language
    assert [j for j, _ in suggest(p, W, 0, exclude_full=False)] == [0, 1]
    assert [i for i, _ in suggest(p, W, 1, side="mentor")] == [0]  # mentee 1 is full
    assert [i for i, _ in suggest(p, W, 1, side="mentor", exclude_full=False)] == [0, 1]


def test_pricing_rounds_escape_the_top_k_trap():
    # 40 mentees all need topic 0; 10 star mentors (seat 1) are everybody's top list
    n, stars, plain = 40, 10, 40
    comps = [[(0, 4, 3)]] * stars + [[(0, 1, 0)]] * plain
    p = build(n, stars + plain, comps=comps)
    # the same short list for all (the stars) would match 10; slices of the list match all
    one = part_alone(p, "flow", 0, candidates_per_mentee=5, max_rounds=1)
    assert one.units == n
    r = solve(p, W, candidates_per_mentee=5, gap_tolerance=0, method="flow")
    assert r.totals["matched_mentees"] == n and r.totals["parts"][0] == "flow"
    assert r.totals["gap"] == 0 and r.totals["stopped_by"] == "optimal"
    full = solve(p, W, method="exact")
    assert r.totals["score"] == full.totals["score"]


def test_it_returns_an_empty_result_with_reasons_when_there_are_no_mentees():
    p = build(0, 2, needs=[])
    r = solve(p, W)
    assert len(r.pairs) == 0 and r.totals["matched_slots"] == 0
    assert r.unmatched_mentors.tolist() == [0, 1]
    assert set(r.unmatched_mentor_reason.tolist()) == {"no_mentee_needs_topics"}
    empty = solve(build(0, 0, needs=[], comps=[]), W)
    assert empty.totals["mentees"] == 0 and len(empty.unmatched_mentors) == 0


def test_unmatched_mentors_reasons_probe_past_the_first_mentees_of_a_topic():
    # 200 mentees need topic 0; only the last 50 speak the language of mentor 0, nobody
    # speaks mentor 1's: mentor 0 is not needed (found by the deeper probe), mentor 1 has no
    # common language (the chain), as the chain says for each
    from tandem.matching.engine._prep import prep
    from tandem.matching.engine._unmatched import mentor_chain, mentor_reasons

    langs = np.r_[np.full(150, 1), np.full(50, 2)].astype(np.uint64)
    p = build(200, 2, mentee_lang=langs, mentor_lang=np.array([2, 4], dtype=np.uint64))
    pr = prep(p, W)
    idx = np.arange(2)
    got = mentor_reasons(pr, idx, np.zeros(2, dtype=bool), p.mentor_capacity)
    assert got.tolist() == ["not_needed", "no_common_language"]
    assert got.tolist() == [mentor_chain(pr, j).code for j in idx]
