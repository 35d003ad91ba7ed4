"""People API: organisations, topics, the directory (with the CSV import's bulk upsert),
competences with their evidence and verification, and learning needs.

The directory is for HR program managers (``permissions.can_manage_directory``); a person
reads and edits their own profile. Creating and updating people go through
``upsert_people``, so the API refuses exactly what the CSV import refuses, in the same words.

Reading someone else's person, competences or needs leaves an audit event (``_read``); the
directory listing does not (one event per listed page would drown the reads that matter).
"""

import datetime as dt
from typing import Any

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from tandem.accounts.apikit import Forbidden, Page, answers, refuse_rows
from tandem.accounts.audit import record_read
from tandem.accounts.schemas import InputSchema, QuerySchema
from tandem.people.errors import PeopleError
from tandem.people.models import (
    Evidence,
    LearningNeed,
    Organization,
    Person,
    Topic,
)
from tandem.people.permissions import (
    can_manage_directory,
    get_person_for,
)
from tandem.people.services import organizations, profile, provenance
from tandem.people.services.people_import import upsert_people
from tandem.people.services.people_validation import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

router = Router(tags=["people"])
COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)


class OrganizationOut(Schema):
    id: int
    name: str
    slug: str
    kind: str


class OrganizationIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=200)
    kind: str = Field("partner", pattern="^(host|partner)$")


class OrganizationPatch(InputSchema):
    name: str | None = Field(None, min_length=1, max_length=200)
    kind: str | None = Field(None, pattern="^(host|partner)$")


class TopicOut(Schema):
    id: int
    slug: str
    name: str
    name_en: str
    name_fr: str
    side: str
    is_active: bool


class PersonOut(Schema):
    id: int
    employee_id: str
    email: str
    full_name: str
    title: str
    department: str
    site: str
    timezone: str
    languages: list[str]
    organization_id: int
    manager_id: int | None
    is_active: bool
    updated_at: dt.datetime


class PersonWrittenOut(PersonOut):
    """A person just created or changed, and what Tandem decided on the way."""

    organization_kind: str = Field(..., description="host or partner")
    notes: list[str] = Field(
        ..., description='What Tandem decided, e.g. "PartnerCo: new partner organisation".'
    )


class PersonIn(InputSchema):
    """One person in the CSV import's columns (``languages`` as ``fr|en`` or a list)."""

    employee_id: str
    email: str
    full_name: str
    title: str = ""
    department: str = ""
    manager_id: str = Field("", description="The manager's employee id.")
    organization: str = Field(..., description="The organisation's name.")
    organization_kind: str | None = Field(
        None, description="host or partner; a new organisation without it: see the import."
    )
    site: str = ""
    timezone: str = ""
    languages: str | list[str] = ""
    gender: str | None = None
    birth_year: str | int | None = None


class PersonPatch(InputSchema):
    email: str | None = None
    full_name: str | None = None
    title: str | None = None
    department: str | None = None
    manager_id: str | None = Field(None, description="The manager's employee id; '' for none.")
    organization: str | None = None
    organization_kind: str | None = Field(None, description="host or partner")
    site: str | None = None
    timezone: str | None = None
    languages: str | list[str] | None = None


class BulkIn(InputSchema):
    rows: list[dict[str, Any]] = Field(
        ..., description="Rows with the CSV import's column names: " + ", ".join(COLUMNS)
    )


class ImportCountsOut(Schema):
    """What every bulk import answers (people here, enrolments in programs)."""

    created: int
    updated: int
    unchanged: int
    rejected: int
    written: bool


class PeopleReportOut(ImportCountsOut):
    notes: list[str] = Field(
        ..., description='What the import decided, e.g. "PartnerCo: new partner organisation".'
    )


class PeopleFilter(QuerySchema):
    organization: int | None = None
    department: str | None = None
    q: str | None = Field(None, description="Part of a name, email or employee id.")
    active: bool | None = None


class CompetenceOut(Schema):
    """A competence and who vouched for its evidence (``source``, in words in
    ``source_text``): ``endorser_id`` for an endorsement, ``verified_by_id`` for who recorded
    an assessment, a certification or an HR import, ``source_note`` for the assessment's note,
    the certification's name or the imported file, ``evidence_date`` for when it was given."""

    id: int
    person_id: int
    topic_id: int
    topic: str = Field(..., alias="topic.slug")
    level: int
    evidence: int
    evidence_label: str = Field(..., alias="get_evidence_display")
    source: str
    source_text: str
    source_note: str
    evidence_date: dt.date | None
    endorser_id: int | None
    verified_by_id: int | None
    verified_at: dt.datetime | None

    @staticmethod
    def resolve_source_text(competence) -> str:
        return provenance.describe(competence)


class CompetenceIn(InputSchema):
    id: int | None = Field(None, description="An existing row's id to change it; none to add.")
    topic: str = Field(..., description="The topic's slug.")
    level: int = Field(..., ge=1, le=4)
    evidence: int = Field(Evidence.SELF, ge=0, le=3)
    delete: bool = False


class NeedOut(Schema):
    id: int
    person_id: int
    topic_id: int
    topic: str = Field(..., alias="topic.slug")
    priority: int
    current_level: int


class NeedIn(InputSchema):
    id: int | None = None
    topic: str
    priority: int = Field(1, ge=0, le=2)
    current_level: int = Field(1, ge=0, le=4)
    delete: bool = False


def _require_directory(user) -> None:
    if not can_manage_directory(user):
        raise Forbidden(_("Only HR program managers can manage the people directory."))


@router.get("/organizations", response=answers(200, list[OrganizationOut]))
@paginate(Page)
def list_organizations(request):
    return Organization.objects.order_by("pk")


@router.get("/organizations/{organization_id}", response=answers(200, OrganizationOut))
def get_organization(request, organization_id: int):
    return get_object_or_404(Organization, pk=organization_id)


@router.post("/organizations", response=answers(201, OrganizationOut))
def create_organization(request, payload: OrganizationIn):
    _require_directory(request.user)
    org = organizations.create_organization(
        name=payload.name, kind=payload.kind, actor=request.user
    )
    return Status(201, org)


@router.patch("/organizations/{organization_id}", response=answers(200, OrganizationOut))
def update_organization(request, organization_id: int, payload: OrganizationPatch):
    _require_directory(request.user)
    org = get_object_or_404(Organization, pk=organization_id)
    return organizations.update_organization(
        org, name=payload.name, kind=payload.kind, actor=request.user
    )


@router.get("/topics", response=answers(200, list[TopicOut]))
@paginate(Page)
def list_topics(request, active: bool | None = None):
    topics = Topic.objects.order_by("pk")
    return topics if active is None else topics.filter(is_active=active)


@router.get("/topics/{topic_id}", response=answers(200, TopicOut))
def get_topic(request, topic_id: int):
    return get_object_or_404(Topic, pk=topic_id)


@router.get("/people", response=answers(200, list[PersonOut]), summary="The directory")
@paginate(Page)
def list_people(request, filters: Query[PeopleFilter]):
    _require_directory(request.user)
    people = Person.objects.order_by("pk")
    if filters.organization is not None:
        people = people.filter(organization_id=filters.organization)
    if filters.department:
        people = people.filter(department__iexact=filters.department)
    if filters.active is not None:
        people = people.filter(is_active=filters.active)
    if filters.q:
        q = filters.q.strip()
        people = people.filter(
            Q(full_name__icontains=q) | Q(email__icontains=q) | Q(employee_id__iexact=q)
        )
    return people


@router.post("/people/bulk", response=answers(200, PeopleReportOut), summary="Upsert people")
def bulk_upsert(request, payload: BulkIn):
    """The CSV import in JSON: every row checked first; one bad row and nothing is written."""
    _require_directory(request.user)
    return _upsert(request, payload.rows).as_dict()


@router.get("/people/{person_id}", response=answers(200, PersonOut))
def get_person(request, person_id: int):
    return _read(request, person_id, "profile")


def _read(request, person_id: int, section: str) -> Person:
    """The person (permission checked), the read audited unless it is the reader's own."""
    person = get_person_for(request.user, person_id)
    record_read(request.user, person, person.user_id, via="api", section=section)
    return person


def _upsert(request, rows: list[dict]) -> Any:
    """All-or-nothing through the import; a refused row is a 400 naming row and column."""
    report = upsert_people(rows, actor=request.user)
    if report.errors:
        refuse_rows(PeopleError, report)
    return report


@router.post("/people", response=answers(201, PersonWrittenOut))
def create_person(request, payload: PersonIn):
    _require_directory(request.user)
    if Person.objects.filter(employee_id=payload.employee_id.strip()).exists():
        raise PeopleError(
            _("A person with the employee id %s already exists.") % payload.employee_id
        )
    report = _upsert(request, [payload.dict(exclude_none=True)])
    return Status(
        201, _written(Person.objects.get(employee_id=payload.employee_id.strip()), report)
    )


def _written(person: Person, report) -> Person:
    """The person with their organisation's kind and the import's decisions (a new
    organisation, a kind changed, a manager in another organisation): none is silent."""
    person.organization_kind, person.notes = person.organization.kind, list(report.notes)
    return person


def _as_row(person: Person) -> dict:
    return {
        "employee_id": person.employee_id,
        "email": person.email,
        "full_name": person.full_name,
        "title": person.title,
        "department": person.department,
        "manager_id": person.manager.employee_id if person.manager_id else "",
        "organization": person.organization.name,
        "site": person.site,
        "timezone": person.timezone,
        "languages": list(person.languages or []),
    }


@router.patch("/people/{person_id}", response=answers(200, PersonWrittenOut))
def update_person(request, person_id: int, payload: PersonPatch):
    person = get_person_for(request.user, person_id)
    _require_directory(request.user)
    report = _upsert(request, [{**_as_row(person), **payload.dict(exclude_unset=True)}])
    return _written(Person.objects.get(pk=person.pk), report)


@router.get("/people/{person_id}/competences", response=answers(200, list[CompetenceOut]))
@paginate(Page)
def list_competences(request, person_id: int):
    person = _read(request, person_id, "competences")
    return person.competences.select_related("topic").order_by("pk")


def _topic_id(slug: str) -> int:
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise PeopleError(_("Unknown topic “%s”.") % slug)
    return topic.pk


def _changeable(user, person_id: int) -> Person:
    """The person whose profile ``user`` may change: their own, or anyone's for HR."""
    person = get_person_for(user, person_id)
    if person.user_id != user.pk and not can_manage_directory(user):
        raise Forbidden(_("Only the person and HR program managers can change this."))
    return person


@router.put("/people/{person_id}/competences", response=answers(200, list[CompetenceOut]))
def save_competences(request, person_id: int, payload: list[CompetenceIn]):
    """The profile's rule: evidence above self-declared comes from a verification only."""
    person = _changeable(request.user, person_id)
    rows = [
        profile.CompetenceRow(r.id, _topic_id(r.topic), r.level, r.evidence, r.delete)
        for r in payload
    ]
    profile.save_competences(person, rows, actor=request.user)
    return list(person.competences.select_related("topic").order_by("pk"))


@router.get("/people/{person_id}/needs", response=answers(200, list[NeedOut]))
@paginate(Page)
def list_needs(request, person_id: int):
    person = _read(request, person_id, "needs")
    return person.needs.select_related("topic").order_by("pk")


@router.put("/people/{person_id}/needs", response=answers(200, list[NeedOut]))
def save_needs(request, person_id: int, payload: list[NeedIn]):
    person = _changeable(request.user, person_id)
    rows = [
        profile.NeedRow(r.id, _topic_id(r.topic), r.priority, r.current_level, r.delete)
        for r in payload
    ]
    profile.save_needs(person, rows, actor=request.user)
    return list(LearningNeed.objects.filter(person=person).select_related("topic").order_by("pk"))


# Evidence with its source (assessments, certifications, endorsements): the same router.
from tandem.people import api_evidence  # noqa: E402, F401
