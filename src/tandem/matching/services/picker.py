"""The mentors a manager may pick for one mentee of a run: those the hard rules allow, best
score first, each with why (the engine's reasons, in words), and where they are in the run
(free, or proposed with another mentee — a swap); and, for a name searched, why a mentor is
not allowed. Built with the run's rules (``build_problem``) and words (``explain.words``), so the
picker never offers a pair the engine would refuse. Choosing goes through the decisions
services (``lock_pair``, ``swap_pairs``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tandem.matching.build.problem import Built, build_problem
from tandem.matching.engine import suggest as engine_suggest
from tandem.matching.errors import MatchingError
from tandem.matching.explain.pair import HARD_CODES, explain_pair
from tandem.matching.explain.portable import stored_reasons
from tandem.matching.explain.words import Lexicon, batch, pair_words
from tandem.matching.models import MatchingRun, PairDecision, ProposalMember, Role
from tandem.matching.services.decisions import lock_pair, one_to_one, swap_pairs
from tandem.people.models import Person
from tandem.programs.models import Program

SHOWN = 10


@dataclass
class Candidate:
    person_id: int
    full_name: str
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    why_not: list[str] = field(default_factory=list)
    proposal_id: int | None = None  # the proposal of this run they are in, if any
    partner: str = ""  # the mentee of that proposal
    current: bool = False  # already proposed with this mentee

    @property
    def allowed(self) -> bool:
        return not self.why_not


@dataclass
class Picker:
    mentee: Person
    proposal_id: int
    allowed: list[Candidate]
    refused: list[Candidate]
    allowed_count: int
    mentor_count: int


def _placements(run: MatchingRun) -> dict[int, tuple[int, str]]:
    """mentor person id → (proposal id, its mentees' names) in this run: one query."""
    rows = ProposalMember.objects.filter(proposal__run=run).values_list(
        "proposal_id", "person_id", "role", "person__full_name"
    )
    mentees: dict[int, list[str]] = {}
    mentors: dict[int, int] = {}
    for proposal_id, person_id, role, name in rows:
        if role == Role.MENTEE:
            mentees.setdefault(proposal_id, []).append(name)
        else:
            mentors[person_id] = proposal_id
    return {
        pk: (proposal, ", ".join(mentees.get(proposal, []))) for pk, proposal in mentors.items()
    }


def _words(built: Built, i: int, j: int) -> tuple[list[str], list[str]]:
    """(reasons, why not) of the pair (mentee i, mentor j), in the active language."""
    reasons = explain_pair(built.problem, built.weights, i, j)
    bad = [r for r in reasons if r.code in HARD_CODES]
    good = [r for r in reasons if r.code not in HARD_CODES]
    lex = Lexicon(built.topics, built.start)
    return (
        pair_words(lex, stored_reasons(built, good, i)),
        pair_words(lex, stored_reasons(built, bad, i)),
    )


def pick(run: MatchingRun, proposal_id: int, mentee: Person, query: str = "") -> Picker:
    """The picker of ``mentee`` (of proposal ``proposal_id``): the best allowed mentors, or
    those whose name contains ``query`` with why they are (not) allowed."""
    built = build_problem(run.program)
    i = int(built.mentees.index([mentee.pk])[0])
    if i < 0:
        raise MatchingError(
            _("%(name)s is no longer an accepted mentee of this program.")
            % {"name": mentee.full_name}
        )
    ranked = engine_suggest(
        built.problem, built.weights, i, side="mentee", k=len(built.mentors.ids), exclude_full=False
    )
    scores = dict(ranked)
    placed = _placements(run)
    text = query.strip().casefold()
    names = built.mentors.names
    if text:
        chosen = [j for j in range(len(names)) if text in names[j].casefold()][: SHOWN * 2]
    else:
        chosen = [j for j, _score in ranked[:SHOWN]]
    allowed, refused = [], []
    with batch():
        for j in chosen:
            reasons, why_not = _words(built, i, j)
            if j not in scores and not why_not:
                why_not = [_("already locked with this mentee or at full capacity")]
            person_id = int(built.mentors.ids[j])
            proposal, partner = placed.get(person_id, (None, ""))
            candidate = Candidate(
                person_id=person_id,
                full_name=names[j],
                score=scores.get(j, 0),
                reasons=reasons,
                why_not=why_not,
                proposal_id=proposal,
                partner=partner,
                current=proposal == proposal_id,
            )
            (allowed if candidate.allowed else refused).append(candidate)
    allowed.sort(key=lambda c: (-c.score, c.full_name))
    return Picker(mentee, proposal_id, allowed, refused, len(ranked), len(names))


def choose(
    program: Program,
    run: MatchingRun,
    mentee: Person,
    mentor: Person,
    action: str,
    *,
    actor,
    justification: str | None = None,
):
    """Apply a pick: ``lock`` keeps (mentee, mentor) for the next run; ``swap`` exchanges
    mentors with the proposal the mentor is in (both new pairs locked). Returns the
    decisions made. The hard rules are the decisions services' to enforce: a breach is
    refused unless ``justification`` overrides it."""
    if action == "lock":
        return [lock_pair(program, mentee, mentor, actor=actor, justification=justification)]
    if action != "swap":
        raise MatchingError(_("Unknown action."))
    placed = _placements(run)
    own = _proposal_of(run, mentee)
    theirs = placed.get(mentor.pk, (None, ""))[0]
    if own is None or theirs is None or own == theirs:
        raise MatchingError(
            _("%(name)s is not the mentor of another pair of this run: lock instead.")
            % {"name": mentor.full_name}
        )
    first = _one_to_one(own)
    second = _one_to_one(theirs)
    if first is None or second is None:
        raise MatchingError(_("Only the mentors of two one-to-one proposals can be swapped."))
    return swap_pairs(program, first, second, actor=actor, justification=justification)


def _proposal_of(run: MatchingRun, mentee: Person) -> int | None:
    return (
        ProposalMember.objects.filter(proposal__run=run, person=mentee, role=Role.MENTEE)
        .values_list("proposal_id", flat=True)
        .first()
    )


def _one_to_one(proposal_id: int) -> tuple[Person, Person] | None:
    members = list(ProposalMember.objects.filter(proposal_id=proposal_id).select_related("person"))
    return one_to_one(members)


def locked_with(program: Program, mentee_ids) -> dict[int, list[str]]:
    """mentee id → names of the mentors locked with them for the next run (one query)."""
    rows = PairDecision.objects.filter(
        program=program, kind=PairDecision.Kind.LOCK, mentee_id__in=list(mentee_ids)
    ).values_list("mentee_id", "mentor__full_name")
    out: dict[int, list[str]] = {}
    for mentee_id, name in rows:
        out.setdefault(mentee_id, []).append(name)
    return out
