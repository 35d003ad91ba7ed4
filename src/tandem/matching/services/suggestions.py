"""Suggestions for one person: their best available partners, with the run's rules and words.

Useful for a late enrolment or a replacement after a decline: the manager (or the person)
picks one, and the choice becomes a locked pair that the next run keeps.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _

from tandem.matching.build.problem import Built, build_problem
from tandem.matching.engine import suggest as engine_suggest
from tandem.matching.errors import MatchingError
from tandem.matching.explain.pair import explain_pair
from tandem.matching.explain.portable import stored_reasons
from tandem.matching.explain.words import Lexicon, pair_words
from tandem.matching.models import MatchingRun, PairDecision, ProposalMember, Role
from tandem.matching.services import rules
from tandem.matching.services.decisions import lock_pair
from tandem.people.models import Person
from tandem.programs.models import Program


@dataclass
class Suggestion:
    person_id: int
    employee_id: str
    full_name: str
    score: int
    reasons: list[str]


@dataclass
class Suggestions:
    role: str
    suggestions: list[Suggestion]


def _published_pairs(program: Program) -> list[tuple[int, int]]:
    """(mentee, mentor) person pairs of the program's latest published run."""
    run_id = (
        MatchingRun.objects.filter(program=program, status=MatchingRun.Status.PUBLISHED)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    if run_id is None:
        return []
    groups: dict[int, dict[str, list[int]]] = {}
    rows = ProposalMember.objects.filter(proposal__run_id=run_id).values_list(
        "proposal_id", "person_id", "role"
    )
    for proposal_id, person_id, role in rows:
        groups.setdefault(proposal_id, {Role.MENTEE: [], Role.MENTOR: []})[role].append(person_id)
    return [(a, b) for g in groups.values() for a in g[Role.MENTEE] for b in g[Role.MENTOR]]


def _with_published_as_locked(program: Program, built: Built) -> Built:
    """Partners already paired by the published run have that much less room."""
    pairs = np.array(_published_pairs(program), dtype=np.int64).reshape(-1, 2)
    if not len(pairs):
        return built
    idx = np.stack([built.mentees.index(pairs[:, 0]), built.mentors.index(pairs[:, 1])], axis=1)
    idx = idx[(idx >= 0).all(axis=1)]
    locked = np.unique(np.concatenate([built.problem.locked_pairs, idx]), axis=0)
    return dataclasses.replace(
        built, problem=dataclasses.replace(built.problem, locked_pairs=locked)
    )


def _role(program: Program, built: Built, person: Person, role: str | None) -> str:
    on = [
        r
        for r, side in ((Role.MENTEE, built.mentees), (Role.MENTOR, built.mentors))
        if side.index([person.pk])[0] >= 0
    ]
    if role is not None and role in on:
        return role
    if not on or role is not None:
        raise MatchingError(
            _("%(name)s (%(id)s) has no accepted enrolment in program %(program)s.")
            % {"name": person.full_name, "id": person.employee_id, "program": program.slug}
        )
    return on[0]


def suggest(
    program: Program, person: Person, k: int = 5, *, role: str | None = None
) -> Suggestions:
    """The ``k`` best partners for ``person``, best first, with why."""
    built = _with_published_as_locked(program, build_problem(program))
    role = _role(program, built, person, role)
    own, other = (
        (built.mentees, built.mentors) if role == Role.MENTEE else (built.mentors, built.mentees)
    )
    i = int(own.index([person.pk])[0])
    out: list[Suggestion] = []
    if not len(other.ids):
        return Suggestions(role=str(role), suggestions=out)
    lex = Lexicon(built.topics, built.start)
    for j, score in engine_suggest(built.problem, built.weights, i, side=str(role), k=k):
        mentee, mentor = (i, j) if role == Role.MENTEE else (j, i)
        reasons = stored_reasons(
            built, explain_pair(built.problem, built.weights, mentee, mentor), mentee
        )
        out.append(
            Suggestion(
                person_id=int(other.ids[j]),
                employee_id=other.employee_ids[j],
                full_name=other.names[j],
                score=int(score),
                reasons=pair_words(lex, reasons),
            )
        )
    return Suggestions(role=str(role), suggestions=out)


@dataclass
class PairCheck:
    """One mentee-mentor pair judged as a matching run would: the broken hard rules (in
    words, empty when the pair is allowed), its score and why (in words, and ``stored`` as
    code and data to be worded again for each reader)."""

    refusals: list[str]
    score: int
    reasons: list[str]
    stored: list[dict] = dataclasses.field(default_factory=list)


def check_pair(program: Program, mentee: Person, mentor: Person) -> PairCheck:
    """The engine's rules for one pair (qualification, training, language, common free time,
    reporting line, earlier and forbidden pairs) through the one judgement that lock, swap and
    a manager's pair use, worded in the active language; then its score and why. Capacity is
    the caller's to check against the current pairs."""
    try:
        judged = rules.judge_pair(program, mentee, mentor, capacity=False)
    except MatchingError as error:
        return PairCheck([str(error)], 0, [])
    if judged.breaches:
        return PairCheck(judged.refusals, 0, [])
    return PairCheck([], judged.score, judged.words, judged.reasons)


def choose_suggestion(
    program: Program, person: Person, partner: Person, *, actor=None
) -> PairDecision:
    """Keep ``partner`` for ``person``: a locked pair the next run proposes as it is."""
    mentee_first = program.enrolments.filter(person=person, role=Role.MENTEE).exists()
    if mentee_first and program.enrolments.filter(person=partner, role=Role.MENTOR).exists():
        return lock_pair(program, person, partner, actor=actor)
    return lock_pair(program, partner, person, actor=actor)
