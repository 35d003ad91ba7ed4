"""The cover (``_cover``: the most mentees that can be matched, and its Koenig proof) and what
it and the auction read (the group lists of ``_candidates``, the day parts of ``_rules``) on
programs of the benchmark families, too large for brute force: checked against scipy's
maximum bipartite matching over every pair the numpy rules of ``Prep`` allow, against plain
set intersections and against the slots one by one."""

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from bench.matching_data import generate
from bench.matching_families import generate as family
from tandem.matching.engine._candidates import _group_lists
from tandem.matching.engine._cover import cover
from tandem.matching.engine._model import SLOTS_PER_WEEK
from tandem.matching.engine._prep import pack_slots, prep, unique_rows
from tandem.matching.engine._rules import day_parts

from .test_engine_properties import W


def _allowed(pr, cap_b):
    """Every allowed pair (mentee, mentor) with a place, by the numpy rules."""
    ii, jj = np.meshgrid(np.arange(pr.n), np.flatnonzero(cap_b > 0), indexing="ij")
    ii, jj = ii.ravel(), jj.ravel()
    keep = pr.qualified(ii, jj)
    ii, jj = ii[keep], jj[keep]
    keep = pr.feasible(ii, jj)
    return ii[keep], jj[keep]


def _maximum(n, cap_b, ii, jj) -> int:
    """scipy's maximum matching with each mentor's places as separate columns."""
    first = np.r_[0, np.cumsum(cap_b)]
    reps = cap_b[jj]
    rows = np.repeat(ii, reps)
    cols = (
        np.repeat(first[jj], reps) + np.arange(len(rows)) - np.repeat(np.cumsum(reps) - reps, reps)
    )
    g = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, int(first[-1])))
    return int((maximum_bipartite_matching(g, perm_type="column") >= 0).sum())


def _program(kind: str, n: int):
    # base: too few mentors (many mentees stay out)
    p = generate(n, n // 3, seed=3) if kind == "base" else family(kind, n, seed=1)
    cap_b = p.mentor_capacity.copy()
    cap_b[::5] = 0  # some mentors already full (places taken by locked pairs)
    return p, cap_b


@pytest.mark.parametrize(("kind", "n"), [("base", 900), ("skewed", 700), ("tight", 1500)])
def test_the_cover_is_a_maximum_matching_and_its_proof_on_the_families(kind, n):
    p, cap_b = _program(kind, n)
    pr = prep(p, W)
    mate, ys, xs, exact = cover(pr, p.mentee_capacity.copy(), cap_b.copy())
    ii, jj = _allowed(pr, cap_b)
    assert exact
    best = _maximum(pr.n, cap_b, ii, jj)
    assert int((mate >= 0).sum()) == best
    # every pair it made is allowed, no mentor above its places
    made = np.flatnonzero(mate >= 0) * pr.m + mate[mate >= 0]
    assert np.isin(made, ii * pr.m + jj).all()
    assert (np.bincount(mate[mate >= 0], minlength=pr.m) <= cap_b).all()
    # Koenig: the mentees not reached and the places of the mentors reached cover every
    # allowed pair, and there are as many as pairs matched
    assert not (xs[ii] & ~ys[jj]).any()
    assert int((~xs).sum()) + int(cap_b[ys].sum()) == best
    if kind == "tight":
        assert best < pr.n  # the scarce topic leaves mentees out: the proof is needed


@pytest.mark.parametrize("kind", ["base", "tight"])
def test_group_lists_hold_the_mentors_qualified_in_all_their_topics(kind):
    p, cap_b = _program(kind, 400)
    pr = prep(p, W)
    live = cap_b > 0
    rows = [np.sort(pr.NT[i][pr.NT[i] < pr.nt])[:3] for i in range(pr.n)]
    rows += [np.sort(pr.NT[i][pr.NT[i] < pr.nt])[:1] for i in range(pr.n)]
    groups = np.full((len(rows), 7), -1, dtype=np.int64)
    for r, ts in enumerate(rows):
        groups[r, : len(ts)] = ts
    groups, _ = unique_rows(groups)
    lm, gid = _group_lists(pr, groups, live)
    for g, row in enumerate(groups):
        want = set(range(pr.m))
        for t in row[:3][row[:3] >= 0]:
            want &= {int(j) for j in np.flatnonzero(pr.Q[:, t] & live)}
        got = lm[gid == g]
        assert list(got) == sorted(want)


@pytest.mark.parametrize("density", [0.0, 0.003, 0.05, 0.5])
def test_day_parts_are_the_three_hour_parts_with_a_free_slot(density):
    # parts of 6 slots straddle the 64-bit words (slots 60-65, 126-131, ...)
    rng = np.random.default_rng(7)
    slots = rng.random((300, SLOTS_PER_WEEK)) < density
    slots[0, 60:66] = [False, False, False, False, True, False]  # only in the next word
    given = rng.random(300) < 0.9
    given[0] = True
    got = day_parts(pack_slots(slots), given)
    for r in range(300):
        want = sum(1 << k for k in range(SLOTS_PER_WEEK // 6) if slots[r, 6 * k : 6 * k + 6].any())
        if not given[r]:
            want = -1
        elif want == 0:
            want = -(2**63)
        assert int(got[r]) == want
