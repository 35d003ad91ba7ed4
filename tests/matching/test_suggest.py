"""Suggestions for one person: best available partners with reasons; choosing one locks it."""

import pytest

from tandem.matching.errors import MatchingError
from tandem.matching.models import PairDecision
from tandem.matching.services.publish import publish_run
from tandem.matching.services.run import run_matching
from tandem.matching.services.suggestions import choose_suggestion, suggest
from tests import factories as f
from tests.matching import helpers as h


@pytest.fixture
def prog(db):
    return h.program()


def test_it_ranks_qualified_partners_with_reasons(prog):
    senior = h.mentee(prog, "Senior", department="Finance")
    strong = h.mentor(prog, "Strong", skills=[("genai", 4, 3)], department="Digital")
    weak = h.mentor(prog, "Weak", skills=[("genai", 1, 0)], department="Digital")
    h.mentor(prog, "Off topic", skills=[("cyber", 4, 3)])
    h.mentor(prog, "Own report", manager=senior)
    found = suggest(prog, senior)
    assert found.role == "mentee"
    assert [s.person_id for s in found.suggestions] == [strong.pk, weak.pk]
    assert found.suggestions[0].score > found.suggestions[1].score
    assert found.suggestions[0].reasons[0].startswith("covers Generative AI at work")
    assert "other department" in found.suggestions[0].reasons


def test_it_suggests_mentees_to_a_mentor(prog):
    mentee = h.mentee(prog)
    mentor = h.mentor(prog)
    found = suggest(prog, mentor)
    assert found.role == "mentor" and [s.person_id for s in found.suggestions] == [mentee.pk]


def test_it_leaves_out_partners_already_full(prog):
    a = h.mentee(prog, "A")
    h.mentor(prog, "X")
    publish_run(run_matching(prog).run)
    late = h.mentee(prog, "Late")
    assert suggest(prog, late).suggestions == []
    assert len(suggest(prog, a).suggestions) == 0


def test_it_locks_the_chosen_partner_for_the_next_run(prog):
    senior = h.mentee(prog)
    h.mentor(prog, skills=[("genai", 4, 3)])
    chosen = h.mentor(prog, skills=[("genai", 1, 0)])
    decision = choose_suggestion(prog, senior, chosen)
    assert (decision.mentee, decision.mentor, decision.kind) == (senior, chosen, "lock")
    (proposal,) = run_matching(prog).proposals
    assert [m.person_id for m in proposal.mentors] == [chosen.pk] and proposal.locked
    assert PairDecision.objects.count() == 1


def test_it_refuses_someone_not_enrolled(prog):
    with pytest.raises(MatchingError, match="no accepted enrolment"):
        suggest(prog, f.person("Stranger"))


def test_it_suggests_nobody_when_the_other_side_is_empty(prog):
    senior = h.mentee(prog)
    assert suggest(prog, senior).suggestions == []
