"""Shared look-ups of the matching commands: clear errors instead of tracebacks."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from tandem.people.models import Person
from tandem.programs.models import Program


def program_or_error(slug: str) -> Program:
    program = Program.objects.filter(slug=slug).first()
    if program is None:
        known = ", ".join(Program.objects.order_by("slug").values_list("slug", flat=True)[:10])
        raise CommandError(
            _("Unknown program: %(slug)s (known programs: %(known)s).")
            % {"slug": slug, "known": known or _("none")}
        )
    return program


def person_or_error(employee_id: str) -> Person:
    person = Person.objects.filter(employee_id=employee_id).first()
    if person is None:
        raise CommandError(_("Unknown employee id: %(id)s.") % {"id": employee_id})
    return person
