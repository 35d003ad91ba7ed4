"""People API, continued: recording a competence's evidence with its source — an
assessment or a certification (HR program managers here; a program's managers and coaches
under ``/programs/{id}/competences/``) — and endorsements asked of and given by colleagues."""

import datetime as dt

from ninja import Field, Schema, Status
from ninja.pagination import paginate

from tandem.accounts.apikit import Page, answers
from tandem.accounts.schemas import InputSchema, Text
from tandem.people.api import CompetenceOut, router
from tandem.people.errors import PeopleError
from tandem.people.models import EndorsementRequest
from tandem.people.permissions import (
    get_competence_for_directory_manager,
    get_endorsement_request_for,
    get_own_competence,
)
from tandem.people.services import endorsements
from tandem.people.services.competences import assess_competence, certify_competence


class AssessmentIn(InputSchema):
    note: Text = Field(..., max_length=300, description="What the assessment found.")


class CertificationIn(InputSchema):
    name: str = Field(..., max_length=300, description="The certification's name.")
    obtained_on: dt.date = Field(..., description="When it was obtained (YYYY-MM-DD).")


class EndorsementAskIn(InputSchema):
    colleague_email: str = Field(..., max_length=254)
    message: Text = Field("", max_length=500)


class EndorsementAnswerIn(InputSchema):
    give: bool = Field(..., description="true to endorse, false to decline.")


class EndorsementOut(Schema):
    id: int
    competence_id: int
    person_id: int = Field(..., alias="competence.person_id")
    person: str = Field(..., alias="competence.person.full_name")
    topic: str = Field(..., alias="competence.topic.slug")
    colleague_id: int
    level: int
    message: str
    status: str
    created_at: dt.datetime
    answered_at: dt.datetime | None


@router.post("/competences/{competence_id}/assessment", response=answers(200, CompetenceOut))
def assess(request, competence_id: int, payload: AssessmentIn):
    """Record an assessment (evidence "assessed") with its note; HR program managers here,
    a program's managers and coaches under ``/programs/{id}/competences/``."""
    competence = get_competence_for_directory_manager(request.user, competence_id)
    return assess_competence(competence, actor=request.user, note=payload.note)


@router.post("/competences/{competence_id}/certification", response=answers(200, CompetenceOut))
def certify(request, competence_id: int, payload: CertificationIn):
    """Record a certification (evidence "certified"): its name and date."""
    competence = get_competence_for_directory_manager(request.user, competence_id)
    return certify_competence(
        competence, actor=request.user, name=payload.name, on=payload.obtained_on
    )


@router.post(
    "/competences/{competence_id}/endorsement-requests", response=answers(201, EndorsementOut)
)
def ask_endorsement(request, competence_id: int, payload: EndorsementAskIn):
    """The competence's owner asks a colleague (by email) to endorse it; the colleague gets an
    email in their language and answers in the app or here."""
    competence = get_own_competence(request.user, competence_id)
    colleague = endorsements.colleague_by_email(payload.colleague_email)
    asked = endorsements.request_endorsement(
        competence, colleague, actor=request.user, message=payload.message
    )
    return Status(201, asked)


@router.get("/endorsement-requests", response=answers(200, list[EndorsementOut]))
@paginate(Page)
def list_endorsement_requests(request, status: str | None = None):
    """The requests asked of the caller, newest first (``status``: pending, given…)."""
    asked = EndorsementRequest.objects.filter(colleague__user_id=request.user.pk)
    if status:
        asked = asked.filter(status=status)
    return asked.select_related("competence__person", "competence__topic").order_by("-pk")


@router.post("/endorsement-requests/{request_id}/answer", response=answers(200, EndorsementOut))
def answer_endorsement_request(request, request_id: int, payload: EndorsementAnswerIn):
    asked = get_endorsement_request_for(request.user, request_id)
    answered = endorsements.answer_endorsement(asked, actor=request.user, give=payload.give)
    if answered.status == EndorsementRequest.Status.STALE:
        raise PeopleError(endorsements.stale_message(answered))
    return answered
