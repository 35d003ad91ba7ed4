"""One check of a given (mentee, mentor) pair of a program against every hard rule the engine
applies, for the decisions a manager makes by hand (lock, swap, a suggestion chosen, a pair
proposed directly): what the engine would refuse is never created silently.

It does not copy the rules: it builds the engine's problem for just these two people
(``build_problem(people=…)``, the same code as a run) and asks the engine's own
``explain_pair`` which hard rules the pair breaks: qualification (with the evidence and the
training the program requires), a shared language, common free time for a meeting, the
reporting line inside their organisation, an earlier pair of a renewed cohort, a forbidden or
declared conflict. Capacity is counted from the pairs a run keeps (``pairsets.locked_pairs``)
against the capacities the problem gives. Each breach comes with its reason in plain words.
``judge_pair`` gives the same check with the engine's score and reasons (a mentee's request);
``check_pair`` the breaches alone.

A manager may override the breaches a judgement can weigh (everything but capacity, which is
the person's own commitment and is changed on their enrolment) with a written justification.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.matching.build import pairsets
from tandem.matching.build.problem import Built, build_problem, program_languages
from tandem.matching.errors import MatchingError
from tandem.matching.explain.pair import HARD_CODES, explain_pair
from tandem.matching.explain.portable import stored_reasons
from tandem.matching.explain.words import Lexicon, pair_words
from tandem.matching.models import Role
from tandem.people.models import Person
from tandem.programs.models import Enrolment, Program

FORBIDDEN_SOURCES = ("declined", "excluded", "decided")


@dataclass(frozen=True)
class Breach:
    """One hard rule a pair breaks: the engine's code, its stored data, and plain words."""

    code: str
    text: str
    data: dict = field(default_factory=dict)
    overridable: bool = True

    def as_dict(self) -> dict:
        """As kept on the decision: the stored reason (worded again for each reader) and its
        words when decided."""
        return {"code": self.code, "data": self.data, "text": self.text}


def not_enrolled(program: Program, person: Person, role: str) -> MatchingError:
    return MatchingError(
        _("%(name)s (%(id)s) is not an accepted %(role)s of program %(program)s.")
        % {
            "name": person.full_name,
            "id": person.employee_id,
            "role": Role(role).label.lower(),
            "program": program.slug,
        }
    )


def require_enrolled(program: Program, mentee: Person, mentor: Person) -> None:
    """Both accepted in the program, each on their side (what a run would read)."""
    for person, role in ((mentee, Role.MENTEE), (mentor, Role.MENTOR)):
        if not program.enrolments.filter(
            person=person, role=role, status=Enrolment.Status.ACCEPTED, person__is_active=True
        ).exists():
            raise not_enrolled(program, person, role)


def _indices(built: Built, program: Program, mentee: Person, mentor: Person) -> tuple[int, int]:
    i, j = int(built.mentees.index([mentee.pk])[0]), int(built.mentors.index([mentor.pk])[0])
    if i < 0:
        raise not_enrolled(program, mentee, Role.MENTEE)
    if j < 0:
        raise not_enrolled(program, mentor, Role.MENTOR)
    return i, j


def _forbidden_by(program: Program, pair: tuple[int, int], ignore) -> list[str]:
    """Which of a declined pair, a declared exclusion or a manager's forbidding forbid it."""
    sources = pairsets.forbidden_sources(program, [])
    return [name for name in FORBIDDEN_SOURCES if name not in ignore and pair in sources[name]]


def _rule_breaches(built, program, reasons, i, pair, ignore) -> list[dict]:
    """The engine's hard-rule reasons for (i, j), stored; "forbidden" named by its source."""
    out = []
    for reason in stored_reasons(built, [r for r in reasons if r.code in HARD_CODES], i):
        if reason["code"] == "forbidden":
            out += [{"code": name, "data": {}} for name in _forbidden_by(program, pair, ignore)]
        else:
            out.append(reason)
    return out


def _capacity(built, program, i, j, people, replacing) -> list[Breach]:
    """Room left on both sides once the pairs a run keeps are counted (this pair and the
    pairs being replaced aside)."""
    mentee, mentor = people
    skip = {*replacing, (mentee.pk, mentor.pk)}
    kept = set(pairsets.locked_pairs(program)) - skip
    mentor_load = sum(1 for _a, b in kept if b == mentor.pk)
    mentee_load = sum(1 for a, _b in kept if a == mentee.pk)
    mentor_cap, mentee_cap = (
        int(built.problem.mentor_capacity[j]),
        int(built.problem.mentee_capacity[i]),
    )
    out = []
    if mentor_load >= mentor_cap:
        text = ngettext(
            "%(name)s already has a locked mentee, their full capacity.",
            "%(name)s already has %(count)s locked mentees, their full capacity.",
            mentor_cap,
        ) % {"name": mentor.full_name, "count": mentor_cap}
        out.append(Breach("capacity", text, {"capacity": mentor_cap}, overridable=False))
    if mentee_load >= mentee_cap:
        if mentee_cap == 1:
            text = _("%(name)s already has a locked mentor; unlock that pair first.") % {
                "name": mentee.full_name
            }
        else:
            text = _("%(name)s already has %(count)s locked mentors, a full circle.") % {
                "name": mentee.full_name,
                "count": mentee_cap,
            }
        out.append(Breach("capacity", text, {"capacity": mentee_cap}, overridable=False))
    return out


def _as_in_the_program(program: Program, reasons: list[dict]) -> list[dict]:
    """Two people's problem knows only their languages: "they share every language" is said
    of the whole program's, as a run says it."""
    for reason in reasons:
        if reason["code"] == "language" and reason["data"].get("all"):
            spoken = set(program_languages(program))
            reason["data"]["all"] = spoken <= set(reason["data"].get("codes") or ())
    return reasons


@dataclass(frozen=True)
class Judgement:
    """A pair judged as a matching run judges it: the hard rules it breaks, the engine's score,
    and why (the other reasons, stored as code and data, and worded in the active language)."""

    breaches: list[Breach]
    score: int
    reasons: list[dict]
    words: list[str]

    @property
    def refusals(self) -> list[str]:
        """The broken rules in plain words; empty when the engine itself could propose it."""
        return [b.text for b in self.breaches]


def judge_pair(
    program: Program,
    mentee: Person,
    mentor: Person,
    *,
    ignore: tuple[str, ...] = (),
    replacing: tuple[tuple[int, int], ...] = (),
    capacity: bool = True,
) -> Judgement:
    """The pair (mentee, mentor) as the engine sees it: every hard rule it breaks, in plain
    words in the active language, its score, and why. Every path that pairs people by hand
    (a lock, a swap, a pair made by a manager, a mentee's request) asks this one function.
    ``MatchingError`` when either is not an accepted, active person on that side.

    ``ignore``: forbidding sources the decision replaces ("decided" for a lock, which takes
    the place of a manager's forbidding); ``replacing``: (mentee id, mentor id) pairs the
    decision removes, whose room counts as free (a swap); ``capacity`` False leaves room to
    the caller (a mentorship made by hand, a request, count the pairs going themselves).
    """
    if mentee.pk == mentor.pk:
        raise MatchingError(_("A person cannot be paired with themselves."))
    built = build_problem(program, people=[mentee.pk, mentor.pk])
    i, j = _indices(built, program, mentee, mentor)
    lex = Lexicon(built.topics, built.start)
    reasons = explain_pair(built.problem, built.weights, i, j)
    breaches = [
        Breach(r["code"], pair_words(lex, [r])[0], r["data"])
        for r in _rule_breaches(built, program, reasons, i, (mentee.pk, mentor.pk), ignore)
    ]
    if capacity:
        breaches += _capacity(built, program, i, j, (mentee, mentor), replacing)
    score = next((int(r.data["score"]) for r in reasons if r.code == "score"), 0)
    why = _as_in_the_program(
        program, stored_reasons(built, [r for r in reasons if r.code not in HARD_CODES], i)
    )
    return Judgement(breaches, score, why, pair_words(lex, why))


def check_pair(program: Program, mentee: Person, mentor: Person, **options) -> list[Breach]:
    """The hard rules the pair breaks (``judge_pair``'s options); empty when the engine itself
    could propose it."""
    return judge_pair(program, mentee, mentor, **options).breaches
