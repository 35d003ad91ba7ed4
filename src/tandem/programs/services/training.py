"""Mentor training: which required modules a mentor has completed, and whether they are ready.

A mentor is *ready* for a program when they have completed every module it requires (or the
program does not require training). Completing a module twice changes nothing.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.accounts.audit import record
from tandem.people.models import Person
from tandem.programs.models import Program, TrainingCompletion, TrainingModule


@dataclass
class ModuleStatus:
    module: TrainingModule
    completed_at: object = None  # datetime or None

    @property
    def done(self) -> bool:
        return self.completed_at is not None


@dataclass
class Readiness:
    modules: list[ModuleStatus]
    required: bool

    @property
    def done_count(self) -> int:
        return sum(status.done for status in self.modules)

    @property
    def ready(self) -> bool:
        return not self.required or all(status.done for status in self.modules)


def completions_of(person: Person) -> dict[int, object]:
    """module id → completion time, in one query."""
    return dict(
        TrainingCompletion.objects.filter(person=person).values_list("module_id", "completed_at")
    )


def readiness(person: Person, program: Program, completions=None) -> Readiness:
    """The program's required modules (prefetched or read once) with the person's status."""
    done = completions_of(person) if completions is None else completions
    modules = sorted(program.required_modules.all(), key=lambda m: (m.position, m.slug))
    return Readiness(
        [ModuleStatus(m, done.get(m.pk)) for m in modules], required=program.require_training
    )


def complete_module(person: Person, module: TrainingModule, *, actor) -> TrainingCompletion:
    """Record the completion once; a second call returns the first record unchanged."""
    existing = TrainingCompletion.objects.filter(person=person, module=module).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            completion = TrainingCompletion.objects.create(
                person=person, module=module, completed_at=timezone.now()
            )
    except IntegrityError:  # a double click raced us; the first one won
        return TrainingCompletion.objects.get(person=person, module=module)
    record(actor, "training.completed", completion, module=module.slug)
    return completion
