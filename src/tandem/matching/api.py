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
from tandem.matching.models import MatchingRun, PairDecision, Proposal, ProposalMember, Role
from tandem.matching.permissions import get_run_for
from tandem.matching.services.decisions import clear_decision, decide
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
    reasons: list[str]


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


class RunOut(RunSummaryOut):
    proposals: list[ProposalOut]
    unmatched: list[UnmatchedOut]


class RunIn(InputSchema):
    dry_run: bool = Field(False, description="Compute and return the proposals, keep nothing.")


class DecisionIn(InputSchema):
    mentee: str = Field(..., description="The mentee's employee id.")
    mentor: str = Field(..., description="The mentor's employee id.")
    kind: PairDecision.Kind


class DecisionOut(Schema):
    id: int
    program_id: int
    mentee_id: int
    mentor_id: int
    kind: str
    created_at: dt.datetime


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
    return {
        **_summary(outcome.run),
        "proposals": [
            {
                "mentees": [_member(m) for m in p.mentees],
                "mentors": [_member(m) for m in p.mentors],
                "score": p.score,
                "locked": p.locked,
                "reasons": p.reasons,
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
    proposals = []
    for proposal in Proposal.objects.filter(run=run).prefetch_related(members).order_by("pk"):
        sides = {Role.MENTEE: [], Role.MENTOR: []}
        for member in proposal.members.all():
            sides[member.role].append(_member(member.person))
        proposals.append(
            {
                "id": proposal.pk,
                "mentees": sides[Role.MENTEE],
                "mentors": sides[Role.MENTOR],
                "score": proposal.score,
                "locked": proposal.locked,
                "reasons": proposal.reasons,
            }
        )
    unmatched = [
        {"person": _member(u.person), "role": u.role, "code": u.code, "reasons": u.reasons}
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


@router.post("/matching/runs/{run_id}/publish", response=answers(200, RunSummaryOut))
def publish(request, run_id: int):
    """Make the run's proposals into mentorships (proposed to their people)."""
    run = publish_run(get_run_for(request.user, run_id), actor=request.user)
    return _summary(run)


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
    return Status(201, decide(program, mentee, mentor, payload.kind, actor=request.user))


@router.delete("/programs/{program_id}/matching/decisions", response=answers(204, None))
def remove_decision(request, program_id: int, mentee: str, mentor: str):
    program = get_managed_program_for(request.user, program_id)
    clear_decision(program, _person(mentee), _person(mentor), actor=request.user)
    return Status(204, None)
