"""The auction path (large one-to-one programs) on small random instances: forced on by
lowering its threshold, checked against the brute-force optimum of the property tests."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.matching.engine import _pricing, solve
from tandem.matching.engine._auction import Market

from .test_engine_properties import W, brute_force, check_result, naive_ok, random_problem


@pytest.fixture
def auction_always(monkeypatch):
    monkeypatch.setattr(_pricing, "AUCTION_FROM", 1)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**31), st.integers(1, 8), st.integers(1, 8))
def test_it_keeps_the_rules_and_certifies_the_optimum(seed, n, m):
    saved = _pricing.AUCTION_FROM
    _pricing.AUCTION_FROM = 1
    try:
        p, parent, sa, sb, outside = random_problem(seed, n, m)
        r = solve(p, W, candidates_per_mentee=2, gap_tolerance=0.05)
    finally:
        _pricing.AUCTION_FROM = saved
    check_result(p, parent, sa, sb, outside, r)
    ok = [[naive_ok(p, parent, sa, sb, outside, i, j) for j in range(m)] for i in range(n)]
    matched, score = brute_force(p, W, ok)
    # whichever solver answered, the number matched is the optimum's and the bound holds
    assert r.totals["matched_slots"] == matched
    assert r.totals["bound_score"] is not None
    assert r.totals["bound_score"] >= score >= r.totals["score"]
    assert r.totals["score"] >= (1 - 0.05) * score
    # and the gap it reports is the real one
    assert r.totals["gap"] <= 0.05 + 1e-9


def test_it_is_used_and_deterministic(auction_always):
    p, *_ = random_problem(7, 8, 8)
    r1 = solve(p, W, gap_tolerance=0.05)
    r2 = solve(p, W, gap_tolerance=0.05)
    assert r1.totals["solver"] == "auction"
    for a in ("mentee", "mentor", "score"):
        assert np.array_equal(getattr(r1.pairs, a), getattr(r2.pairs, a))


def test_market_gives_each_mentee_its_best_affordable_mentor():
    # mentees 0 and 1 both prefer mentor 0 (capacity 1); mentee 1 loses less by moving
    ptr = np.array([0, 2, 4])
    cj = np.array([0, 1, 0, 1])
    w = np.array([100, 10, 90, 80])
    mk = Market(2, 2, np.array([1, 1]))
    assert mk.run(ptr, cj, w, 1, 1000, 200)
    assert mk.mate.tolist() == [0, 1]
    # the prices certify it: sum of best values minus price, plus capacity x price, is the
    # optimum 180 within n * eps
    p = mk.prices()
    best = [max(100 - p[0], 10 - p[1]), max(90 - p[0], 80 - p[1])]
    assert 180 <= sum(best) + p.sum() <= 180 + 2


def test_market_frees_slots_nobody_wants_any_more():
    # mentee 0 first only knows mentor 0; a far better arc then takes it to mentor 2, which
    # leaves mentor 0 with an empty slot whose price must fall back to 0 (else the bound
    # would count a price nobody pays)
    mk = Market(2, 3, np.array([1, 1, 1]))
    assert mk.run(np.array([0, 1, 2]), np.array([0, 1]), np.array([50, 30]), 1, 1000, 50)
    assert mk.mate.tolist() == [0, 1]
    assert mk.prices()[0] > 0
    ptr = np.array([0, 2, 3])
    assert mk.run(ptr, np.array([0, 2, 1]), np.array([50, 500, 30]), 1, 1000, 50)
    assert mk.mate.tolist() == [2, 1]
    assert mk.prices()[0] == 0


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31), st.integers(2, 8), st.integers(2, 8))
def test_locked_pairs_survive_the_auction(seed, n, m):
    saved = _pricing.AUCTION_FROM
    _pricing.AUCTION_FROM = 1
    try:
        p, parent, sa, sb, outside = random_problem(seed, n, m)
        r1 = solve(p, W, gap_tolerance=0.05)
        if len(r1.pairs) == 0:
            return
        lock = np.stack([r1.pairs.mentee[-1:], r1.pairs.mentor[-1:]], axis=1)
        p.locked_pairs = lock
        p.__dict__.pop("_prep_cache", None)
        r2 = solve(p, W, gap_tolerance=0.05)
    finally:
        _pricing.AUCTION_FROM = saved
    check_result(p, parent, sa, sb, outside, r2)
    got = set(zip(r2.pairs.mentee.tolist(), r2.pairs.mentor.tolist(), strict=True))
    assert (int(lock[0, 0]), int(lock[0, 1])) in got
    assert r2.pairs.locked.sum() == 1
