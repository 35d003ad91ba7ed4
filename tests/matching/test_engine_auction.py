"""The auction path (large one-to-one programs): forced on small random instances
(``method="auction"``) and checked against the brute-force optimum of the property tests; its
parts (exact best values from the lists, the re-sort, the day-part filter, the cover, the
reverse bids) against naive versions."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.matching_data import generate
from bench.matching_families import generate as family
from tandem.matching.engine import _pricing, solve
from tandem.matching.engine._arcs import S
from tandem.matching.engine._prep import lexsort, prep
from tandem.matching.engine._rules import day_parts

from .test_engine_properties import (
    W,
    brute_force,
    check_flags,
    check_result,
    naive_ok,
    random_problem,
)


def _solve_with_auction(p, **kw):
    return solve(p, W, method="auction", **kw)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**31), st.integers(1, 8), st.integers(1, 8), st.booleans())
def test_it_keeps_the_rules_and_certifies_the_optimum(seed, n, m, skewed):
    p, parent, sa, sb, outside = random_problem(seed, n, m, skewed=skewed)
    r = _solve_with_auction(p, gap_tolerance=0.05)
    check_result(p, parent, sa, sb, outside, r)
    check_flags(r, 0.05)
    ok = [[naive_ok(p, parent, sa, sb, outside, i, j) for j in range(m)] for i in range(n)]
    matched, score = brute_force(p, W, ok)
    # whichever solver answered, the number matched is the optimum's and the bound holds
    assert r.totals["matched_slots"] == matched
    assert r.totals["bound_score"] is not None
    assert r.totals["bound_score"] >= score >= r.totals["score"]
    assert r.totals["score"] >= (1 - 0.05) * score
    # and the gap it reports is the real one, within the tolerance
    assert r.totals["gap"] <= 0.05 + 1e-9


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31), st.integers(1, 8), st.integers(1, 8), st.integers(0, 3))
def test_a_walk_finds_each_mentees_exact_best_value(seed, n, m, price_seed):
    """What the bound rests on: at any prices, the walk over the sorted lists returns the
    best value over every allowed pair (a naive scan of all of them)."""
    from tandem.matching.engine import _market

    p, parent, sa, sb, outside = random_problem(seed, n, m)
    pr = prep(p, W)
    cap_a, cap_b = p.mentee_capacity.copy(), p.mentor_capacity.copy()
    live = cap_b > 0
    B = 10_000
    lists = _pricing.Lists(pr, cap_a, live, B)
    ctx = _pricing._context(pr)
    prices = np.random.default_rng(price_seed).integers(0, 4 * 3000, size=m) * (price_seed > 0)
    lists.sort(prices.astype(np.int64))
    state = np.zeros(5, dtype=np.int64)
    active = np.arange(n, dtype=np.int64)
    got = _market.explore(active, 1, lists.tuple(), ctx, S, B, prices.astype(np.int64), lists.esort,
                          lists.mem, state, 2)  # fmt: skip
    from .test_engine_properties import naive_score

    for i in range(n):
        vals = [
            S * (naive_score(p, W, i, j) + B) - int(prices[j])
            for j in range(m)
            if live[j] and naive_ok(p, parent, sa, sb, outside, i, j)
        ]
        assert int(got[i]) == (max(vals) if vals else int(_market.NEG))


def _random_lists(seed, m, groups, sizes, levels):
    """Lists of mentors (each sorted by mentor) for ``groups`` need sets, with keys from
    ``levels`` values (many ties); returns the generator to go on with."""
    rng = np.random.default_rng(seed)
    cnt = rng.integers(*sizes, size=groups)
    gid = np.repeat(np.arange(groups), cnt)
    lm = np.concatenate([np.sort(rng.choice(m, size=c, replace=False)) for c in cnt])
    base = rng.integers(0, levels, size=len(lm)) * 4
    return rng, gid, lm, base, np.r_[0, np.cumsum(cnt)].astype(np.int64)


def test_the_resort_is_the_full_sort():
    from tandem.matching.engine import _order

    m, groups = 50, 30
    rng, gid, lm, base, gptr = _random_lists(3, m, groups, (0, 40), 20)
    before = np.zeros(m, dtype=np.int64)
    key = base - before[lm]
    o = lexsort((-key, gid))
    ek, ej = key[o].copy(), lm[o].copy()
    after = before + rng.integers(0, 3, size=m) * 4 * (rng.random(m) < 0.4)
    esort = before[ej]
    scratch = (np.empty(len(ek), np.int64), np.empty(len(ek), np.int64))
    _order.resort(gptr, ek, ej, esort, after, np.ones(groups, dtype=bool), *scratch)
    key = base - after[lm]
    o = lexsort((lm, -key, gid))
    assert ek.tolist() == key[o].tolist()
    assert ej.tolist() == lm[o].tolist()
    assert esort.tolist() == after[ej].tolist()


def test_a_resort_sorts_the_lists_it_is_given_and_keeps_the_others_bounds():
    from tandem.matching.engine import _order

    m, groups = 40, 12
    rng, gid, lm, base, gptr = _random_lists(4, m, groups, (1, 30), 50)
    o = lexsort((-base, gid))
    ek, ej = base[o].copy(), lm[o].copy()
    esort = np.zeros(len(ek), dtype=np.int64)
    prices = rng.integers(1, 60, size=m).astype(np.int64) * 4
    hot = np.zeros(groups, dtype=bool)
    hot[::3] = True
    old_ek, old_ej = ek.copy(), ej.copy()
    scratch = (np.empty(len(ek), np.int64), np.empty(len(ek), np.int64))
    _order.resort(gptr, ek, ej, esort, prices, hot, *scratch)
    for g in range(groups):
        a, b = gptr[g], gptr[g + 1]
        if hot[g]:  # sorted by today's key, at today's prices
            assert ek[a:b].tolist() == sorted(ek[a:b].tolist(), reverse=True)
            assert (esort[a:b] == prices[ej[a:b]]).all()
            pairs = zip(old_ej[a:b], old_ek[a:b], strict=True)
            was = {(int(j), int(k) - int(prices[j])) for j, k in pairs}
            assert was == {(int(j), int(k)) for j, k in zip(ej[a:b], ek[a:b], strict=True)}
        else:  # untouched: its key less the rise since the price it was sorted at still bounds
            assert ek[a:b].tolist() == old_ek[a:b].tolist() and (esort[a:b] == 0).all()


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31))
def test_day_parts_never_reject_a_common_slot(seed):
    p = generate(60, 60, seed=seed % 1000)
    pr = prep(p, W)
    a = day_parts(pr.ea, pr.ga)
    b = day_parts(pr.eb, pr.gb)
    ii, jj = np.meshgrid(np.arange(pr.n), np.arange(pr.m), indexing="ij")
    ii, jj = ii.ravel(), jj.ravel()
    overlap = pr.avail_ok(ii, jj)
    assert ((a[ii] & b[jj]) != 0)[overlap].all()
    assert not ((a[ii] & b[jj]) != 0).all()  # and it does reject some pairs


def test_it_is_used_and_deterministic():
    p = generate(400, seed=5)
    r1 = _solve_with_auction(p)
    r2 = _solve_with_auction(p)
    assert r1.totals["solver"] == "auction" and r1.totals["stopped_by"] == "tolerance"
    for a in ("mentee", "mentor", "score"):
        assert np.array_equal(getattr(r1.pairs, a), getattr(r2.pairs, a))


def test_it_matches_the_exact_optimum_on_a_realistic_program():
    p = generate(3000, seed=11)
    a = _solve_with_auction(p)
    f = solve(p, W, method="exact")
    assert a.totals["solver"] == "auction" and f.totals["solver"] == "exact"
    assert f.totals["stopped_by"] == "optimal" and f.totals["gap"] == 0
    assert a.totals["matched_slots"] == f.totals["matched_slots"]
    # certified: the auction's bound is above the optimum, its score within the tolerance
    assert a.totals["bound_score"] >= f.totals["score"] >= a.totals["score"]
    assert a.totals["score"] >= 0.99 * f.totals["score"]
    assert a.totals["gap"] <= a.totals["tolerance"] == 0.01
    check_flags(a)
    check_flags(f)


@pytest.mark.parametrize(("n", "m", "matched"), [(300, 40, 68), (400, 220, 299)])
def test_too_few_mentors_are_settled_by_the_auction_itself(n, m, matched):
    # far more mentees than mentor places, and enough places in all but not for everyone's
    # topics and languages (299 of 400 can be matched): the cover starts the mentors everyone
    # needs at the cardinality scale, the auction settles the score, no hand-over
    p = generate(n, m, seed=2 if m == 40 else 4)
    r = _solve_with_auction(p)
    exact = solve(p, W, method="exact")
    assert r.totals["solver"] == "auction" and r.totals["parts"] == ["auction"]
    assert r.totals["matched_slots"] == exact.totals["matched_slots"] == matched
    assert r.totals["matched_certified_max"] and r.totals["gap"] <= 0.01
    check_flags(r)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31), st.integers(2, 8), st.integers(2, 8))
def test_the_cover_is_a_maximum_matching_and_its_proof(seed, n, m):
    from tandem.matching.engine._cover import cover

    p, parent, sa, sb, outside = random_problem(seed, n, m, skewed=seed % 2 == 0)
    pr = prep(p, W)
    mate, ys, xs, exact = cover(pr, p.mentee_capacity.copy(), p.mentor_capacity.copy())
    assert exact
    ok = [[naive_ok(p, parent, sa, sb, outside, i, j) for j in range(m)] for i in range(n)]
    assert all(ok[i][mate[i]] for i in range(n) if mate[i] >= 0)
    assert (np.bincount(mate[mate >= 0], minlength=m) <= p.mentor_capacity).all()
    matched, _ = brute_force(p, W, ok)
    assert int((mate >= 0).sum()) == matched
    # Koenig: the mentees not reached plus the places of the mentors reached cover every
    # allowed pair, and there are as many as pairs matched
    for i in range(n):
        for j in range(m):
            if ok[i][j]:
                assert not xs[i] or ys[j]
    assert int((~xs).sum()) + int(p.mentor_capacity[ys].sum()) == matched


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31), st.integers(2, 8), st.integers(2, 8))
def test_locked_pairs_survive_the_auction(seed, n, m):
    p, parent, sa, sb, outside = random_problem(seed, n, m)
    r1 = _solve_with_auction(p, gap_tolerance=0.05)
    if len(r1.pairs) == 0:
        return
    lock = np.stack([r1.pairs.mentee[-1:], r1.pairs.mentor[-1:]], axis=1)
    p.locked_pairs = lock
    p.__dict__.pop("_prep_cache", None)
    r2 = _solve_with_auction(p, gap_tolerance=0.05)
    check_result(p, parent, sa, sb, outside, r2)
    got = set(zip(r2.pairs.mentee.tolist(), r2.pairs.mentor.tolist(), strict=True))
    assert (int(lock[0, 0]), int(lock[0, 1])) in got
    assert r2.pairs.locked.sum() == 1


def test_a_refinement_with_locked_pairs_keeps_them_and_reaches_the_tolerance():
    # locked mentees are not active: each refinement must read the active ones' own values
    # (a coarse first eps, so that the auction refines)
    p = generate(1000, seed=5)
    first = _solve_with_auction(p, gap_tolerance=0.001, eps_share=8.0)
    lock = np.stack([first.pairs.mentee[:3], first.pairs.mentor[:3]], axis=1)
    p.locked_pairs = lock
    p.__dict__.pop("_prep_cache", None)
    r = _solve_with_auction(p, gap_tolerance=0.001, eps_share=8.0)
    t = r.totals
    assert t["rounds"] >= 2 and t["parts"] == ["auction"]  # refined, by the auction alone
    assert t["stopped_by"] == "tolerance" and t["gap"] <= 0.001
    check_flags(r, 0.001)
    got = set(zip(r.pairs.mentee.tolist(), r.pairs.mentor.tolist(), strict=True))
    assert {(int(i), int(j)) for i, j in lock} <= got and r.pairs.locked.sum() == 3


@pytest.mark.parametrize("seed", [0, 1])
def test_a_coarse_first_round_on_a_tight_program_is_refined_to_the_tolerance_by_the_auction(seed):
    # most mentees want a topic few mentors hold, places for 0.9x the mentees: the coarse
    # first round misses the tolerance, the refinements reach it without handing over
    p = family("tight", 2000, seed=seed)
    r = _solve_with_auction(p, eps_share=8.0)
    t = r.totals
    assert t["rounds"] >= 2 and t["parts"] == ["auction"]
    assert t["stopped_by"] == "tolerance" and t["gap"] <= 0.01
    assert t["matched_certified_max"]
    check_flags(r)


def test_a_first_round_that_does_not_certify_the_number_matched_starts_again(monkeypatch):
    # the cover's mentors start only a tenth of the score scale below the cardinality scale:
    # on this tight program the first round's prices keep a mentee from the empty place that
    # would let one more be matched, and the auction starts again from a larger margin
    margins = []
    start = _pricing._Auction._start

    def spy(self, ys):
        margins.append(self.margin)
        return start(self, ys)

    monkeypatch.setattr(_pricing, "MARGIN", 0.1)
    monkeypatch.setattr(_pricing._Auction, "_start", spy)
    p = family("tight", 5000, seed=0)
    r = _solve_with_auction(p)
    t = r.totals
    assert margins == [0.1, 1.0]
    assert t["parts"] == ["auction"] and t["stopped_by"] == "tolerance" and t["gap"] <= 0.01
    assert t["matched_certified_max"]
    assert t["matched_slots"] == solve(p, W, method="exact").totals["matched_slots"]
    check_flags(r)


class _Gap:
    """What ``_plan`` reads of an incumbent."""

    def __init__(self, gap, certified=True, tolerance=0.01):
        self._gap, self._certified, self.tolerance = gap, certified, tolerance

    def gap(self):
        return self._gap

    def matched_max(self):
        return self._certified


@pytest.mark.parametrize("eps,gap", [(223, 0.0577), (234, 0.0527), (1000, 0.4), (50, 0.012)])
def test_the_refinements_aim_at_a_share_of_the_tolerance_by_steps_of_at_most_refine(eps, gap):
    plan = _pricing._plan(eps, _Gap(gap))
    steps = [eps, *plan]
    assert all(a > b >= 1 for a, b in zip(steps, steps[1:], strict=False))
    assert all(a / b <= _pricing.REFINE + 0.5 for a, b in zip(steps, steps[1:], strict=False))
    # the last slack gives 0.7 of the tolerance at the first round's gap per unit of slack
    assert plan[-1] == pytest.approx(eps * 0.7 * 0.01 / gap, rel=0.05, abs=1)


def test_without_a_certified_number_matched_the_refinements_divide_by_refine():
    assert _pricing._plan(223, _Gap(0.05, certified=False)) == []
    assert _pricing._plan(223, _Gap(0.011)) == [142]  # just above: one step to 0.7 of it
    assert _pricing._plan(223, _Gap(0.007)) == []  # within the tolerance: nothing to refine
