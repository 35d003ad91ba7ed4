"""Matching API: start a run (dry or kept), read its proposals with their scores and reasons
and everyone left unmatched with the reason, lock or forbid pairs, publish.

The program's managers only (``programs.permissions`` and ``matching.permissions``, as on the
web pages); the work is ``matching.services``.
"""

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tandem.accounts.apikit import Page, answers
from tandem.accounts.schemas import InputSchema
from tandem.matching.explain.shown import reasons_of, unmatched_reasons, warnings_of
from tandem.matching.explain.words import Lexicon
from tandem.matching.models import MatchingRun, PairDecision, Proposal, ProposalMember, Role
from tandem.matching.permissions import get_run_for
from tandem.matching.services.decisions import (
    MAX_JUSTIFICATION,
    RuleBroken,
    clear_decision,
    decide,
    swap_pairs,
)
from tandem.matching.services.publish import publish_run
from tandem.matching.services.run import RunOutcome, run_matching
from tandem.people.models import Person
from tandem.programs.permissions import get_managed_program_for

router = Router(tags=["matching"])


class MemberOut(Schema):
    person_id: int
    employee_id: str
    full_name: str


class ProposalOut(Schema):
    id: int | None = None
    mentees: list[MemberOut]
    mentors: list[MemberOut]
    score: int
    locked: bool
    reasons: list[str] = Field(..., description="Why, in the reader's language.")
    warnings: list[str] = Field(
        [], description="A manager paired them against the rules: which, and why."
    )


class UnmatchedOut(Schema):
    person: MemberOut
    role: str
    code: str
    reasons: list[str]


class RunSummaryOut(Schema):
    id: int | None
    program_id: int
    status: str
    dry_run: bool
    created_at: dt.datetime | None
    published_at: dt.datetime | None
    totals: dict[str, Any]


class PublishOut(RunSummaryOut):
    new_pairs: int = Field(..., description="Mentorships created and proposed to their people.")
    already_going: int = Field(..., description="Proposals repeating pairs already going.")
    emails: int = Field(..., description="Proposal emails sent to the people.")
    program_status: str = Field(..., description="running, or scheduled until its start date.")
    message: str = Field(..., description="What publishing did, in plain words.")


class RunOut(RunSummaryOut):
    proposals: list[ProposalOut]
    unmatched: list[UnmatchedOut]


class RunIn(InputSchema):
    dry_run: bool = Field(False, description="Compute and return the proposals, keep nothing.")


JUSTIFICATION = Field(
    None,
    max_length=MAX_JUSTIFICATION,
    description=(
        "Only to lock a pair that breaks hard rules (refused with 409 and the rules "
        "otherwise): why pair them anyway. Kept in the audit trail."
    ),
)


class DecisionIn(InputSchema):
    mentee: str = Field(..., description="The mentee's employee id.")
    mentor: str = Field(..., description="The mentor's employee id.")
    kind: PairDecision.Kind
    justification: str | None = JUSTIFICATION


class RuleOut(Schema):
    code: str
    text: str


class DecisionOut(Schema):
    id: int
    program_id: int
    mentee_id: int
    mentor_id: int
    kind: str
    created_at: dt.datetime
    override_rules: list[RuleOut] = Field(..., description="The hard rules a lock overrides.")
    justification: str


class PairIn(InputSchema):
    mentee: str = Field(..., description="The mentee's employee id.")
    mentor: str = Field(..., description="The mentor's employee id.")


class SwapIn(InputSchema):
    first: PairIn
    second: PairIn
    justification: str | None = JUSTIFICATION


def _summary(run: MatchingRun) -> dict:
    return {
        "id": run.pk,
        "program_id": run.program_id,
        "status": run.status,
        "dry_run": run.dry_run,
        "created_at": run.created_at,
        "published_at": run.published_at,
        "totals": run.totals or {},
    }


def _member(person) -> dict:
    return {
        "person_id": person.person_id if hasattr(person, "person_id") else person.pk,
        "employee_id": person.employee_id,
        "full_name": person.full_name,
    }


def _outcome(outcome: RunOutcome) -> dict:
    """A run as just computed (dry runs included: nothing stored, no ids)."""
    lex = Lexicon.load(outcome.run.program.start)
    return {
        **_summary(outcome.run),
        "proposals": [
            {
                "mentees": [_member(m) for m in p.mentees],
                "mentors": [_member(m) for m in p.mentors],
                "score": p.score,
                "locked": p.locked,
                "reasons": p.reasons,
                "warnings": warnings_of(p.details, lex),
            }
            for p in outcome.proposals
        ],
        "unmatched": [
            {"person": _member(u.person), "role": u.role, "code": u.code, "reasons": u.reasons}
            for u in outcome.unmatched
        ],
    }


def _stored(run: MatchingRun) -> dict:
    """A stored run read back: proposals with their members, the unmatched, in pk order."""
    members = Prefetch(
        "members", queryset=ProposalMember.objects.select_related("person").order_by("pk")
    )
    lex = Lexicon.load(run.program.start)
    proposals = []
    for proposal in Proposal.objects.filter(run=run).prefetch_related(members).order_by("pk"):
        sides = {Role.MENTEE: [], Role.MENTOR: []}
        names = {}
        for member in proposal.members.all():
            sides[member.role].append(_member(member.person))
            names[member.person_id] = member.person.full_name
        proposals.append(
            {
                "id": proposal.pk,
                "mentees": sides[Role.MENTEE],
                "mentors": sides[Role.MENTOR],
                "score": proposal.score,
                "locked": proposal.locked,
                "reasons": reasons_of(proposal.details, proposal.reasons, lex, names),
                "warnings": warnings_of(proposal.details, lex),
            }
        )
    unmatched = [
        {
            "person": _member(u.person),
            "role": u.role,
            "code": u.code,
            "reasons": unmatched_reasons(u.details, u.reasons, u.role, lex),
        }
        for u in run.unmatched.select_related("person").order_by("pk")
    ]
    return {**_summary(run), "proposals": proposals, "unmatched": unmatched}


@router.post("/programs/{program_id}/matching/runs", response=answers(201, RunOut))
def start_run(request, program_id: int, payload: RunIn):
    """Match the program's accepted enrolments now; locked pairs stay, forbidden ones never
    come back. A dry run returns the proposals without keeping them."""
    program = get_managed_program_for(request.user, program_id)
    outcome = run_matching(program, actor=request.user, dry_run=payload.dry_run)
    return Status(201, (_outcome(outcome) if payload.dry_run else _stored(outcome.run)))


@router.get("/programs/{program_id}/matching/runs", response=answers(200, list[RunSummaryOut]))
@paginate(Page)
def list_runs(request, program_id: int):
    program = get_managed_program_for(request.user, program_id)
    return [_summary(run) for run in program.matching_runs.order_by("pk")]


@router.get("/matching/runs/{run_id}", response=answers(200, RunOut))
def read_run(request, run_id: int):
    return _stored(get_run_for(request.user, run_id))


@router.post("/matching/runs/{run_id}/publish", response=answers(200, PublishOut))
def publish(request, run_id: int):
    """Make the run's proposals into mentorships (proposed to their people) and say what it
    did: new pairs, pairs already going, emails, the program's status (``scheduled`` until
    its start date). A program whose end date has passed is refused."""
    outcome = publish_run(get_run_for(request.user, run_id), actor=request.user)
    outcome.run.refresh_from_db()
    return {**_summary(outcome.run), **outcome.as_dict()}


@router.get("/programs/{program_id}/matching/decisions", response=answers(200, list[DecisionOut]))
@paginate(Page)
def list_decisions(request, program_id: int, kind: PairDecision.Kind | None = None):
    program = get_managed_program_for(request.user, program_id)
    decisions = program.pair_decisions.order_by("pk")
    return decisions if kind is None else decisions.filter(kind=kind)


def _person(employee_id: str) -> Person:
    return get_object_or_404(Person, employee_id=employee_id)


@router.post("/programs/{program_id}/matching/decisions", response=answers(201, DecisionOut))
def add_decision(request, program_id: int, payload: DecisionIn):
    """Lock or forbid a (mentee, mentor) pair; it replaces any earlier decision on it."""
    program = get_managed_program_for(request.user, program_id)
    mentee, mentor = _person(payload.mentee), _person(payload.mentor)
    try:
        decision = decide(
            program,
            mentee,
            mentor,
            payload.kind,
            actor=request.user,
            justification=payload.justification,
        )
    except RuleBroken as error:
        return _refused(error)
    return Status(201, decision)


def _refused(error: RuleBroken) -> Status:
    """409: the decision breaks hard rules; each is named (field ``justification``: send one
    to override them, when they can be)."""
    errors = [
        {"field": "justification", "message": f"{a.employee_id}/{b.employee_id}: {rule.text}"}
        for a, b, rule in error.breaches
    ]
    return Status(409, {"detail": str(error), "errors": errors})


@router.post("/programs/{program_id}/matching/swaps", response=answers(201, list[DecisionOut]))
def swap(request, program_id: int, payload: SwapIn):
    """Swap the mentors of two (mentee, mentor) pairs and lock the two new pairs, both or
    neither; a new pair breaking hard rules needs a ``justification``."""
    program = get_managed_program_for(request.user, program_id)
    first = (_person(payload.first.mentee), _person(payload.first.mentor))
    second = (_person(payload.second.mentee), _person(payload.second.mentor))
    try:
        decisions = swap_pairs(
            program, first, second, actor=request.user, justification=payload.justification
        )
    except RuleBroken as error:
        return _refused(error)
    return Status(201, decisions)


@router.delete("/programs/{program_id}/matching/decisions", response=answers(204, None))
def remove_decision(request, program_id: int, mentee: str, mentor: str):
    program = get_managed_program_for(request.user, program_id)
    clear_decision(program, _person(mentee), _person(mentor), actor=request.user)
    return Status(204, None)
