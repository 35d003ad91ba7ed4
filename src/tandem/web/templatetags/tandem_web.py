"""Small display helpers shared by the web templates."""

import functools

from django import template
from django.db import connection
from django.utils.translation import get_language_info

from tandem.people import wording
from tandem.people.models import Person
from tandem.programs.models import Enrolment, Program

register = template.Library()


@register.filter
def language_names(codes) -> str:
    """``["fr", "en"]`` → "French, English" in the page's language; unknown codes as they are."""
    names = []
    for code in codes or []:
        try:
            names.append(str(get_language_info(code)["name_translated"]))
        except KeyError:
            names.append(str(code))
    return ", ".join(names)


@register.simple_tag(takes_context=True)
def nav_roles(context) -> dict:
    """Which role links the header shows: ``manages`` (the user manages a program, may create
    one, or is a superuser), ``coaches`` (program or enrolment coach) and ``sponsors`` (the
    sponsor of a program)."""
    return roles_for(context.get("request"), context.get("user"))


def roles_for(request, user=None) -> dict:
    """The header's roles: one query per request, remembered on the request so every use on
    the page (and the home page, which skips its program lists when all are False) is free."""
    cached = getattr(request, "_tandem_nav_roles", None)
    if cached is not None:
        return cached
    user = user or getattr(request, "user", None)
    roles = {"manages": False, "coaches": False, "sponsors": False}
    if getattr(user, "is_authenticated", False):
        roles = _roles_of(user)
    if request is not None:
        request._tandem_nav_roles = roles
    return roles


def _roles_of(user) -> dict:
    """Four EXISTS in one round trip, written as SQL: this runs on every page, and the ORM
    spent longer compiling the three correlated subqueries than the database answering them.
    Table and column names come from the models; the SQL is the same on SQLite and
    PostgreSQL. Used for accounts without a person: for the others the roles come with the
    person (``web.signed_in``)."""
    try:
        person_id = user.person.pk
    except Person.DoesNotExist:
        person_id = None
    with connection.cursor() as cursor:
        cursor.execute(_roles_sql(), [user.pk, person_id, person_id, person_id])
        return roles_from(user, cursor.fetchone())


def roles_from(user, flags) -> dict:
    """The header's roles from the four EXISTS of ``role_columns`` (in that order)."""
    manager, program_coach, enrolment_coach, sponsor = flags
    return {
        "manages": bool(manager or user.is_superuser or user.is_program_manager),
        "coaches": bool(program_coach or enrolment_coach),
        "sponsors": bool(sponsor),
    }


def remember_roles(request, roles: dict) -> None:
    """Set the header's roles from a query that already read them (``web.signed_in``)."""
    request._tandem_nav_roles = roles


# (model, field) whose rows make the user a manager, a program coach, an enrolment coach, a
# sponsor.
_ROLE_ROWS = (
    (Program.managers.through, "user"),
    (Program.coaches.through, "person"),
    (Enrolment, "coach"),
    (Program, "sponsor"),
)


def role_columns(values: list[str]) -> list[str]:
    """The four EXISTS, each comparing its column with the SQL of ``values`` (a placeholder,
    or a column of the outer query). Only model-defined names are formatted in."""
    return [
        f"EXISTS(SELECT 1 FROM {_table(model)} WHERE {_column(model, field)} = {value})"  # noqa: S608
        for (model, field), value in zip(_ROLE_ROWS, values, strict=True)
    ]


@functools.cache
def _roles_sql() -> str:
    return "SELECT " + ", ".join(role_columns(["%s"] * 4))


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model, field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)


@register.filter
def role_name(person, role: str) -> str:
    """``{{ person|role_name:"mentee" }}``: "mentorée", "mentoré" or "mentoré·e" in French."""
    return wording.role_name(role, getattr(person, "gender", ""))


@register.filter
def get_item(mapping, key):
    """``{{ counts|get_item:"at-risk" }}``: a dict's value by a key the template names."""
    return mapping.get(key) if hasattr(mapping, "get") else None
