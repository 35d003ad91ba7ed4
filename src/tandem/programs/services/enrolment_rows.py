"""Checking one enrolment row: role, topics (``genai:3:assessed`` or ``genai:high``),
capacity, languages and availability, each bad cell reported with its column."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tandem.people.models import Evidence, Priority
from tandem.people.services.csvreader import RowError, split_list
from tandem.people.services.people_validation import Invalid, clean_languages
from tandem.programs.models import Enrolment, Program
from tandem.programs.services.availability import SlotError, normalise_slots

ROLES = {
    "mentor": Enrolment.Role.MENTOR,
    "mentee": Enrolment.Role.MENTEE,
    "mentoré": Enrolment.Role.MENTEE,
    "mentore": Enrolment.Role.MENTEE,
}
EVIDENCE = {
    "self": Evidence.SELF,
    "self-declared": Evidence.SELF,
    "declared": Evidence.SELF,
    "endorsed": Evidence.ENDORSED,
    "assessed": Evidence.ASSESSED,
    "certified": Evidence.CERTIFIED,
}
PRIORITIES = {
    "high": Priority.HIGH,
    "medium": Priority.MEDIUM,
    "low": Priority.LOW,
    "haute": Priority.HIGH,
    "moyenne": Priority.MEDIUM,
    "basse": Priority.LOW,
}
MAX_CAPACITY = 3
MAX_GROUP_CAPACITY = 12


@dataclass
class EnrolmentRow:
    line: int
    employee_id: str
    person_id: int
    role: str
    capacity: int
    languages: list[str]
    availability: list[str]
    competences: list[tuple[int, int, int]]  # (topic id, level, evidence)
    needs: list[tuple[int, int]]  # (topic id, priority)


def clean_enrolment_row(line: int, raw: dict, context, errors: list[RowError]):
    """The row cleaned, or None after appending an error for each bad cell."""
    found = len(errors)

    def check(column, cleaner, *args):
        try:
            return cleaner(raw.get(column, ""), *args)
        except Invalid as exc:
            errors.append(RowError(line, column, str(exc)))
            return None

    person = check("employee_id", _person, context)
    role = check("role", _role)
    topics = check("topics", _topics, role, context) if role else None
    capacity = check("capacity", _capacity, role, context.program) if role else None
    languages = check("languages", clean_languages)
    availability = check("availability", _availability)
    if len(errors) > found:
        return None
    pk, person_languages, _active = person
    return EnrolmentRow(
        line=line,
        employee_id=raw["employee_id"],
        person_id=pk,
        role=role,
        capacity=capacity,
        languages=languages or list(person_languages),
        availability=availability,
        competences=topics if role == Enrolment.Role.MENTOR else [],
        needs=topics if role == Enrolment.Role.MENTEE else [],
    )


def _person(value: str, context) -> tuple[int, list]:
    if not value:
        raise Invalid(_("a value is required"))
    if value not in context.people:
        raise Invalid(_("unknown employee %s; import people first") % value)
    if not context.people[value][2]:
        raise Invalid(_("employee %s is no longer active") % value)
    return context.people[value]


def _role(value: str) -> str:
    role = ROLES.get(value.lower())
    if role is None:
        raise Invalid(_("“%s” is not a role; use mentor or mentee") % value)
    return role


def _topics(value: str, role: str, context) -> list[tuple]:
    items = split_list(value)
    if not items:
        raise Invalid(_("at least one topic is required"))
    parsed, seen, problems = [], set(), []
    for item in items:
        parts = [part.strip() for part in item.split(":")]
        slug = parts[0].lower()
        try:
            if slug in seen:
                raise Invalid(_("topic %s is listed twice") % slug)
            seen.add(slug)
            topic_id = _topic_id(slug, context)
            if role == Enrolment.Role.MENTOR:
                parsed.append((topic_id, *_competence(item, parts)))
            else:
                parsed.append((topic_id, _priority(item, parts)))
        except Invalid as exc:
            problems.append(str(exc))
    if problems:
        raise Invalid("; ".join(problems))
    return parsed


def _topic_id(slug: str, context) -> int:
    if slug not in context.topics:
        raise Invalid(_("unknown topic “%s” (see tandem topics)") % slug)
    if slug not in context.allowed:
        raise Invalid(
            _("topic “%(slug)s” is not among this program's topics (%(allowed)s)")
            % {"slug": slug, "allowed": ", ".join(sorted(context.allowed)) or "—"}
        )
    return context.topics[slug]


def _competence(item: str, parts: list[str]) -> tuple[int, int]:
    if len(parts) not in (2, 3):
        raise Invalid(_("“%s”: write a mentor's topic as topic:level:evidence") % item)
    if parts[1] not in ("1", "2", "3", "4"):
        raise Invalid(_("“%s”: the level must be 1, 2, 3 or 4") % item)
    word = parts[2].lower() if len(parts) == 3 else "self"
    if word not in EVIDENCE:
        raise Invalid(_("“%s”: the evidence must be self, endorsed, assessed or certified") % item)
    return int(parts[1]), int(EVIDENCE[word])


def _priority(item: str, parts: list[str]) -> int:
    if len(parts) > 2:
        raise Invalid(_("“%s”: write a mentee's topic as topic:priority") % item)
    word = parts[1].lower() if len(parts) == 2 else "medium"
    if word not in PRIORITIES:
        raise Invalid(_("“%s”: the priority must be high, medium or low") % item)
    return int(PRIORITIES[word])


def _capacity(value: str, role: str, program: Program) -> int:
    if role == Enrolment.Role.MENTEE:
        if value not in ("", "1"):
            raise Invalid(_("a mentee's capacity must be empty or 1"))
        return 1
    limit = MAX_GROUP_CAPACITY if program.format == Program.Format.GROUP else MAX_CAPACITY
    if not value:
        return 1
    if not value.isdecimal() or not 1 <= int(value) <= limit:
        raise Invalid(
            _("“%(value)s”: a mentor's capacity is a number from 1 to %(limit)s")
            % {"value": value, "limit": limit}
        )
    return int(value)


def _availability(value: str) -> list[str]:
    try:
        return normalise_slots(split_list(value))
    except SlotError as exc:
        raise Invalid(str(exc)) from None
