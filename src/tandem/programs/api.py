"""Programs API: programs with their charter and matching weights, status changes,
enrolments (bulk, in the CSV import's columns) and mentor training completions.

Reading a program: its managers, coaches, sponsor and enrolled people; everything else: its
managers (``permissions.is_program_manager_of``). Changes go through the set-up forms of the
web pages and the same services, and a PATCH must name the version it read (409 otherwise).
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StrictStr, ValidationInfo, create_model, model_validator
from pydantic import ValidationError as SchemaError

from tandem.accounts.apikit import (
    Forbidden,
    Page,
    answers,
    bump_version,
    expected_version,
    refuse_rows,
)
from tandem.accounts.schemas import InputSchema, QuerySchema, Text
from tandem.people.api import ImportCountsOut
from tandem.people.models import Topic
from tandem.programs import forms
from tandem.programs.errors import ProgramsError
from tandem.programs.models import (
    Enrolment,
    MatchingMode,
    Program,
    TrainingModule,
)
from tandem.programs.permissions import (
    can_create_programs,
    get_managed_program_for,
    get_program_for,
    programs_for,
)
from tandem.programs.services.enrolment_import import COLUMNS, upsert_enrolments
from tandem.programs.services.lifecycle import change_status
from tandem.programs.services.setup import save_setup_step, start_draft
from tandem.programs.services.staffing import (
    apply_staff,
    renewable_programs,
    resolve,
    set_renews,
)
from tandem.programs.weights import MatchingWeights, problems

router = Router(tags=["programs"])
# The web set-up steps that edit model fields; the weights are read by ``WeightsIn``.
MODEL_STEPS = [
    forms.ObjectiveForm,
    forms.TopicsForm,
    forms.DatesForm,
    forms.CharterForm,
    forms.TrainingForm,
    forms.MatchingBudgetForm,
]


CLEARABLE = {"matching_time_limit"}  # settings where null is a value (no limit), not "unset"


class ProgramOut(Schema):
    id: int
    name: str
    slug: str
    objective: str
    status: str
    format: str
    circle_size: int
    start: dt.date
    end: dt.date
    cadence_days: int
    meeting_minutes: int
    inactivity_days: int
    inactivity_grace_days: int
    inactivity_notice_days: int
    confidentiality: str
    authorised_subjects: str
    deliverables: str
    progression_criteria: str
    require_training: bool
    training_check: str
    min_evidence: int
    evidence_months: int | None
    presentation_date: dt.date | None
    reporting_distance: int
    matching_mode: str
    request_days: int
    matching_time_limit: int | None
    weights: dict[str, Any] = Field(..., alias="effective_weights")
    topics: list[str]
    required_modules: list[str]
    sponsor_id: int | None
    sponsor: str | None
    managers: list[str]
    coaches: list[str]
    renews: str | None
    version: int

    @staticmethod
    def resolve_topics(program) -> list[str]:
        return sorted(program.topics.values_list("slug", flat=True))

    @staticmethod
    def resolve_sponsor(program) -> str | None:
        return program.sponsor.email if program.sponsor_id else None

    @staticmethod
    def resolve_managers(program) -> list[str]:
        return sorted(program.managers.values_list("email", flat=True))

    @staticmethod
    def resolve_coaches(program) -> list[str]:
        return sorted(program.coaches.values_list("email", flat=True))

    @staticmethod
    def resolve_renews(program) -> str | None:
        return program.renews.slug if program.renews_id else None

    @staticmethod
    def resolve_required_modules(program) -> list[str]:
        return sorted(program.required_modules.values_list("slug", flat=True))


class _KnownWeights(InputSchema):
    """Refuses an unknown weight by name with a 400 on ``weights``, as the set-up form did."""

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, values, handler, info: ValidationInfo):
        known = MatchingWeights.model_fields
        unknown = sorted(set(values) - set(known)) if isinstance(values, dict) else []
        if unknown:
            raise ValidationError({"weights": _("Unknown weights: %s") % ", ".join(unknown)})
        return super()._run_root_validator(values, handler, info)


# ``MatchingWeights`` with every key optional: a missing key keeps its value.
WeightsIn = create_model(
    "WeightsIn",
    __base__=_KnownWeights,
    **{name: (f.annotation | None, None) for name, f in MatchingWeights.model_fields.items()},
)


class ProgramSettings(InputSchema):
    """Every setting is optional; topics and modules by slug; weights as in ``MatchingWeights``
    (a missing key keeps its value)."""

    objective: Text | None = None
    format: Program.Format | None = None
    circle_size: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    cadence_days: int | None = None
    meeting_minutes: int | None = None
    inactivity_days: int | None = Field(
        None, description="Days without a meeting before a pair is nudged; 0 turns it off."
    )
    inactivity_grace_days: int | None = Field(
        None, description="Days after the nudge before the alert and the closing notice."
    )
    inactivity_notice_days: int | None = Field(
        None, description="Days of notice before an inactive pair is closed."
    )
    confidentiality: Text | None = None
    authorised_subjects: Text | None = None
    deliverables: Text | None = None
    progression_criteria: Text | None = None
    require_training: bool | None = None
    training_check: Program.TrainingCheck | None = None
    min_evidence: int | None = None
    evidence_months: int | None = Field(None, description="Evidence older than this expires.")
    presentation_date: dt.date | None = None
    reporting_distance: int | None = None
    matching_mode: MatchingMode | None = None
    request_days: int | None = None
    matching_time_limit: int | None = Field(
        None, description="Seconds a run started here or on the site may take; null: no limit."
    )
    topics: list[str] | None = None
    required_modules: list[str] | None = None
    weights: WeightsIn | None = None
    managers: list[StrictStr] | None = Field(None, description="Emails of accounts.")
    coaches: list[StrictStr] | None = Field(None, description="Emails of people.")
    sponsor: StrictStr | None = Field(None, description="An email; an empty text removes it.")
    renews: StrictStr | None = Field(None, description="A slug; an empty text removes it.")


class ProgramIn(ProgramSettings):
    name: str = Field(..., min_length=1, max_length=200)


class ProgramPatch(ProgramSettings):
    name: str | None = Field(None, min_length=1, max_length=200)
    version: int | None = Field(None, description="The version you read (or send If-Match).")


class StatusIn(InputSchema):
    status: Program.Status


class EnrolmentOut(Schema):
    id: int
    program_id: int
    person_id: int
    employee_id: str = Field(..., alias="person.employee_id")
    full_name: str = Field(..., alias="person.full_name")
    role: str
    status: str
    capacity: int
    languages: list[str]
    availability: list[str]
    coach_id: int | None


class EnrolmentFilter(QuerySchema):
    role: Enrolment.Role | None = None
    status: Enrolment.Status | None = None
    topic: str | None = Field(
        None, description="A topic slug: mentors' competences, mentees' needs."
    )


class RowsIn(InputSchema):
    rows: list[dict[str, Any]] = Field(
        ..., description="Rows with the enrolment import's column names: " + ", ".join(COLUMNS)
    )


class EnrolmentReportOut(ImportCountsOut):
    pass  # the counts alone: an enrolment import creates no organisations, so has no notes


def _form_data(program: Program, form_class, changes: dict) -> dict:
    data = model_to_dict(program, fields=form_class._meta.fields)
    for name, value in data.items():
        if isinstance(value, list):  # many-to-many: objects → primary keys
            data[name] = [item.pk for item in value]
    return {**data, **changes}


def _slugs_to_pks(model, slugs: list[str], field: str) -> list[int]:
    found = dict(model.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    if missing := [slug for slug in slugs if slug not in found]:
        raise ValidationError({field: _("Unknown: %s") % ", ".join(missing)})
    return [found[slug] for slug in slugs]


def _weights(program: Program, changes: dict) -> MatchingWeights:
    """The program's weights with the changes over them, checked (or a 400 naming them)."""
    try:
        return MatchingWeights.read(program.weights, **changes)
    except SchemaError as error:
        raise ValidationError({"weights": problems(error)}) from None


def _bound_forms(program: Program, changes: dict) -> list:
    """The set-up forms the change touches, bound and valid (or a 400 naming the field), and
    the new weights if the change has any."""
    changes = dict(changes)
    if "topics" in changes:
        changes["topics"] = _slugs_to_pks(Topic, changes["topics"], "topics")
    if "required_modules" in changes:
        modules = _slugs_to_pks(TrainingModule, changes["required_modules"], "required_modules")
        changes["required_modules"] = modules
    bound = []
    for form_class in MODEL_STEPS:
        mine = {k: v for k, v in changes.items() if k in form_class._meta.fields}
        if mine:
            bound.append(form_class(_form_data(program, form_class, mine), instance=program))
    for form in bound:
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
    if "weights" in changes:
        bound.append(_weights(program, changes["weights"]))
    return bound


def _save(program: Program, bound: list, actor) -> None:
    for form in bound:
        if isinstance(form, MatchingWeights):
            program.weights = form.stored()
            program.save(update_fields=["weights"])
        else:
            save_setup_step(form, step="api", actor=actor)


STAFF = ("managers", "coaches", "sponsor", "renews")


def _staff(user, program: Program, changes: dict) -> tuple[dict, dict]:
    """Managers, coaches, sponsor and renewal out of ``changes``, resolved (or a 400 naming the
    unknown email) before anything is written; the rest of the changes."""
    staff = {key: changes.pop(key) for key in STAFF if key in changes}
    renews = staff.pop("renews", None)
    resolved = resolve(**staff)
    if renews is not None:
        found = renewable_programs(program, user).filter(slug=renews).first() if renews else None
        if renews and found is None:
            raise ValidationError({"renews": _("No program of yours has the slug “%s”.") % renews})
        resolved["renews"] = found
    return resolved, changes


def _save_staff(program: Program, resolved: dict, actor) -> None:
    if "renews" in resolved:
        set_renews(program, resolved.pop("renews"), actor=actor)
    apply_staff(program, resolved, actor=actor, via="api")


@router.get("/programs", response=answers(200, list[ProgramOut]))
@paginate(Page)
def list_programs(request, status: Program.Status | None = None):
    programs = programs_for(request.user).order_by("pk")
    return programs if status is None else programs.filter(status=status)


@router.post("/programs", response=answers(201, ProgramOut))
def create(request, payload: ProgramIn):
    """A draft program (its creator manages it) with any settings given at once."""
    if not can_create_programs(request.user):
        raise Forbidden(_("Only HR program managers can create programs."))
    changes = payload.dict(exclude_none=True, exclude={"name", "objective"})
    with transaction.atomic():
        program = start_draft(payload.name, payload.objective or "", actor=request.user)
        staff, changes = _staff(request.user, program, changes)
        _save(program, _bound_forms(program, changes), request.user)
        _save_staff(program, staff, request.user)
    return Status(201, Program.objects.get(pk=program.pk))


@router.get("/programs/{program_id}", response=answers(200, ProgramOut))
def read(request, program_id: int):
    return get_program_for(request.user, program_id)


@router.patch("/programs/{program_id}", response=answers(200, ProgramOut))
def update(request, program_id: int, payload: ProgramPatch):
    """Change settings, the charter or the weights; send the version you read."""
    program = get_managed_program_for(request.user, program_id)
    expected = expected_version(request, payload.version)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    changes = {k: v for k, v in changes.items() if v is not None or k in CLEARABLE}
    staff, changes = _staff(request.user, program, changes)
    bound = _bound_forms(program, changes)
    with transaction.atomic():
        bump_version(program, expected)
        _save(program, bound, request.user)
        _save_staff(program, staff, request.user)
    return Program.objects.get(pk=program.pk)


@router.post("/programs/{program_id}/status", response=answers(200, ProgramOut))
def set_status(request, program_id: int, payload: StatusIn):
    """One step forward: draft → recruiting → matching → running → closed."""
    program = get_managed_program_for(request.user, program_id)
    return change_status(program, payload.status, actor=request.user)


@router.get("/programs/{program_id}/enrolments", response=answers(200, list[EnrolmentOut]))
@paginate(Page)
def list_enrolments(request, program_id: int, filters: Query[EnrolmentFilter]):
    program = get_managed_program_for(request.user, program_id)
    enrolments = program.enrolments.select_related("person").order_by("pk")
    if filters.role:
        enrolments = enrolments.filter(role=filters.role)
    if filters.status:
        enrolments = enrolments.filter(status=filters.status)
    if filters.topic:
        mentors = enrolments.filter(role=Enrolment.Role.MENTOR)
        mentors = mentors.filter(person__competences__topic__slug=filters.topic)
        mentees = enrolments.filter(role=Enrolment.Role.MENTEE)
        mentees = mentees.filter(person__needs__topic__slug=filters.topic)
        enrolments = (mentors | mentees).distinct()
    return enrolments


@router.post("/programs/{program_id}/enrolments/bulk", response=answers(200, EnrolmentReportOut))
def bulk_enrol(request, program_id: int, payload: RowsIn):
    """The enrolment CSV import in JSON: all-or-nothing, errors name the row and column."""
    program = get_managed_program_for(request.user, program_id)
    report = upsert_enrolments(program, payload.rows, actor=request.user, source_name="API")
    if report.errors:
        refuse_rows(ProgramsError, report)
    return report.as_dict()


# Training (quizzes, sign-offs), invitations, competences' evidence and the qualified
# mentors' table: the same router, in their own module.
from tandem.programs import api_setup  # noqa: E402, F401
