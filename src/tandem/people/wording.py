"""A person's role in words that agree with them: in French "mentorée" for a woman, "mentoré"
for a man and the inclusive "mentoré·e" when the gender is not known (or is neither). English
has one word. The gender is read only for this agreement, as for diversity reporting; it never
decides anything."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from tandem.people.models import Person

Gender = Person.Gender

ROLE_NAMES = {
    ("mentee", Gender.FEMALE): pgettext_lazy("a woman", "mentee"),
    ("mentee", Gender.MALE): pgettext_lazy("a man", "mentee"),
    ("mentee", ""): pgettext_lazy("gender not known", "mentee"),
    ("mentor", Gender.FEMALE): pgettext_lazy("a woman", "mentor"),
    ("mentor", Gender.MALE): pgettext_lazy("a man", "mentor"),
    ("mentor", ""): pgettext_lazy("gender not known", "mentor"),
}


def role_name(role: str, gender: str | None = "") -> str:
    """The role's noun for this person, lower case ("mentorée", "mentor")."""
    key = gender if gender in (Gender.FEMALE, Gender.MALE) else ""
    found = ROLE_NAMES.get((role, key))
    return str(found) if found is not None else str(role)
