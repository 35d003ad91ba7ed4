"""Tandem's pure matching engine (numpy / scipy / OR-Tools / numba only, no Django).

Objective: first the maximum number of matched mentee slots, then the maximum total pair
score, under capacities on both sides and the hard rules (qualification, language,
availability, reporting line, earlier / forbidden pairs). Solved as a min-cost flow over a
sparse candidate graph grown by pricing rounds; large one-to-one programs are solved instead
by one auction over the whole graph of allowed pairs, compiled with numba (``_market``,
``totals["solver"]``). Mentor prices give a certified upper bound on the score
(``totals["bound_score"]``).
"""

from ._model import (
    ASSESSED,
    AVAIL_WORDS,
    CERTIFIED,
    ENDORSED,
    HIGH,
    LOW,
    MAX_PAIR_SCORE,
    MEDIUM,
    SELF_DECLARED,
    SLOTS_PER_DAY,
    SLOTS_PER_WEEK,
    Pairs,
    Problem,
    Reason,
    Result,
    Weights,
)
from ._solve import solve
from ._suggest import suggest
from ._unmatched import (
    MENTEE_CODES,
    MENTOR_CODES,
    explain_unmatched,
    explain_unmatched_mentee,
    explain_unmatched_mentor,
)

__all__ = [
    "ASSESSED",
    "AVAIL_WORDS",
    "CERTIFIED",
    "ENDORSED",
    "HIGH",
    "LOW",
    "MAX_PAIR_SCORE",
    "MEDIUM",
    "MENTEE_CODES",
    "MENTOR_CODES",
    "SELF_DECLARED",
    "SLOTS_PER_DAY",
    "SLOTS_PER_WEEK",
    "Pairs",
    "Problem",
    "Reason",
    "Result",
    "Weights",
    "explain_unmatched",
    "explain_unmatched_mentee",
    "explain_unmatched_mentor",
    "solve",
    "suggest",
]
