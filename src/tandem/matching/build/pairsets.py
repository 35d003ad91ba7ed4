"""Pairs that come from outside the enrolments: earlier cohorts, the manager's decisions,
people's stated preferences and exclusions, and who was left unmatched before.

All are returned as (mentee person id, mentor person id) rows; ``problem.py`` maps them to
engine indices.
"""

from __future__ import annotations

from tandem.matching.models import MatchingRun, PairDecision, ProposalMember, Role, Unmatched
from tandem.programs.models import Enrolment, Program


def renewal_chain(program: Program) -> list[int]:
    """Ids of the programs this one renews, the closest first (cycles stopped)."""
    chain, current = [], program.renews_id
    while current and current not in chain and current != program.pk and len(chain) < 50:
        chain.append(current)
        current = Program.objects.filter(pk=current).values_list("renews_id", flat=True).first()
    return chain


def _cross(groups: dict) -> list[tuple[int, int]]:
    """{key: {"mentee": [...], "mentor": [...]}} -> every (mentee, mentor) within a group."""
    return [(a, b) for g in groups.values() for a in g[Role.MENTEE] for b in g[Role.MENTOR]]


def _group(rows) -> dict:
    groups: dict = {}
    for key, person_id, role in rows:
        if key is not None and role in (Role.MENTEE, Role.MENTOR):
            groups.setdefault(key, {Role.MENTEE: [], Role.MENTOR: []})[role].append(person_id)
    return groups


def earlier_pairs(program: Program, chain: list[int]) -> list[tuple[int, int]]:
    """Pairs published in the cohorts this program renews: proposals and mentorships."""
    if not chain:
        return []
    proposals = ProposalMember.objects.filter(
        proposal__run__program_id__in=chain,
        proposal__run__status=MatchingRun.Status.PUBLISHED,
    ).values_list("proposal_id", "person_id", "role")
    # mentorships sit above matching: read through the reverse relation, without importing them
    mentorships = Program.objects.filter(pk__in=chain).values_list(
        "mentorships__id", "mentorships__participants__person_id", "mentorships__participants__role"
    )
    return _cross(_group(proposals)) + _cross(_group(mentorships))


def preferences(program: Program, field_name: str) -> list[tuple[int, int]]:
    """Enrolment ``preferred``/``excluded`` -> (mentee, mentor) person pairs, both ways."""
    through = getattr(Enrolment, field_name).through
    rows = through.objects.filter(
        enrolment__program=program, enrolment__status=Enrolment.Status.ACCEPTED
    ).values_list("enrolment__person_id", "enrolment__role", "person_id")
    return [(a, b) if role == Role.MENTEE else (b, a) for a, role, b in rows]


def unmatched_before(program: Program, chain: list[int]) -> list[int]:
    """Mentees left unmatched by a published run of this program or of the cohorts it renews."""
    return list(
        Unmatched.objects.filter(
            run__program_id__in=[program.pk, *chain],
            run__status=MatchingRun.Status.PUBLISHED,
            role=Role.MENTEE,
        ).values_list("person_id", flat=True)
    )


def decisions(program: Program, kind: str) -> list[tuple[int, int]]:
    return list(
        PairDecision.objects.filter(program=program, kind=kind).values_list(
            "mentee_id", "mentor_id"
        )
    )


# Mentorship statuses as stored by the mentorships app, which sits above matching and cannot
# be imported here; matching only needs to tell the pairs still going from the declined ones.
_OPEN_MENTORSHIP = ("proposed", "accepted", "active")
_DECLINED = "declined"


def current_mentorships(program: Program) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(kept, declined) pairs of this program's mentorships, when a run was published before.

    A re-run keeps the pairs still going (they use capacity) and never proposes again a pair
    someone declined; it re-matches the people whose pair was declined.
    """
    rows = Program.objects.filter(pk=program.pk, mentorships__isnull=False).values_list(
        "mentorships__id",
        "mentorships__status",
        "mentorships__participants__person_id",
        "mentorships__participants__role",
        "mentorships__participants__answer",
    )
    kept, declined, status_of = [], [], {}
    for mentorship_id, status, _person, _role, answer in rows:
        if answer == _DECLINED or status == _DECLINED:
            status_of[mentorship_id] = _DECLINED
        else:
            status_of.setdefault(mentorship_id, status)
    groups = _group((m, person, role) for m, _s, person, role, _a in rows)
    for mentorship_id, group in groups.items():
        pairs = _cross({mentorship_id: group})
        if status_of.get(mentorship_id) == _DECLINED:
            declined.extend(pairs)
        elif status_of.get(mentorship_id) in _OPEN_MENTORSHIP:
            kept.extend(pairs)
    return kept, declined


def going_groups(program_id: int) -> set[frozenset[int]]:
    """The people of each mentorship of the program still going, as sets: a published
    proposal repeating one of them makes no new pair."""
    groups: dict[int, set[int]] = {}
    rows = Program.objects.filter(
        pk=program_id, mentorships__status__in=_OPEN_MENTORSHIP
    ).values_list("mentorships__id", "mentorships__participants__person_id")
    for mentorship_id, person_id in rows:
        if person_id is not None:
            groups.setdefault(mentorship_id, set()).add(person_id)
    return {frozenset(people) for people in groups.values()}


def locked_pairs(program: Program, current=None) -> list[tuple[int, int]]:
    """(mentee, mentor) person pairs a run keeps: the managers' locks and the pairs going
    (``current``: what ``current_mentorships`` returned, if already read)."""
    kept, _declined = current or current_mentorships(program)
    return [*decisions(program, PairDecision.Kind.LOCK), *kept]


def forbidden_sources(
    program: Program, both_sides, current=None
) -> dict[str, list[tuple[int, int]]]:
    """(mentee, mentor) person pairs a run never proposes, by why: a manager's decision, a
    declined pair, someone's declared exclusion, someone enrolled on both sides."""
    _kept, declined = current or current_mentorships(program)
    return {
        "decided": decisions(program, PairDecision.Kind.FORBID),
        "declined": declined,
        "excluded": preferences(program, "excluded"),
        "self": [(p, p) for p in both_sides],
    }
