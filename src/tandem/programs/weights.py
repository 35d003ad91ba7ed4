"""A program's matching weights: one typed schema and the only defaults.

``Program.weights`` stores them as JSON; the set-up page, the API and the matching run all read
and write them through ``MatchingWeights``, and the matching engine's ``Weights`` takes the same
names and indexing as given, so a weight is added or its default changed here alone.

``priority`` is indexed by ``Priority`` (low, medium, high), ``level`` by competence level 0..4
(a qualified mentor is at level 1..4; level 0 keeps the index equal to the level), ``evidence``
by ``Evidence`` (self-declared, endorsed, assessed, certified). A covered need is worth priority
× level × evidence points (times the engine's scale); the bonuses are added once per pair.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

LOWEST, HIGHEST = 0, 1000
Weight = Annotated[int, Field(ge=LOWEST, le=HIGHEST)]


class MatchingWeights(BaseModel):
    """Every weight with its default; unknown keys and out-of-range numbers are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    priority: tuple[Weight, Weight, Weight] = (1, 2, 3)
    level: tuple[Weight, Weight, Weight, Weight, Weight] = (0, 1, 2, 3, 4)
    evidence: tuple[Weight, Weight, Weight, Weight] = (1, 2, 3, 4)
    other_department: Weight = 30
    other_site: Weight = 15
    other_organization: Weight = 10
    other_gender: Weight = 10
    other_generation: Weight = 10
    preference: Weight = 60
    unmatched_before: Weight = 40

    @classmethod
    def read(cls, stored: dict | None, **changes) -> MatchingWeights:
        """Stored JSON (a key not stored takes its default) with ``changes`` over it; raises
        pydantic's ``ValidationError`` when the result is not a valid set of weights."""
        if stored is not None and not isinstance(stored, dict):
            return cls.model_validate(stored)  # not a JSON object: refused
        return cls.model_validate({**(stored or {}), **changes})

    def stored(self) -> dict:
        """As ``Program.weights`` keeps them (JSON: lists, numbers)."""
        return self.model_dump(mode="json")


def problems(error: ValidationError) -> str:
    """A validation error in one line: "level.2: Input should be less than or equal to 1000"."""
    return "; ".join(
        ".".join(str(part) for part in e["loc"]) + f": {e['msg']}" for e in error.errors()
    )
