"""Never worse than what it had, and the time budget: the engine keeps the best assignment
and the lowest certified bound any of its parts found, and a run that runs out of time
returns a feasible assignment with a true bound and says so (issue 17)."""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bench.matching_data import generate
from tandem.matching.engine import _solve, _whole, solve
from tandem.matching.engine._incumbent import Clock, Incumbent
from tandem.matching.engine._prep import prep

from .test_engine_properties import (
    W,
    brute_force,
    check_flags,
    check_result,
    naive_ok,
    part_alone,
    random_problem,
)


def _together(p, parts, tolerance, **kw):
    """The parts one after the other into one Incumbent, as ``solve`` chains them."""
    run = _solve._setup(p, W, 30, kw.get("max_rounds"))
    inc = Incumbent(run.B, tolerance, _solve._score_cap(run))
    _solve._empty(run, inc)
    for part in parts:
        _solve.PARTS[part](run, inc, Clock(None))
    return inc


# most random programs make the two parts agree (about 70 % are assumed away): that filtering
# is the test's design, not a bad strategy
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.integers(0, 2**31), st.integers(2, 8), st.integers(2, 8), st.booleans())
def test_the_better_answer_and_the_lower_bound_win_when_auction_and_flow_disagree(
    seed, n, m, skewed
):
    p, parent, sa, sb, outside = random_problem(seed, n, m, skewed=skewed)
    # each stopped early, so that they disagree: the auction at its first certificate (a
    # loose tolerance), the flow after one round
    a = part_alone(p, "auction", 0.5)
    f = part_alone(p, "flow", 0.5, max_rounds=1)
    assume((a.units, a.score) != (f.units, f.score) or a.bound != f.bound)
    both = _together(p, ["auction", "flow"], 0.5, max_rounds=1)
    best = max((a.units, a.score), (f.units, f.score))
    assert (both.units, both.score) == best
    assert both.bound == min(a.bound, f.bound)
    assert both.solver == ("auction" if (a.units, a.score) == best else "flow")
    # and each bound is true: at least the optimum's value
    ok = [[naive_ok(p, parent, sa, sb, outside, i, j) for j in range(m)] for i in range(n)]
    matched, score = brute_force(p, W, ok)
    assert both.score_bound() >= score and both.units <= matched


def test_a_worse_later_answer_never_replaces_a_better_one():
    p = generate(300, seed=3)
    exact = part_alone(p, "exact", 0)
    inc = _together(p, ["exact", "flow"], 0.5, max_rounds=1)
    assert (inc.units, inc.score) == (exact.units, exact.score) and inc.solver == "exact"
    assert inc.optimal() and inc.stopped_by() == "optimal"


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31), st.integers(1, 8), st.integers(1, 8), st.booleans())
def test_no_time_at_all_still_returns_a_feasible_assignment_and_a_true_bound(seed, n, m, skewed):
    p, parent, sa, sb, outside = random_problem(seed, n, m, skewed=skewed)
    r = solve(p, W, time_limit=0)
    check_result(p, parent, sa, sb, outside, r)
    check_flags(r)
    ok = [[naive_ok(p, parent, sa, sb, outside, i, j) for j in range(m)] for i in range(n)]
    matched, score = brute_force(p, W, ok)
    assert r.totals["bound_score"] >= score
    assert r.totals["time_limit"] == 0
    if matched:  # nothing was solved: the empty assignment, and the run says why
        assert r.totals["stopped_by"] == "time_limit" and r.totals["matched_slots"] == 0


def _runs_out_after(k):
    """Clock.out for a clock that runs out after ``k`` looks (no real time: the test does not
    race it)."""
    left = [k]

    def out(clock):
        left[0] -= 1
        return left[0] < 0

    return out


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 40), st.sampled_from(["exact", "auction", "flow"]), st.booleans())
def test_a_run_cut_short_returns_the_best_so_far_with_a_true_bound(ticks, method, tight):
    from bench.matching_families import generate as family

    p = family("tight", 400, seed=1) if tight else generate(400, seed=7)
    optimum = solve(p, W, method="exact", gap_tolerance=0).totals
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Clock, "out", _runs_out_after(ticks))
        r = solve(p, W, method=method, gap_tolerance=0, time_limit=60)
    t = r.totals
    check_flags(r)
    pr = prep(p, W)
    assert pr.feasible(r.pairs.mentee, r.pairs.mentor).all()
    assert pr.qualified(r.pairs.mentee, r.pairs.mentor).all()
    assert (np.bincount(r.pairs.mentor, minlength=p.m) <= p.mentor_capacity).all()
    assert (np.bincount(r.pairs.mentee, minlength=p.n) <= 1).all()
    assert t["bound_score"] >= optimum["score"]
    assert (t["matched_slots"], t["score"]) <= (optimum["matched_slots"], optimum["score"])
    if t["stopped_by"] != "time_limit":
        assert t["stopped_by"] == "optimal" and t["score"] == optimum["score"]


def test_stopped_by_says_tolerance_when_the_gap_is_within_it():
    p = generate(2000, seed=9)
    r = solve(p, W, method="auction", gap_tolerance=0.05)
    assert r.totals["stopped_by"] == "tolerance" and 0 < r.totals["gap"] <= 0.05
    check_flags(r, 0.05)
    r = solve(p, W)
    assert r.totals["stopped_by"] == "optimal" and r.totals["solver"] == "exact"
    check_flags(r, _solve.TOLERANCE)


def test_the_choice_estimates_the_whole_graph_and_lists_it_only_when_it_may_be_small():
    p = generate(3000, seed=3)
    run = _solve._setup(p, W, 30, None)
    listed = len(_whole.allowed_pairs(run.pr, run.cap_a, run.live)[0])
    guess = _whole.estimate_allowed(run.pr, run.cap_a, run.live)
    assert abs(guess - listed) <= 0.1 * listed  # a sample of 2,048 of the 3,000 mentees
    run.choice = _solve.Choice(exact_arcs=listed // 2)  # clearly too many: not listed
    assert _solve._by_size(run, Clock(None)) == "auction"
    assert "whole_arcs" not in run.stats and run.stats["whole_arcs_estimate"] == guess
    run.choice = _solve.Choice(exact_arcs=listed)  # may fit: listed, and it fits
    assert _solve._by_size(run, Clock(None)) == "exact"
    assert run.stats["whole_arcs"] == listed
    assert solve(p, W, exact_arcs=listed // 2).totals["solver"] == "auction"
