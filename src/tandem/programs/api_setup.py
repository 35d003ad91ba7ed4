"""Programs API, continued: training (a module's quiz, taking it, a coach's sign-off),
invitations, recording a mentor's evidence, and the qualified mentors per topic and level.

Routes on ``programs.api.router``; the permissions are the pages': a program's managers and
coaches sign off and record evidence, its managers invite, a mentor takes their own quiz.
"""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from tandem.accounts.apikit import Forbidden, Page, answers
from tandem.accounts.schemas import InputSchema
from tandem.people.api import CompetenceOut
from tandem.people.api_evidence import AssessmentIn, CertificationIn
from tandem.people.errors import PeopleError
from tandem.people.models import Competence, Person
from tandem.people.services.competences import assess_competence, certify_competence
from tandem.programs.api import router
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Enrolment, Program, TrainingCompletion, TrainingModule
from tandem.programs.permissions import (
    get_managed_program_for,
    get_program_for,
    get_supervised_program_for,
)
from tandem.programs.services import invitations, training
from tandem.programs.services.qualification import evidence_table


class ModuleOut(Schema):
    id: int
    slug: str
    name: str
    duration_minutes: int
    pass_mark: int
    questions: int

    @staticmethod
    def resolve_questions(module) -> int:
        return module.questions.count()


class CompletionOut(Schema):
    id: int
    person_id: int
    module: str = Field(..., alias="module.slug")
    method: str
    score: int | None
    out_of: int | None
    signed_off_by_id: int | None
    completed_at: dt.datetime


class QuizChoiceOut(Schema):
    en: str
    fr: str


class QuizQuestionOut(Schema):
    id: int
    position: int
    text_en: str
    text_fr: str
    choices: list[QuizChoiceOut]

    @staticmethod
    def resolve_choices(question) -> list[dict]:
        return [{"en": c.get("en", ""), "fr": c.get("fr", "")} for c in question.choices]


class QuizOut(Schema):
    module: str
    pass_mark: int
    questions: list[QuizQuestionOut]


class QuizAnswerIn(InputSchema):
    question: int
    choice: int = Field(..., ge=0, description="The index of the chosen answer.")


class QuizIn(InputSchema):
    answers: list[QuizAnswerIn]


class QuizResultOut(Schema):
    score: int
    out_of: int
    passed: bool
    wrong: list[int] = Field(..., description="Positions (from 1) of the wrong answers.")
    completion: CompletionOut | None


class SignOffIn(InputSchema):
    employee_id: str
    module: str = Field(..., description="The module's slug.")
    note: str = Field("", max_length=300)


class InviteIn(InputSchema):
    dry_run: bool = False
    emails: list[str] | None = Field(
        None, description="Only these people; every enrolled person without an account if none."
    )


class InviteOut(Schema):
    dry_run: bool
    invited: list[str]
    has_account: list[str]
    pending: list[str]
    inactive: list[str]


class LevelCount(Schema):
    evidence: int
    label: str
    mentors: int


class TopicQualifiedOut(Schema):
    topic: str
    at_least: list[LevelCount]
    at_minimum: int
    trained_at_minimum: int


class QualifiedOut(Schema):
    min_evidence: int
    evidence_months: int | None
    require_training: bool
    topics: list[TopicQualifiedOut]


@router.get("/training-modules", response=answers(200, list[ModuleOut]))
@paginate(Page)
def list_modules(request):
    return TrainingModule.objects.order_by("pk")


@router.get(
    "/programs/{program_id}/training-completions", response=answers(200, list[CompletionOut])
)
@paginate(Page)
def list_completions(request, program_id: int):
    program = get_managed_program_for(request.user, program_id)

    people = program.enrolments.values("person_id")
    return (
        TrainingCompletion.objects.filter(person_id__in=people)
        .select_related("module")
        .order_by("pk")
    )


@router.get("/training-modules/{slug}/quiz", response=answers(200, QuizOut))
def module_quiz(request, slug: str):
    """A module's questions and choices in English and French (not which are right)."""
    module = get_object_or_404(TrainingModule, slug=slug)
    return {
        "module": module.slug,
        "pass_mark": module.pass_mark,
        "questions": list(module.questions.all()),
    }


def _mentor(user, program: Program) -> Person:
    enrolment = (
        Enrolment.objects.filter(
            program=program,
            person__user_id=user.pk,
            role=Enrolment.Role.MENTOR,
            status__in=[Enrolment.Status.APPLIED, Enrolment.Status.ACCEPTED],
        )
        .select_related("person")
        .first()
    )
    if enrolment is None:
        raise Forbidden(_("Only the program's mentors take its training."))
    return enrolment.person


@router.post("/programs/{program_id}/training/{slug}/quiz", response=answers(200, QuizResultOut))
def take_quiz(request, program_id: int, slug: str, payload: QuizIn):
    """The signed-in mentor answers a required module's quiz; a pass completes the module."""
    program = get_program_for(request.user, program_id)
    person = _mentor(request.user, program)
    module = get_object_or_404(program.required_modules, slug=slug)
    answers_by_id = {a.question: a.choice for a in payload.answers}
    result = training.take_quiz(person, module, answers_by_id, actor=request.user)
    return result.__dict__


@router.post("/programs/{program_id}/training-completions", response=answers(201, CompletionOut))
def sign_off(request, program_id: int, payload: SignOffIn):
    """A coach or manager signs off a module for an enrolled mentor (programs whose modules
    are completed by a sign-off)."""
    program = get_supervised_program_for(request.user, program_id)
    if program.training_check != Program.TrainingCheck.SIGNOFF:
        raise ProgramsError(
            _("This program's modules are completed by their quiz, not by a sign-off.")
        )
    person = Person.objects.filter(
        employee_id=payload.employee_id, enrolments__program=program
    ).first()
    if person is None:
        raise PeopleError(_("Nobody with this employee id is enrolled in this program."))
    module = get_object_or_404(program.required_modules, slug=payload.module)
    completion = training.sign_off(person, module, actor=request.user, note=payload.note)
    return Status(201, completion)


@router.post("/programs/{program_id}/invitations", response=answers(200, InviteOut))
def invite(request, program_id: int, payload: InviteIn):
    """Invite the enrolled people without an account (or the named ones), in their language;
    those with an account or a valid invitation are skipped and listed."""
    program = get_managed_program_for(request.user, program_id)
    if payload.emails is not None:
        people = invitations.by_email(payload.emails)
        enrolled = set(invitations.enrolled(program).values_list("pk", flat=True))
        if outside := [p.email for p in people if p.pk not in enrolled]:
            raise ProgramsError(
                _("Not enrolled in this program: %(emails)s") % {"emails": ", ".join(outside)}
            )
        report = invitations.invite(people, actor=request.user, dry_run=payload.dry_run)
    else:
        report = invitations.invite_program(program, actor=request.user, dry_run=payload.dry_run)
    return report.as_dict()


@router.get("/programs/{program_id}/qualified-mentors", response=answers(200, QualifiedOut))
def qualified_mentors(request, program_id: int):
    """Accepted mentors per topic with each evidence level or better (expired evidence counts
    as self-declared), and how many at the program's minimum passed the training."""
    program = get_managed_program_for(request.user, program_id)
    table = evidence_table(program)
    return {
        "min_evidence": program.min_evidence,
        "evidence_months": program.evidence_months,
        "require_training": program.require_training,
        "topics": [
            {
                "topic": row.topic.slug,
                "at_least": [
                    {"evidence": level, "label": str(label), "mentors": row.at_least[level]}
                    for level, label in table.levels
                ],
                "at_minimum": row.at_minimum,
                "trained_at_minimum": row.trained,
            }
            for row in table.rows
        ],
    }


def _mentor_competence(user, program_id: int, competence_id: int) -> Competence:
    """A competence of one of the program's mentors, in its topics, for its supervisors."""
    program = get_supervised_program_for(user, program_id)
    mentors = program.enrolments.filter(role=Enrolment.Role.MENTOR).values("person_id")
    return get_object_or_404(
        Competence.objects.select_related("person", "topic"),
        pk=competence_id,
        person_id__in=mentors,
        topic__in=program.topics.all(),
    )


@router.post(
    "/programs/{program_id}/competences/{competence_id}/assessment",
    response=answers(200, CompetenceOut),
)
def assess(request, program_id: int, competence_id: int, payload: AssessmentIn):
    """A manager or coach of the program records an assessment of a mentor's competence."""
    competence = _mentor_competence(request.user, program_id, competence_id)
    return assess_competence(competence, actor=request.user, note=payload.note)


@router.post(
    "/programs/{program_id}/competences/{competence_id}/certification",
    response=answers(200, CompetenceOut),
)
def certify(request, program_id: int, competence_id: int, payload: CertificationIn):
    competence = _mentor_competence(request.user, program_id, competence_id)
    return certify_competence(
        competence, actor=request.user, name=payload.name, on=payload.obtained_on
    )
