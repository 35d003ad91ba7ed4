"""One check of a given pair against every hard rule the engine applies (``check_pair``): each
rule named in plain words, and the check agrees with the engine's own problem on every pair."""

import datetime as dt
import itertools

import numpy as np
import pytest
from django.utils import translation

from tandem.matching.build.problem import build_problem
from tandem.matching.engine._prep import Prep
from tandem.matching.errors import MatchingError
from tandem.matching.explain.pair import explain_pair
from tandem.matching.explain.portable import stored_reasons
from tandem.matching.explain.shown import link_words
from tandem.matching.explain.words import Lexicon, pair_words
from tandem.matching.models import PairDecision
from tandem.matching.services.publish import publish_run
from tandem.matching.services.rules import HARD_CODES, check_pair, judge_pair
from tandem.matching.services.run import run_matching
from tandem.people.models import Evidence
from tandem.programs.models import Program, TrainingModule
from tests import factories as f
from tests.matching import helpers as h


def _texts(program, mentee, mentor, **kwargs) -> list[str]:
    return [b.text for b in check_pair(program, mentee, mentor, **kwargs)]


def test_a_pair_the_engine_could_propose_breaks_nothing(db):
    prog = h.program()
    assert check_pair(prog, h.mentee(prog), h.mentor(prog)) == []


@pytest.mark.parametrize(
    ("mentee", "mentor", "expected"),
    [
        ({"languages": ["de"]}, {"languages": ["fr"]}, "no common language"),
        (
            {"enrol": {"availability": ["mon 09:00-10:00"]}},
            {"enrol": {"availability": ["tue 09:00-10:00"]}},
            "no common free time for a meeting",
        ),
        ({"needs": [("cyber", 2)]}, {}, "the mentor is not qualified for Cybersecurity reflexes"),
        ({"needs": []}, {}, "the mentee has stated no learning need in this program's topics"),
    ],
)
def test_it_names_each_broken_rule_in_plain_words(db, mentee, mentor, expected):
    prog = h.program()
    assert _texts(prog, h.mentee(prog, **mentee), h.mentor(prog, **mentor)) == [expected]


def test_it_names_the_reporting_line_inside_the_organisation(db):
    prog = h.program()
    boss = h.mentee(prog, "Boss", manager=f.person("Chair"))
    report = h.mentor(prog, "Report", manager=f.person("Middle", manager=boss))
    assert _texts(prog, boss, report) == [
        "the mentee is above the mentor in their organisation's reporting line (2 levels)"
    ]
    colleague = h.mentor(prog, "Colleague", manager=boss.manager)
    assert _texts(prog, boss, colleague) == [
        "colleagues with the same manager in their organisation"
    ]


def test_it_names_the_evidence_and_the_training_the_program_requires(db):
    prog = h.program(min_evidence=Evidence.ASSESSED, require_training=True)
    prog.required_modules.set(TrainingModule.objects.all()[:1])
    mentee = h.mentee(prog)
    mentor = h.mentor(prog, skills=[("genai", 3, Evidence.ENDORSED)])
    assert _texts(prog, mentee, mentor) == [
        "the mentor has not completed the required training",
        "the mentor's evidence for Generative AI at work is below what the program requires "
        "(assessed)",
    ]
    with translation.override("fr"):
        words = _texts(prog, mentee, mentor)
    assert words[0] == "le mentor n'a pas suivi la formation requise"


def test_it_says_which_conflict_forbids_a_pair(db):
    prog = h.program()
    mentee, mentor = h.mentee(prog), h.mentor(prog)
    prog.enrolments.get(person=mentor).excluded.add(mentee)
    assert _texts(prog, mentee, mentor) == ["one of them asked not to be paired with the other"]
    PairDecision.objects.create(program=prog, mentee=mentee, mentor=mentor, kind="forbid")
    assert "a program manager forbade this pair" in _texts(prog, mentee, mentor)
    assert "a program manager forbade this pair" not in _texts(
        prog, mentee, mentor, ignore=("decided",)
    )


def test_it_names_an_earlier_pair_of_the_renewed_cohort(db, early_in_the_programs):
    old = h.program("cohort-2025", start=dt.date(2025, 1, 6))
    mentee, mentor = h.mentee(old), h.mentor(old)
    early_in_the_programs.move_to(dt.datetime(2025, 1, 7, 9, tzinfo=dt.UTC))
    publish_run(run_matching(old).run)
    early_in_the_programs.move_to(dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC))
    new = h.program("cohort-2026", renews=old)
    f.enrol(mentee, new, "mentee")
    f.enrol(mentor, new, "mentor")
    assert _texts(new, mentee, mentor) == ["already paired in an earlier cohort"]


def test_it_counts_capacity_and_that_cannot_be_overridden(db):
    prog = h.program()
    a, b = h.mentee(prog, "A"), h.mentee(prog, "B")
    x = h.mentor(prog, "X")
    PairDecision.objects.create(program=prog, mentee=a, mentor=x, kind="lock")
    (breach,) = check_pair(prog, b, x)
    assert breach.text == "X already has a locked mentee, their full capacity."
    assert not breach.overridable
    assert check_pair(prog, b, x, replacing=((a.pk, x.pk),)) == []


def test_it_refuses_people_not_enrolled_on_that_side(db):
    prog = h.program()
    a, x = h.mentee(prog), h.mentor(prog)
    with pytest.raises(MatchingError, match="is not an accepted mentor"):
        check_pair(prog, a, h.mentee(prog))
    with pytest.raises(MatchingError, match="cannot be paired with themselves"):
        check_pair(prog, x, x)


def _world():
    """A program with pairs that break each rule, and pairs that break none."""
    prog = h.program(format=Program.Format.ONE_TO_ONE)
    ceo = h.mentee(prog, "CEO", languages=["fr"], enrol={"availability": ["mon 09:00-12:00"]})
    mentees = [
        ceo,
        h.mentee(prog, "CFO", manager=ceo, needs=[("cyber", 2)]),
        h.mentee(prog, "Germanophone", languages=["de"]),
    ]
    mentors = [
        h.mentor(prog, "Analyst", manager=f.person("Head", manager=ceo)),
        h.mentor(prog, "Night owl", enrol={"availability": ["fri 22:00-01:00"]}),
        h.mentor(prog, "Cyber", skills=[("cyber", 3, 2), ("genai", 2, 1)], languages=["de"]),
        h.mentor(prog, "Lent", org=f.organization("Partner", kind="partner"), manager=ceo),
    ]
    prog.enrolments.get(person=mentors[1]).excluded.add(mentees[2])
    return prog, mentees, mentors


def test_it_agrees_with_the_engines_problem_on_every_pair(db):
    """The checker builds the engine's problem for the two people alone: it must allow exactly
    the pairs the whole program's problem allows (capacity aside)."""
    prog, mentees, mentors = _world()
    built = build_problem(prog)
    pr = Prep(built.problem, built.weights)
    for mentee, mentor in itertools.product(mentees, mentors):
        i, j = built.mentees.index([mentee.pk]), built.mentors.index([mentor.pk])
        allowed = bool((pr.qualified(i, j) & pr.feasible(i, j))[0])
        assert (check_pair(prog, mentee, mentor) == []) == allowed, (mentee, mentor)
    assert np.unique([len(check_pair(prog, a, b)) for a in mentees for b in mentors]).size > 1


def test_its_score_and_reasons_are_the_whole_programs(db):
    """``judge_pair`` (what a mentee's request and a manager's pair read) gives the score and
    the reasons the whole program's problem gives, worded in the reader's language."""
    prog, mentees, mentors = _world()
    built = build_problem(prog)
    lex = Lexicon(built.topics, built.start)
    scores = set()
    for mentee, mentor in itertools.product(mentees, mentors):
        i = int(built.mentees.index([mentee.pk])[0])
        j = int(built.mentors.index([mentor.pk])[0])
        reasons = explain_pair(built.problem, built.weights, i, j)
        judged = judge_pair(prog, mentee, mentor)
        assert judged.refusals == [b.text for b in check_pair(prog, mentee, mentor)]
        assert judged.score == next(r.data["score"] for r in reasons if r.code == "score")
        soft = stored_reasons(built, [r for r in reasons if r.code not in HARD_CODES], i)
        assert judged.reasons == soft and judged.words == pair_words(lex, soft)
        scores.add(judged.score)
    assert len(scores) > 2
    allowed = judge_pair(prog, mentees[2], mentors[2])
    assert allowed.refusals == [] and allowed.score > 0
    assert allowed.words == [
        "covers Generative AI at work (high priority) at level 2, endorsed",
        "speaks German",
    ]
    with translation.override("fr"):
        french = judge_pair(prog, mentees[2], mentors[2])
    assert french.reasons == allowed.reasons and french.words != allowed.words


def test_reasons_kept_from_a_judgement_read_in_each_readers_language(db):
    """A request keeps ``judge_pair(...).reasons`` (code and data); each reader reads them in
    their own language, and words kept as words before read as they were."""
    prog, mentees, mentors = _world()
    with translation.override("fr"):
        kept = judge_pair(prog, mentees[2], mentors[2]).reasons
    lex = Lexicon.load(prog.start)
    assert link_words(kept, lex) == judge_pair(prog, mentees[2], mentors[2]).words
    with translation.override("fr"):
        assert link_words(kept, lex)[-1] == "parle allemand"
    assert link_words(["an older run's words"], lex) == ["an older run's words"]
