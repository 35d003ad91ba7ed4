"""Run the matching of a program: build, solve, explain, store, in one transaction."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from django.db import transaction

from tandem.matching.build.problem import Built, Side, build_problem
from tandem.matching.engine import (
    Pairs,
    Reason,
    Result,
    explain_unmatched_mentee,
    explain_unmatched_mentor,
)
from tandem.matching.engine import solve as engine_solve
from tandem.matching.explain.matched import pair_reasons
from tandem.matching.explain.portable import link, stored_reasons
from tandem.matching.explain.unmatched import unmatched_words
from tandem.matching.explain.words import Lexicon, batch, proposal_words
from tandem.matching.models import (
    MatchingRun,
    PairDecision,
    Proposal,
    ProposalMember,
    Role,
    Unmatched,
)
from tandem.operations.bulk import insert_rows
from tandem.programs.models import Program

# Codes whose wording needs no data: no need to ask the engine again for each person.
_ROOM_CODES = {"capacity", "not_needed", "no_capacity"}  # room, not rules, left them out
_BARE_CODES = {"capacity", "not_needed", "no_capacity", "no_needs", "not_trained", "no_competences"}


@dataclass
class Member:
    person_id: int
    employee_id: str
    full_name: str


@dataclass
class ProposalOut:
    mentees: list[Member]
    mentors: list[Member]
    score: int
    locked: bool
    reasons: list[str]  # worded in the language active when the run was made (commands, API)
    details: dict  # what is stored: worded again for each reader


@dataclass
class UnmatchedOut:
    person: Member
    role: str
    code: str
    reasons: list[str]
    details: list[dict]


@dataclass
class RunOutcome:
    """What a run proposed, whether stored (``run.pk``) or a dry run (``run.pk is None``)."""

    run: MatchingRun
    proposals: list[ProposalOut]
    unmatched: list[UnmatchedOut]
    totals: dict = field(default_factory=dict)


def _members(side: Side) -> list[Member]:
    return [
        Member(pid, eid, name)
        for pid, eid, name in zip(side.ids.tolist(), side.employee_ids, side.names, strict=True)
    ]


def _groups(program: Program, result: Result) -> list[list[int]]:
    """Engine links -> the link indices of each mentorship-to-be."""
    pairs = result.pairs
    group = program.format == Program.Format.GROUP
    if (not group and program.mentors_per_mentee == 1) or not len(pairs):
        return [[k] for k in range(len(pairs))]
    key = pairs.mentor if group else pairs.mentee
    order = np.argsort(key, kind="stable")
    cuts = np.flatnonzero(np.diff(key[order])) + 1
    return [part.tolist() for part in np.split(order, cuts)]


def _overrides(program: Program, built: Built) -> dict[tuple[int, int], dict]:
    """(mentee index, mentor index) -> the stored "override" reason of each pair a manager
    locked against the rules: a warning for the managers on the proposal and the pair."""
    rows = PairDecision.objects.filter(program=program, kind=PairDecision.Kind.LOCK).exclude(
        override_rules=[]
    )
    out = {}
    for mentee, mentor, rules, text in rows.values_list(
        "mentee_id", "mentor_id", "override_rules", "justification"
    ):
        i, j = int(built.mentees.index([mentee])[0]), int(built.mentors.index([mentor])[0])
        if i >= 0 and j >= 0:
            data = {"rules": [{"code": r["code"], "data": r.get("data", {})} for r in rules]}
            out[(i, j)] = {"code": "override", "data": {**data, "justification": text}}
    return out


def _proposals(program: Program, built: Built, result: Result) -> list[ProposalOut]:
    pairs = result.pairs
    reasons = pair_reasons(built.problem, built.weights, pairs.mentee, pairs.mentor, pairs.locked)
    mentee_of, mentor_of = pairs.mentee.tolist(), pairs.mentor.tolist()
    scores, locked = pairs.score.tolist(), pairs.locked.tolist()
    overrides = _overrides(program, built) if any(locked) else {}
    memo: dict = {}
    stored = [
        [*stored_reasons(built, r, i, memo), *([overrides[(i, j)]] if (i, j) in overrides else [])]
        for r, i, j in zip(reasons, mentee_of, mentor_of, strict=True)
    ]
    mentee_people, mentor_people = _members(built.mentees), _members(built.mentors)
    names = {m.person_id: m.full_name for m in (*mentee_people, *mentor_people)}
    lex = Lexicon(built.topics, built.start)
    out = []
    for links in _groups(program, result):
        mentees = sorted({mentee_of[k] for k in links})
        mentors = sorted({mentor_of[k] for k in links})
        details = {
            "links": [
                link(built.mentees.ids[mentee_of[k]], built.mentors.ids[mentor_of[k]], stored[k])
                for k in links
            ],
            "notes": [],
        }
        wanted = program.mentors_per_mentee if program.mentors_per_mentee > 1 else 0
        if len(mentors) < wanted:
            details["notes"].append(
                {"code": "circle_short", "data": {"found": len(mentors), "wanted": wanted}}
            )
        out.append(
            ProposalOut(
                mentees=[mentee_people[i] for i in mentees],
                mentors=[mentor_people[j] for j in mentors],
                score=sum(scores[k] for k in links),
                locked=all(locked[k] for k in links),
                reasons=proposal_words(lex, details, names),
                details=details,
            )
        )
    return out


def _solve(built: Built, time_limit: float | None) -> Result:
    """The engine's solve; with nobody on one side there is nothing to solve."""
    p = built.problem
    if p.n and p.m:
        return engine_solve(p, built.weights, time_limit=time_limit)
    none = np.zeros(0, dtype=np.int64)
    totals = {"mentees": p.n, "mentors": p.m, "matched_mentees": 0, "matched_mentors": 0}
    return Result(
        pairs=Pairs(none, none, none, np.zeros(0, dtype=bool)),
        unmatched_mentees=np.arange(p.n),
        unmatched_mentee_reason=np.full(p.n, "no_qualified_mentor"),
        unmatched_mentors=np.arange(p.m),
        unmatched_mentor_reason=np.full(p.m, "no_mentee_needs_topics"),
        totals={
            **totals,
            "score": 0,
            "bound_score": 0.0,
            "gap": 0.0,
            "matched_certified_max": True,
            "optimal_certified": True,
            "stopped_by": "optimal",
            "time_limit": time_limit,
            "timings": {},
        },
        prices=np.zeros(p.m, dtype=np.int64),
    )


def _alone(built: Built, role: str, k: int, code: str) -> list[Reason]:
    """Why someone is unmatched when the other side is empty: the topics nobody covers."""
    p = built.problem
    ptr, topics = (p.need_ptr, p.need_topic) if role == Role.MENTEE else (p.comp_ptr, p.comp_topic)
    own = tuple(sorted(set(topics[ptr[k] : ptr[k + 1]].tolist())))
    if not own:
        return [Reason("no_needs" if role == Role.MENTEE else "no_competences", {})]
    return [Reason(code, {"topics": own})]


def _cheap_data(built: Built, role: str, k: int, code: str) -> dict:
    """What the codes the engine is not asked about again need: the circle size and the
    mentor's capacity, when they are what left someone out."""
    if code not in _ROOM_CODES:
        return {}
    p = built.problem
    data = {"circle_size": int(p.mentee_capacity.max(initial=0))} if p.circle else {}
    if role == Role.MENTOR:
        data["capacity"] = int(p.mentor_capacity[k])
    return data


def _unmatched(built: Built, result: Result) -> list[UnmatchedOut]:
    out = []
    lex = Lexicon(built.topics, built.start)
    sides = (
        (Role.MENTEE, built.mentees, result.unmatched_mentees, result.unmatched_mentee_reason),
        (Role.MENTOR, built.mentors, result.unmatched_mentors, result.unmatched_mentor_reason),
    )
    for role, side, indices, codes in sides:
        explain = explain_unmatched_mentee if role == Role.MENTEE else explain_unmatched_mentor
        people = _members(side)
        for k, code in zip(indices.tolist(), codes.tolist(), strict=True):
            if code in _BARE_CODES:
                reasons = [Reason(code, _cheap_data(built, role, k, code))]
            elif not (built.problem.n and built.problem.m):
                reasons = _alone(built, role, k, code)
            else:
                reasons = explain(built.problem, built.weights, k, result)
            details = stored_reasons(built, reasons)
            out.append(
                UnmatchedOut(
                    person=people[k],
                    role=str(role),
                    code=reasons[0].code if reasons else code,
                    reasons=unmatched_words(lex, details, role),
                    details=details,
                )
            )
    return out


def _store_proposals(run: MatchingRun, proposals: list[ProposalOut]) -> None:
    insert_rows(
        Proposal,
        ("run", "score", "locked", "reasons", "details"),
        ((run.pk, p.score, p.locked, [], p.details) for p in proposals),
    )
    # the primary keys just inserted, in insertion order
    ids = list(Proposal.objects.filter(run=run).order_by("pk").values_list("pk", flat=True))
    insert_rows(
        ProposalMember,
        ("proposal", "person", "role"),
        (
            (pk, m.person_id, role)
            for pk, p in zip(ids, proposals, strict=True)
            for role, people in ((Role.MENTEE, p.mentees), (Role.MENTOR, p.mentors))
            for m in people
        ),
    )


def _store_unmatched(run: MatchingRun, unmatched: list[UnmatchedOut]) -> None:
    insert_rows(
        Unmatched,
        ("run", "person", "role", "code", "reasons", "details"),
        ((run.pk, u.person.person_id, u.role, u.code, [], u.details) for u in unmatched),
    )


def _totals(result: Result, seconds: dict) -> dict:
    totals = dict(result.totals)
    engine_timings = totals.pop("timings", {})
    totals["timings"] = {**seconds, "engine": engine_timings}
    return totals


PROGRAM_BUDGET = "program"  # run_matching's time limit: the program's own setting


def run_matching(
    program: Program, *, actor=None, dry_run: bool = False, time_limit=PROGRAM_BUDGET
) -> RunOutcome:
    """Match the program's accepted enrolments and keep the run (unless ``dry_run``).

    ``time_limit``: seconds the engine may take (None: no limit); by default the program's
    matching time budget (runs started from the site or the API). The run, its proposals and
    its unmatched people are written in one transaction: a run is stored whole or not at all.
    """
    if time_limit == PROGRAM_BUDGET:
        time_limit = program.matching_time_limit
    started = time.perf_counter()
    built = build_problem(program)
    t_solve = time.perf_counter()
    result = _solve(built, time_limit)
    t_explain = time.perf_counter()
    with batch():
        proposals = _proposals(program, built, result)
        unmatched = _unmatched(built, result)
    t_store = time.perf_counter()
    seconds = {
        "build_s": round(t_solve - started, 4),
        "solve_s": round(t_explain - t_solve, 4),
        "explain_s": round(t_store - t_explain, 4),
    }
    user = actor if getattr(actor, "is_authenticated", False) else None
    run = MatchingRun(program=program, dry_run=dry_run, created_by=user, snapshot=built.snapshot)
    if not dry_run:
        with transaction.atomic():
            run.save()
            _store_proposals(run, proposals)
            _store_unmatched(run, unmatched)
            seconds["store_s"] = round(time.perf_counter() - t_store, 4)
            seconds["total_s"] = round(time.perf_counter() - started, 4)
            run.totals = _totals(result, seconds)
            run.save(update_fields=["totals"])
    else:
        seconds["store_s"] = 0.0
        seconds["total_s"] = round(time.perf_counter() - started, 4)
        run.totals = _totals(result, seconds)
    return RunOutcome(run=run, proposals=proposals, unmatched=unmatched, totals=run.totals)
