"""The hand-built program of the insights tests (see ``test_metrics`` for the hand
computations): five pairs of the cast's program, three active and two completed."""

import pytest

from tandem.insights.models import Moment
from tandem.mentorships.models import Meeting, Mentorship
from tests.insights import builders as b

A, C = Mentorship.Status.ACTIVE, Mentorship.Status.COMPLETED
B, F = Moment.BASELINE, Moment.FINAL

LEVEL_BEFORE = [1, 2, 2, 1, 3]
LEVEL_AFTER = [3, 3, 2, 2, 4]
TOOLS_BEFORE = [0, 1, 1, 1, 0]
TOOLS_AFTER = [2, 3, 1, 2, 3]
PERCEPTION_BEFORE = [2, 3, 3, 4, 2]
PERCEPTION_AFTER = [4, 4, 3, 5, 4]
SATISFACTION = {"mentee": [5, 4, 4, 2, 5], "mentor": [5, 5, 4, 4, 3]}
NPS = {"mentee": [10, 9, 8, 6, 3], "mentor": [10, 10, 9, 7, 5]}


def answer_mentees(pairs, count):
    """The first ``count`` mentees' paired answers."""
    for i, m in enumerate(pairs[:count]):
        b.answer(m, "mentee", B, "level", LEVEL_BEFORE[i], "genai")
        b.answer(m, "mentee", F, "level", LEVEL_AFTER[i], "genai")
        b.answer(m, "mentee", B, "tools", TOOLS_BEFORE[i], "genai")
        b.answer(m, "mentee", F, "tools", TOOLS_AFTER[i], "genai")
        b.answer(m, "mentee", B, "perception-1", PERCEPTION_BEFORE[i])
        b.answer(m, "mentee", F, "perception-1", PERCEPTION_AFTER[i])
        b.answer(m, "mentee", F, "satisfaction", SATISFACTION["mentee"][i])
        b.answer(m, "mentee", F, "nps", NPS["mentee"][i])


@pytest.fixture
def built(cast):
    """Per pair: 3 held (2 logs, the mentor learned something in the first of pairs 0–2 and
    both of pair 3, the second of pair 4 → 6 of 10), 1 missed, 1 planned, 1 cancelled."""
    pairs = b.pairs(cast.program, 5, [A, A, A, C, C])
    learned = [("yes", ""), ("yes", ""), ("yes", ""), ("yes", "yes"), ("", "yes")]
    for m, (first, second) in zip(pairs, learned, strict=True):
        b.meeting(m, Meeting.Status.HELD, 10, first)
        b.meeting(m, Meeting.Status.HELD, 40, second)
        b.meeting(m, Meeting.Status.HELD, 70)
        b.meeting(m, Meeting.Status.MISSED, 100)
        b.meeting(m, Meeting.Status.PLANNED, 130)
        b.meeting(m, Meeting.Status.CANCELLED, 160)
    for i, m in enumerate(pairs):
        b.answer(m, "mentor", F, "satisfaction", SATISFACTION["mentor"][i])
        b.answer(m, "mentor", F, "nps", NPS["mentor"][i])
    return pairs
