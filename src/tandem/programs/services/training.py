"""Mentor training: a module is completed by passing its closing quiz or by a coach's sign-off,
as the program chooses (``Program.training_check``), and the completion records which.

A mentor is *ready* for a program when, for every module it requires, they have a completion
of the program's kind (or the program does not require training). The matching engine's
problem builder and the activation of a pair both ask ``trained_ids``/``missing_modules``
here, so the rule is one rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.people.models import Person
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program, TrainingCompletion, TrainingModule

Method = TrainingCompletion.Method


@dataclass
class ModuleStatus:
    module: TrainingModule
    completion: TrainingCompletion | None = None

    @property
    def done(self) -> bool:
        return self.completion is not None

    @property
    def completed_at(self):
        return self.completion.completed_at if self.completion else None


@dataclass
class Readiness:
    modules: list[ModuleStatus]
    required: bool
    check: str = Program.TrainingCheck.QUIZ

    @property
    def done_count(self) -> int:
        return sum(status.done for status in self.modules)

    @property
    def ready(self) -> bool:
        return not self.required or all(status.done for status in self.modules)


@dataclass
class QuizResult:
    score: int
    out_of: int
    passed: bool
    wrong: list[int]  # positions (1-based) of the questions answered wrongly
    completion: TrainingCompletion | None = None


def method_for(program: Program) -> str:
    return (
        Method.SIGNOFF if program.training_check == Program.TrainingCheck.SIGNOFF else Method.QUIZ
    )


def counting(program: Program):
    """The completions that count for ``program``: its modules, completed its way."""
    return TrainingCompletion.objects.filter(
        module__in=program.required_modules.all(), method=method_for(program)
    )


def trained_ids(program: Program, people) -> set[int] | None:
    """Who among ``people`` (person ids, or a query of them) completed every module the
    program requires, its way; None when the program requires no training (everyone)."""
    required = set(program.required_modules.values_list("id", flat=True))
    if not program.require_training or not required:
        return None
    done: dict[int, set] = {}
    rows = counting(program).filter(person_id__in=people).values_list("person_id", "module_id")
    for person_id, module_id in rows:
        done.setdefault(person_id, set()).add(module_id)
    return {pid for pid, modules in done.items() if required <= modules}


def missing_modules(person: Person, program: Program) -> list[TrainingModule]:
    if not program.require_training:
        return []
    done = counting(program).filter(person=person).values("module_id")
    return list(program.required_modules.exclude(pk__in=done))


def completions_of(person: Person) -> list[TrainingCompletion]:
    """Every completion of the person, in one query (a page of several programs reads once)."""
    return list(TrainingCompletion.objects.filter(person=person).select_related("signed_off_by"))


def readiness(person: Person, program: Program, completions=None) -> Readiness:
    """The program's required modules (prefetched or read once) with the person's completion
    of the program's kind."""
    completions = completions_of(person) if completions is None else completions
    method = method_for(program)
    found = {c.module_id: c for c in completions if c.method == method}
    modules = sorted(program.required_modules.all(), key=lambda m: (m.position, m.slug))
    return Readiness(
        [ModuleStatus(m, found.get(m.pk)) for m in modules],
        required=program.require_training,
        check=program.training_check,
    )


def _complete(person, module, method, *, actor, **values) -> TrainingCompletion:
    """Record the completion once per way; a second pass returns the first record."""
    existing = TrainingCompletion.objects.filter(person=person, module=module, method=method)
    if (found := existing.first()) is not None:
        return found
    try:
        with transaction.atomic():
            completion = TrainingCompletion.objects.create(
                person=person, module=module, method=method, completed_at=timezone.now(), **values
            )
    except IntegrityError:  # a double click raced us; the first one won
        return existing.get()
    record(
        actor,
        "training.completed",
        completion,
        person=person.pk,
        module=module.slug,
        method=method,
        score=values.get("score"),
    )
    return completion


def grade(module: TrainingModule, answers: dict[int, int]) -> tuple[int, int, list[int]]:
    """``answers``: question id -> chosen index. (right answers, questions, wrong positions)."""
    questions = list(module.questions.all())
    wrong = [
        position
        for position, q in enumerate(questions, start=1)
        if answers.get(q.pk) not in q.correct()
    ]
    return len(questions) - len(wrong), len(questions), wrong


def take_quiz(person: Person, module: TrainingModule, answers: dict[int, int], *, actor):
    """Grade the module's quiz; a pass (at least ``pass_mark`` right) completes the module."""
    score, out_of, wrong = grade(module, answers)
    if not out_of:
        raise ProgramsError(_("This module has no quiz; a coach signs it off."))
    passed = score >= min(module.pass_mark, out_of)
    result = QuizResult(score, out_of, passed, wrong)
    if passed:
        result.completion = _complete(
            person, module, Method.QUIZ, actor=actor, score=score, out_of=out_of
        )
    return result


def sign_off(person: Person, module: TrainingModule, *, actor, note: str = ""):
    """A coach (or a program manager) confirms the mentor completed the module with them."""
    note = " ".join((note or "").split())
    if len(note) > 300:
        raise ProgramsError(_("The note is too long (at most 300 characters)."))
    return _complete(person, module, Method.SIGNOFF, actor=actor, signed_off_by=actor, note=note)


def check_required(require_training: bool, modules) -> None:
    """A program requiring training requires modules: refuse an empty list."""
    if require_training and not list(modules):
        raise ProgramsError(
            _(
                "A program that requires training needs at least one module; choose modules "
                "or do not require training."
            )
        )
