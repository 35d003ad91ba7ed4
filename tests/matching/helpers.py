"""Small builders for matching tests: people with needs or competences, enrolled at once."""

import datetime as dt

from tandem.programs.models import Enrolment
from tests import factories as f

WINTER = dt.date(2026, 1, 5)  # a Monday; Paris is UTC+1, Toronto UTC-5
SUMMER = dt.date(2026, 7, 6)  # a Monday; Paris is UTC+2, Toronto UTC-4


def program(slug="prog", **fields):
    fields.setdefault("start", WINTER)
    fields.setdefault("require_training", False)
    return f.program(slug, slug=slug, **fields)


def mentee(prog, name=None, *, needs=(("genai", 2),), enrol=None, **person):
    p = f.person(name, **person)
    for slug, priority in needs:
        f.need(p, slug, priority)
    f.enrol(p, prog, Enrolment.Role.MENTEE, **(enrol or {}))
    return p


def mentor(prog, name=None, *, skills=(("genai", 3, 2),), enrol=None, **person):
    p = f.person(name, **person)
    for slug, level, evidence in skills:
        f.competence(p, slug, level, evidence)
    f.enrol(p, prog, Enrolment.Role.MENTOR, **(enrol or {}))
    return p
