"""The signed-in person and the header's roles, read in one query per request.

Every page needs both: the person (their time zone for ``PersonTimeZoneMiddleware``, their
name and links) and which role links the header shows (``tandem_web.nav_roles``). Read apart
they were two queries, one of them compiled by the ORM, on every page. Here one raw query
returns the person's row with the four role EXISTS; the person is cached on the account (so
``user.person`` asks nothing) and the roles on the request. An account without a person
(a superuser, say) is cached as having none; its roles are read when the header asks.
"""

from __future__ import annotations

import functools

from django.db import connection

from tandem.people.models import Person
from tandem.web.templatetags.tandem_web import remember_roles, role_columns, roles_from

ROLE_FLAGS = ("_role_manager", "_role_program_coach", "_role_enrolment_coach", "_role_sponsor")


@functools.cache
def _person_sql() -> str:
    person = connection.ops.quote_name(Person._meta.db_table)
    user_id = connection.ops.quote_name(Person._meta.get_field("user").column)
    pk = connection.ops.quote_name(Person._meta.pk.column)
    exists = role_columns(["%s", f"{person}.{pk}", f"{person}.{pk}", f"{person}.{pk}"])
    flags = ", ".join(f"{sql} AS {name}" for sql, name in zip(exists, ROLE_FLAGS, strict=True))
    return f"SELECT {person}.*, {flags} FROM {person} WHERE {person}.{user_id} = %s"  # noqa: S608


def read_signed_in(request, user) -> None:
    """Cache ``user.person`` (or that there is none) and, with a person, the header's roles."""
    rows = list(Person.objects.raw(_person_sql(), [user.pk, user.pk]))
    person = rows[0] if rows else None
    if person is not None:
        flags = [getattr(person, name) for name in ROLE_FLAGS]
        for name in ROLE_FLAGS:
            delattr(person, name)
        remember_roles(request, roles_from(user, flags))
        Person.user.field.set_cached_value(person, user)
    Person.user.field.remote_field.set_cached_value(user, person)


class SignedInPersonMiddleware:
    """After authentication, before anything reads ``request.user.person``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False):
            read_signed_in(request, user)
        return self.get_response(request)
