"""One weights vocabulary: programs store, the set-up form and the API check, and the matching
engine receive the same typed weights (``programs.weights.MatchingWeights``)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from tandem.matching.build.problem import weights_for
from tandem.matching.errors import MatchingError
from tandem.programs.models import Program
from tandem.programs.weights import HIGHEST, MatchingWeights

# What programs stored before the schema (the old ``DEFAULT_WEIGHTS``), one level per 0..4.
STORED = {
    "priority": [1, 2, 3],
    "level": [0, 1, 2, 3, 4],
    "evidence": [1, 2, 3, 4],
    "other_department": 30,
    "other_site": 15,
    "other_organization": 10,
    "other_gender": 10,
    "other_generation": 10,
    "preference": 60,
    "unmatched_before": 40,
}
number = st.integers(0, HIGHEST)
weights = st.fixed_dictionaries(
    {},
    optional={
        "priority": st.lists(number, min_size=3, max_size=3),
        "level": st.lists(number, min_size=5, max_size=5),
        "evidence": st.lists(number, min_size=4, max_size=4),
        **{key: number for key in STORED if not isinstance(STORED[key], list)},
    },
)


def test_the_stored_json_of_existing_programs_reads_the_same():
    assert MatchingWeights.read(STORED).stored() == STORED
    assert MatchingWeights().stored() == STORED
    assert MatchingWeights.read({"other_site": 5}).stored() == {**STORED, "other_site": 5}


@given(weights)
def test_any_valid_stored_weights_keep_their_values_and_the_rest_their_defaults(stored):
    assert MatchingWeights.read(stored).stored() == {**STORED, **stored}


@pytest.mark.parametrize(
    "stored",
    [
        {"priority": "nonsense"},
        {"level": [1, 2, 3, 4]},  # one number per level 0..4
        {"other_site": HIGHEST + 1},
        {"preference": -1},
        {"scale": 20},  # the engine's unit, not a program's weight
        ["not", "an", "object"],
    ],
)
def test_invalid_stored_weights_are_refused(stored):
    with pytest.raises(ValidationError):
        MatchingWeights.read(stored)


def test_the_engine_receives_the_programs_weights_as_stored(db, cast):
    program = cast.program
    program.weights = {**STORED, "level": [0, 5, 6, 7, 8], "preference": 75}
    program.save()
    weights = weights_for(program)
    assert weights.level == (0, 5, 6, 7, 8) and weights.priority == (1, 2, 3)
    assert (weights.preference, weights.other_site, weights.scale) == (75, 15, 10)
    Program.objects.filter(pk=program.pk).update(weights={"level": [0, 1]})
    program.refresh_from_db()
    with pytest.raises(MatchingError, match="not valid"):
        weights_for(program)
