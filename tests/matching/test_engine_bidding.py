"""The auction's bids are worked out in parallel batches (``_bidding``): the answer must not
depend on the number of threads, and must still reach the tolerance."""

import numba
import numpy as np
import pytest

from bench.matching_data import generate
from bench.matching_families import generate as family
from tandem.matching.engine import solve

from .test_engine_properties import W, check_flags

THREADS = min(2, numba.config.NUMBA_NUM_THREADS)


@pytest.fixture
def threads():
    """numba's thread count, put back after the test."""
    before = numba.get_num_threads()
    yield numba.set_num_threads
    numba.set_num_threads(before)


@pytest.mark.skipif(THREADS < 2, reason="one thread only on this machine")
@pytest.mark.parametrize(("kind", "n"), [("base", 3000), ("tight", 2000), ("skewed", 2000)])
def test_one_thread_and_two_give_the_same_pairs_within_the_tolerance(threads, kind, n):
    p = generate(n, seed=11) if kind == "base" else family(kind, n, seed=1)
    results = []
    for count in (1, THREADS):
        threads(count)
        results.append(solve(p, W, method="auction"))
    one, two = results
    for a in ("mentee", "mentor", "score"):
        assert np.array_equal(getattr(one.pairs, a), getattr(two.pairs, a))
    assert one.totals["bound_score"] == two.totals["bound_score"]
    t = two.totals
    assert t["parts"] == ["auction"] and t["stopped_by"] == "tolerance"
    assert t["gap"] <= 0.01 and t["matched_certified_max"]
    check_flags(two)


def test_where_the_calls_stop_and_how_they_run_does_not_change_the_pairs(threads, monkeypatch):
    """``Pace`` picks, by the clock, one thread or all and how many bids a call makes: the
    batches, hence the bids, must not depend on it (forced here to odd choices)."""
    from tandem.matching.engine import _bidding

    p = family("tight", 2000, seed=0)
    threads(THREADS)
    plain = solve(p, W, method="auction")
    calls = iter(range(10**6))

    def odd(self):
        k = next(calls)
        return (1 if k % 2 else self.threads), 1 + (k * 7919) % 400

    monkeypatch.setattr(_bidding.Pace, "next", odd)
    forced = solve(p, W, method="auction")
    for a in ("mentee", "mentor", "score"):
        assert np.array_equal(getattr(plain.pairs, a), getattr(forced.pairs, a))
    assert plain.totals["bound_score"] == forced.totals["bound_score"]
    assert next(calls) > 20  # many short calls, both ways


def test_the_pace_times_both_ways_runs_the_faster_and_times_less_often_while_one_wins():
    from tandem.matching.engine._bidding import PROBE, Pace

    chunk = 50_000
    pace = Pace(2, chunk, every=4)

    def call(parts, most, us_per_bid):
        assert pace.next() == (parts, most)
        pace.note(parts, most, most * us_per_bid * 1e-6)

    call(1, PROBE, 2.0)  # both ways timed one after the other
    call(2, PROBE, 1.0)
    for _ in range(4):  # the threads were faster: they run, then both are timed again
        call(2, chunk, 1.0)
    call(1, PROBE, 1.0)
    call(2, PROBE, 9.0)  # the machine got busy: one thread, timed again twice as late
    for _ in range(8):
        call(1, chunk, 1.0)
    call(1, PROBE, 1.0)
    call(2, PROBE, 9.0)
    for _ in range(16):
        call(1, chunk, 1.0)
    assert Pace(1, chunk).next() == (1, chunk)  # one thread: never timed
