"""A manager's lock, forbid and swap decisions, and re-runs that respect them."""

import pytest

from tandem.accounts.models import AuditEvent
from tandem.matching.errors import MatchingError
from tandem.matching.models import PairDecision
from tandem.matching.services.decisions import (
    clear_decision,
    forbid_pair,
    lock_pair,
    swap_pairs,
)
from tandem.matching.services.run import run_matching
from tests.matching import helpers as h


def _pairs(outcome) -> set[tuple[int, int]]:
    return {(p.mentees[0].person_id, p.mentors[0].person_id) for p in outcome.proposals}


@pytest.fixture
def four(db):
    """Two mentees, two mentors: A fits X best, B fits Y best."""
    prog = h.program(topics=("genai", "cyber"))
    a = h.mentee(prog, "A", needs=[("genai", 2)])
    b = h.mentee(prog, "B", needs=[("cyber", 2)])
    x = h.mentor(prog, "X", skills=[("genai", 4, 3), ("cyber", 1, 0)])
    y = h.mentor(prog, "Y", skills=[("cyber", 4, 3), ("genai", 1, 0)])
    return prog, a, b, x, y


def test_it_keeps_a_locked_pair_when_running_again(four):
    prog, a, b, x, y = four
    assert _pairs(run_matching(prog)) == {(a.pk, x.pk), (b.pk, y.pk)}
    lock_pair(prog, a, y)
    outcome = run_matching(prog)
    assert _pairs(outcome) == {(a.pk, y.pk), (b.pk, x.pk)}
    locked = next(p for p in outcome.proposals if p.mentees[0].person_id == a.pk)
    assert locked.locked and "locked by a program manager" in locked.reasons


def test_it_never_proposes_a_forbidden_pair(four):
    prog, a, b, x, y = four
    forbid_pair(prog, a, x)
    assert (a.pk, x.pk) not in _pairs(run_matching(prog))
    assert _pairs(run_matching(prog)) == {(a.pk, y.pk), (b.pk, x.pk)}


def test_it_swaps_two_pairs_and_keeps_the_swap(four):
    prog, a, b, x, y = four
    swap_pairs(prog, (a, x), (b, y))
    assert set(PairDecision.objects.values_list("mentee", "mentor", "kind")) == {
        (a.pk, y.pk, "lock"),
        (b.pk, x.pk, "lock"),
    }
    assert _pairs(run_matching(prog)) == {(a.pk, y.pk), (b.pk, x.pk)}


def test_it_replaces_a_decision_and_can_clear_it(four):
    prog, a, b, x, y = four
    lock_pair(prog, a, x)
    forbid_pair(prog, a, x)
    assert PairDecision.objects.get().kind == "forbid"
    assert clear_decision(prog, a, x)
    assert not PairDecision.objects.exists()
    assert AuditEvent.objects.filter(action="matching.forbid").exists()


def test_it_refuses_a_lock_beyond_the_mentors_capacity(four):
    prog, a, b, x, y = four
    lock_pair(prog, a, x)
    with pytest.raises(MatchingError, match="X already has a locked mentee, their full"):
        lock_pair(prog, b, x)
    prog.enrolments.filter(person=x).update(capacity=2)
    lock_pair(prog, h.mentee(prog, "C", needs=[("genai", 2)]), x)
    with pytest.raises(MatchingError, match="X already has 2 locked mentees, their full"):
        lock_pair(prog, b, x)


def test_it_refuses_people_not_enrolled_on_that_side(four):
    prog, a, b, x, y = four
    with pytest.raises(MatchingError, match="is not an accepted mentor"):
        lock_pair(prog, a, b)
