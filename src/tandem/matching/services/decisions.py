"""A manager's decisions on pairs: lock, forbid, swap. The next run keeps locked pairs and
never proposes forbidden ones (``problem.py`` reads them)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.matching.errors import MatchingError
from tandem.matching.models import PairDecision, Role
from tandem.people.models import Person
from tandem.programs.models import Enrolment, Program


def _enrolment(program: Program, person: Person, role: str) -> Enrolment:
    enrolment = Enrolment.objects.filter(
        program=program, person=person, role=role, status=Enrolment.Status.ACCEPTED
    ).first()
    if enrolment is None:
        raise MatchingError(
            _("%(name)s (%(id)s) is not an accepted %(role)s of program %(program)s.")
            % {
                "name": person.full_name,
                "id": person.employee_id,
                "role": Role(role).label.lower(),
                "program": program.slug,
            }
        )
    return enrolment


def _mentee_capacity(program: Program) -> int:
    return program.mentors_per_mentee


def _check_room(program: Program, mentee: Person, mentor: Person) -> None:
    """A lock uses capacity: refuse one that the mentee or the mentor has no room for."""
    locks = PairDecision.objects.filter(program=program, kind=PairDecision.Kind.LOCK).exclude(
        mentee=mentee, mentor=mentor
    )
    capacity = _enrolment(program, mentor, Role.MENTOR).capacity
    if locks.filter(mentor=mentor).count() >= capacity:
        raise MatchingError(
            _("%(name)s already has %(count)s locked mentees, their full capacity.")
            % {"name": mentor.full_name, "count": capacity}
        )
    if locks.filter(mentee=mentee).count() >= _mentee_capacity(program):
        raise MatchingError(
            _("%(name)s already has a locked mentor; unlock that pair first.")
            % {"name": mentee.full_name}
        )


def decide(
    program: Program, mentee: Person, mentor: Person, kind: str, *, actor=None
) -> PairDecision:
    """Lock or forbid the pair (mentee, mentor); a new decision replaces the previous one."""
    _enrolment(program, mentee, Role.MENTEE)
    _enrolment(program, mentor, Role.MENTOR)
    if mentee.pk == mentor.pk:
        raise MatchingError(_("A person cannot be paired with themselves."))
    with transaction.atomic():
        if kind == PairDecision.Kind.LOCK:
            _check_room(program, mentee, mentor)
        decision, _created = PairDecision.objects.update_or_create(
            program=program,
            mentee=mentee,
            mentor=mentor,
            defaults={"kind": kind, "created_by": _user(actor)},
        )
        record(actor, f"matching.{kind}", decision, mentee=mentee.pk, mentor=mentor.pk)
    return decision


def lock_pair(program: Program, mentee: Person, mentor: Person, *, actor=None) -> PairDecision:
    return decide(program, mentee, mentor, PairDecision.Kind.LOCK, actor=actor)


def forbid_pair(program: Program, mentee: Person, mentor: Person, *, actor=None) -> PairDecision:
    return decide(program, mentee, mentor, PairDecision.Kind.FORBID, actor=actor)


def clear_decision(program: Program, mentee: Person, mentor: Person, *, actor=None) -> bool:
    """Forget the decision on this pair; True if there was one."""
    with transaction.atomic():
        deleted, _rows = PairDecision.objects.filter(
            program=program, mentee=mentee, mentor=mentor
        ).delete()
        if deleted:
            record(actor, "matching.clear", None, mentee=mentee.pk, mentor=mentor.pk)
    return bool(deleted)


def decide_proposal(
    program: Program, mentees: list[Person], mentor: Person, kind: str, *, actor=None
) -> list[PairDecision]:
    """Lock or forbid the mentor with every mentee of a proposal (a group proposal has one
    mentor and several mentees): all the links or none, so a re-run cannot keep half a group."""
    if not mentees:
        raise MatchingError(_("This proposal has no mentee."))
    with transaction.atomic():
        return [decide(program, mentee, mentor, kind, actor=actor) for mentee in mentees]


def clear_proposal(program: Program, mentees: list[Person], mentor: Person, *, actor=None) -> int:
    """Forget the decisions between the mentor and every mentee of a proposal; how many."""
    with transaction.atomic():
        return sum(clear_decision(program, mentee, mentor, actor=actor) for mentee in mentees)


def swap_pairs(
    program: Program,
    first: tuple[Person, Person],
    second: tuple[Person, Person],
    *,
    actor=None,
) -> list[PairDecision]:
    """Swap the mentors of two (mentee, mentor) pairs and lock the two new pairs.

    Locks on the two original pairs are removed (not turned into exclusions: the manager
    only said which pairs they want, not which they refuse).
    """
    (mentee_a, mentor_x), (mentee_b, mentor_y) = first, second
    if mentee_a.pk == mentee_b.pk or mentor_x.pk == mentor_y.pk:
        raise MatchingError(_("A swap needs two different mentees and two different mentors."))
    with transaction.atomic():
        PairDecision.objects.filter(
            program=program, kind=PairDecision.Kind.LOCK, mentee=mentee_a, mentor=mentor_x
        ).delete()
        PairDecision.objects.filter(
            program=program, kind=PairDecision.Kind.LOCK, mentee=mentee_b, mentor=mentor_y
        ).delete()
        return [
            lock_pair(program, mentee_a, mentor_y, actor=actor),
            lock_pair(program, mentee_b, mentor_x, actor=actor),
        ]


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
