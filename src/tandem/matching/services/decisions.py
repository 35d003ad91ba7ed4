"""A manager's decisions on pairs: lock, forbid, swap. The next run keeps locked pairs and
never proposes forbidden ones (``problem.py`` reads them).

A lock (a swap locks two pairs) is checked against every hard rule by ``rules.check_pair``: a
pair that breaks one is refused with the reasons, unless the manager overrides them with a
written justification. The override is kept on the decision, recorded in the audit trail, and
shown to the managers on every proposal and pair made of it (never to the participants).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.matching.errors import MatchingError
from tandem.matching.models import PairDecision, Role
from tandem.matching.services.rules import Breach, check_pair, require_enrolled
from tandem.people.models import Person
from tandem.programs.models import Program

MAX_JUSTIFICATION = 2000


class RuleBroken(MatchingError):
    """A decision breaks hard rules; ``breaches`` lists (mentee, mentor, breach) for each,
    ``overridable`` says whether a written justification can carry them."""

    def __init__(self, message: str, breaches: list[tuple[Person, Person, Breach]]):
        super().__init__(message)
        self.breaches = breaches
        self.overridable = all(b.overridable for _a, _b, b in breaches)


def one_to_one(members) -> tuple[Person, Person] | None:
    """(mentee, mentor) of a proposal's members when it has one of each; None for a circle
    or a group, which a swap or the picker cannot take."""
    mentees = [m.person for m in members if m.role == Role.MENTEE]
    mentors = [m.person for m in members if m.role == Role.MENTOR]
    if len(mentees) != 1 or len(mentors) != 1:
        return None
    return mentees[0], mentors[0]


def _refusal(mentee: Person, mentor: Person, breaches: list[Breach]) -> RuleBroken:
    reasons = "; ".join(b.text.rstrip(".") for b in breaches)
    if all(b.overridable for b in breaches):
        message = _(
            "%(mentee)s and %(mentor)s cannot be paired: %(reasons)s. To pair them anyway, "
            "override the rules with a written justification."
        )
    else:
        message = _("%(mentee)s and %(mentor)s cannot be paired: %(reasons)s.")
    names = {"mentee": mentee.full_name, "mentor": mentor.full_name, "reasons": reasons}
    return RuleBroken(message % names, [(mentee, mentor, b) for b in breaches])


def clean_justification(text: str | None) -> str:
    text = (text or "").strip()
    if len(text) > MAX_JUSTIFICATION:
        raise MatchingError(
            _("A justification has at most %(n)s characters.") % {"n": MAX_JUSTIFICATION}
        )
    return text


def checked_lock(
    program: Program,
    mentee: Person,
    mentor: Person,
    *,
    justification: str | None = None,
    replacing: tuple[tuple[int, int], ...] = (),
    capacity: bool = True,
) -> list[Breach]:
    """The breaches a manager's pairing of (mentee, mentor) may carry: none, or every one of
    them when the manager justified them; otherwise ``RuleBroken`` says why not. A manager's
    own forbidding of the pair does not count: the decision takes its place."""
    breaches = check_pair(
        program,
        mentee,
        mentor,
        ignore=("decided",),
        replacing=replacing,
        capacity=capacity,
    )
    if breaches and not (justification and all(b.overridable for b in breaches)):
        raise _refusal(mentee, mentor, breaches)
    return breaches


def _lock(program, mentee, mentor, actor, justification, replacing=()) -> PairDecision:
    justification = clean_justification(justification)
    breaches = checked_lock(
        program, mentee, mentor, justification=justification, replacing=replacing
    )
    rules = [b.as_dict() for b in breaches]
    decision, _created = PairDecision.objects.update_or_create(
        program=program,
        mentee=mentee,
        mentor=mentor,
        defaults={
            "kind": PairDecision.Kind.LOCK,
            "created_by": _user(actor),
            "override_rules": rules,
            "justification": justification if rules else "",
        },
    )
    record(actor, "matching.lock", decision, mentee=mentee.pk, mentor=mentor.pk)
    if rules:
        record(
            actor,
            "matching.override",
            decision,
            mentee=mentee.pk,
            mentor=mentor.pk,
            rules=[rule["code"] for rule in rules],
            broken=[rule["text"] for rule in rules],
            justification=justification,
        )
    return decision


def decide(
    program: Program,
    mentee: Person,
    mentor: Person,
    kind: str,
    *,
    actor=None,
    justification: str | None = None,
) -> PairDecision:
    """Lock or forbid the pair (mentee, mentor); a new decision replaces the previous one. A
    lock breaking a hard rule needs ``justification`` (see ``checked_lock``)."""
    if mentee.pk == mentor.pk:
        raise MatchingError(_("A person cannot be paired with themselves."))
    with transaction.atomic():
        if kind == PairDecision.Kind.LOCK:
            return _lock(program, mentee, mentor, actor, justification)
        require_enrolled(program, mentee, mentor)
        decision, _created = PairDecision.objects.update_or_create(
            program=program,
            mentee=mentee,
            mentor=mentor,
            defaults={
                "kind": kind,
                "created_by": _user(actor),
                "override_rules": [],
                "justification": "",
            },
        )
        record(actor, f"matching.{kind}", decision, mentee=mentee.pk, mentor=mentor.pk)
    return decision


def lock_pair(
    program: Program, mentee: Person, mentor: Person, *, actor=None, justification=None
) -> PairDecision:
    return decide(
        program, mentee, mentor, PairDecision.Kind.LOCK, actor=actor, justification=justification
    )


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
    program: Program,
    mentees: list[Person],
    mentor: Person,
    kind: str,
    *,
    actor=None,
    justification: str | None = None,
) -> list[PairDecision]:
    """Lock or forbid the mentor with every mentee of a proposal (a group proposal has one
    mentor and several mentees): all the links or none, so a re-run cannot keep half a group."""
    if not mentees:
        raise MatchingError(_("This proposal has no mentee."))
    with transaction.atomic():
        return [
            decide(program, mentee, mentor, kind, actor=actor, justification=justification)
            for mentee in mentees
        ]


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
    justification: str | None = None,
) -> list[PairDecision]:
    """Swap the mentors of two (mentee, mentor) pairs and lock the two new pairs, each checked
    against the hard rules (a breach needs ``justification``), both or neither.

    Locks on the two original pairs are removed (not turned into exclusions: the manager
    only said which pairs they want, not which they refuse).
    """
    (mentee_a, mentor_x), (mentee_b, mentor_y) = first, second
    if mentee_a.pk == mentee_b.pk or mentor_x.pk == mentor_y.pk:
        raise MatchingError(_("A swap needs two different mentees and two different mentors."))
    replacing = ((mentee_a.pk, mentor_x.pk), (mentee_b.pk, mentor_y.pk))
    justification = clean_justification(justification)
    refusals = []
    for mentee, mentor in ((mentee_a, mentor_y), (mentee_b, mentor_x)):
        try:
            checked_lock(program, mentee, mentor, justification=justification, replacing=replacing)
        except RuleBroken as refusal:
            refusals.append(refusal)
    if refusals:
        message = " ".join(str(r) for r in refusals)
        raise RuleBroken(message, [b for r in refusals for b in r.breaches])
    with transaction.atomic():
        for mentee, mentor in replacing:
            PairDecision.objects.filter(
                program=program, kind=PairDecision.Kind.LOCK, mentee_id=mentee, mentor_id=mentor
            ).delete()
        return [
            _lock(program, mentee_a, mentor_y, actor, justification, replacing),
            _lock(program, mentee_b, mentor_x, actor, justification, replacing),
        ]


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
