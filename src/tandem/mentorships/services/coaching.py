"""Which mentorships a coach (or a program manager) supervises: the scope that insights'
pages and the permission helpers read. Supervisors see statuses, dates and aggregates there,
never a preparation, a log, a goal's notes or a progress comment."""

from __future__ import annotations

from django.db.models import F, Q

from tandem.mentorships.models import Mentorship
from tandem.mentorships.permissions import person_of
from tandem.programs.models import Program


def supervised(user, program: Program | None = None):
    """Mentorships the user coaches (program coach or enrolment coach) or manages."""
    person = person_of(user)
    q = Q(pk__in=[])
    if person is not None:
        q |= Q(program__coaches=person)
        q |= Q(
            participants__person__enrolments__coach=person,
            participants__person__enrolments__program=F("program"),
        )
    if getattr(user, "is_authenticated", False):
        q |= Q(program__managers=user)
        if user.is_superuser:  # as ``is_program_manager_of``: superusers administer every program
            q = Q()
    qs = Mentorship.objects.filter(q)
    if program is not None:
        qs = qs.filter(program=program)
    return Mentorship.objects.filter(pk__in=qs.values("pk")).select_related("program")
