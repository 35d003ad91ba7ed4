"""A person applying to a recruiting program, withdrawing, and keeping their enrolment
details (availability, capacity, languages) up to date.

Availability is checked by the same parser as the CSV import (``availability.py``), so a slot
typed in a form and a slot in a file are refused with the same words.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.people.models import Person
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Enrolment, Program
from tandem.programs.services.availability import SlotError, normalise_slots
from tandem.programs.services.enrolment_rows import MAX_CAPACITY, MAX_GROUP_CAPACITY

OPEN = (Enrolment.Status.APPLIED, Enrolment.Status.ACCEPTED)
# Enrolments that keep a person from applying again to the same program.
BLOCKING = (*OPEN, Enrolment.Status.DECLINED)
EDITABLE_PROGRAMS = (
    Program.Status.RECRUITING,
    Program.Status.MATCHING,
    Program.Status.SCHEDULED,
    Program.Status.RUNNING,
)


def max_capacity(program: Program) -> int:
    return MAX_GROUP_CAPACITY if program.format == Program.Format.GROUP else MAX_CAPACITY


def open_programs_for(person: Person):
    """Recruiting programs the person has no open (or declined) enrolment in."""
    taken = Enrolment.objects.filter(person=person, status__in=BLOCKING).values("program_id")
    return Program.objects.filter(status=Program.Status.RECRUITING).exclude(pk__in=taken)


@transaction.atomic
def apply(person: Person, program: Program, *, role: str, motivation: str, actor) -> Enrolment:
    """An application (status *applied*); a withdrawn one in the same role is reopened."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.status != Program.Status.RECRUITING:
        raise ProgramsError(_("This program is not recruiting."))
    if role not in Enrolment.Role.values:
        raise ProgramsError(_("Choose whether you apply as a mentor or as a mentee."))
    if Enrolment.objects.filter(person=person, program=program, status__in=BLOCKING).exists():
        raise ProgramsError(_("You have already applied to this program."))
    enrolment, _created = Enrolment.objects.update_or_create(
        program=program,
        person=person,
        role=role,
        defaults={"status": Enrolment.Status.APPLIED, "motivation": motivation.strip()},
    )
    record(actor, "enrolment.applied", enrolment, role=role)
    return enrolment


@transaction.atomic
def withdraw(enrolment: Enrolment, *, actor) -> Enrolment:
    """Withdraw an application, or an acceptance while the program still recruits."""
    enrolment = Enrolment.objects.select_for_update().select_related("program").get(pk=enrolment.pk)
    recruiting = enrolment.program.status == Program.Status.RECRUITING
    if not (
        enrolment.status == Enrolment.Status.APPLIED
        or (enrolment.status == Enrolment.Status.ACCEPTED and recruiting)
    ):
        raise ProgramsError(
            _("This enrolment can no longer be withdrawn here; ask the program manager.")
        )
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.save(update_fields=["status", "updated_at"])
    record(actor, "enrolment.withdrawn", enrolment)
    return enrolment


@transaction.atomic
def update_details(
    enrolment: Enrolment,
    *,
    availability: list[str],
    languages: list[str],
    capacity: int | None,
    actor,
) -> Enrolment:
    """Availability slots (normalised), languages override (empty: the profile's), and a
    mentor's capacity within the program's limit."""
    program = enrolment.program
    if enrolment.status not in OPEN or program.status not in EDITABLE_PROGRAMS:
        raise ProgramsError(_("This enrolment can no longer be changed."))
    try:
        slots = normalise_slots(availability)
    except SlotError as exc:
        raise ProgramsError(str(exc)) from None
    fields = ["availability", "languages", "updated_at"]
    enrolment.availability, enrolment.languages = slots, list(dict.fromkeys(languages))
    if enrolment.role == Enrolment.Role.MENTOR and capacity is not None:
        limit = max_capacity(program)
        if not 1 <= capacity <= limit:
            raise ProgramsError(
                _("A mentor's capacity is a number from 1 to %(limit)s.") % {"limit": limit}
            )
        enrolment.capacity = capacity
        fields.append("capacity")
    enrolment.save(update_fields=fields)
    record(actor, "enrolment.details_updated", enrolment)
    return enrolment
