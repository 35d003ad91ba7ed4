"""To-dos of a mentor's programs: finish the training modules the program requires."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.programs.models import Enrolment, Program, TrainingCompletion, TrainingModule
from tandem.web.todos import Reader, Todo, provider, todo

OPEN_ENROLMENT = (Enrolment.Status.APPLIED, Enrolment.Status.ACCEPTED)


def training_due(person, enrolments: list[Enrolment]) -> list[tuple[Program, TrainingModule]]:
    """(program, module) for each required module the person has not completed in the
    programs they mentor (applied or accepted, program not closed), from their enrolments
    (with their program) in two queries, none when no such program requires training."""
    programs = {
        e.program_id: e.program
        for e in enrolments
        if e.role == Enrolment.Role.MENTOR
        and e.status in OPEN_ENROLMENT
        and e.program.require_training
        and e.program.status != Program.Status.CLOSED
    }
    if not programs:
        return []
    ordered = sorted(programs.values(), key=lambda p: (p.start, p.pk))
    prefetch_related_objects(ordered, "required_modules")
    done = set(TrainingCompletion.objects.filter(person=person).values_list("module_id", flat=True))
    return [
        (program, module)
        for program in ordered
        for module in sorted(program.required_modules.all(), key=lambda m: (m.position, m.slug))
        if module.pk not in done
    ]


def modules_due(person):
    """The required modules the person has not finished in the programs they mentor (for
    the header, which asks on every page as a subquery)."""
    open_programs = [s for s in Program.Status.values if s != Program.Status.CLOSED]
    return TrainingModule.objects.filter(
        programs__enrolments__person=person,
        programs__enrolments__role=Enrolment.Role.MENTOR,
        programs__enrolments__status__in=OPEN_ENROLMENT,
        programs__require_training=True,
        programs__status__in=open_programs,
    ).exclude(completions__person=person)


@provider
def training(reader: Reader) -> list[Todo]:
    """The start of the program is the date: mentors are trained before they meet."""
    return [
        todo(
            "training",
            _("Finish the training module “%(module)s” (%(program)s)")
            % {"module": module.name, "program": program.name},
            reverse("participant:training-module", args=[program.slug, module.slug]),
            program.start,
            reader,
            program=program.slug,
        )
        for program, module in training_due(reader.person, reader.enrolments)
    ]
