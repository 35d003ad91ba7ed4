"""Self-matching API: a mentee's suggested mentors and requests, the mentor's answer, a
manager's approval. Same services and permission helpers as the pages; the message goes to
the mentor alone, the mentor's answer to the mentee alone (managers get names, statuses,
dates). Input is strict (no coercion) and text refuses control characters."""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from tandem.accounts.apikit import Forbidden, Page, answers
from tandem.accounts.schemas import InputSchema, QuerySchema, Text
from tandem.mentorships.models import MentorRequest
from tandem.mentorships.permissions import get_mentor_request_for, person_of
from tandem.mentorships.services import requests as service
from tandem.programs.models import Program
from tandem.programs.permissions import programs_for

router = Router(tags=["self-matching"])


class StrictIn(InputSchema):
    """A body with unknown fields refused too (a misspelt field is not silently dropped)."""

    model_config = ConfigDict(extra="forbid")


class RequestIn(StrictIn):
    program: int = Field(..., description="The program's id.")
    mentor: int = Field(..., description="The mentor's person id (from mentor-suggestions).")
    message: Text = Field("", max_length=2000)


class RequestAnswerIn(StrictIn):
    answer: Text = Field("", max_length=2000)


class SuggestionOut(Schema):
    person_id: int
    full_name: str
    title: str
    department: str
    score: int
    reasons: list[str]
    places: int


class RequestOut(Schema):
    id: int
    program_id: int
    mentee_id: int
    mentee_name: str
    mentor_id: int
    mentor_name: str
    status: str
    score: int | None
    reasons: list[str]
    created_at: dt.datetime
    expires_at: dt.datetime
    answered_at: dt.datetime | None
    mentorship_id: int | None
    message: str | None = Field(None, description="The mentee's message: the mentor only.")
    answer: str | None = Field(None, description="The mentor's answer: the mentee only.")


class RequestFilter(QuerySchema):
    program: int | None = None
    status: MentorRequest.Status | None = None


def _out(request: MentorRequest, user) -> dict:
    person = person_of(user)
    return {
        **{f: getattr(request, f) for f in ("id", "program_id", "mentee_id", "mentor_id")},
        **{f: getattr(request, f) for f in ("status", "score", "created_at")},
        "reasons": service.reasons_words(request),
        **{f: getattr(request, f) for f in ("expires_at", "answered_at", "mentorship_id")},
        "mentee_name": request.mentee.full_name,
        "mentor_name": request.mentor.full_name,
        "message": request.message if person and person.pk == request.mentor_id else None,
        "answer": request.answer if person and person.pk == request.mentee_id else None,
    }


def _program(user, program_id: int) -> Program:
    return get_object_or_404(programs_for(user), pk=program_id)


@router.get("/programs/{program_id}/mentor-suggestions", response=answers(200, list[SuggestionOut]))
def mentor_suggestions(request, program_id: int):
    """The best available mentors for the signed-in mentee, best first, with why."""
    program = _program(request.user, program_id)
    mentee = person_of(request.user)
    if mentee is None:
        raise Forbidden(_("Only people of the directory can choose a mentor."))
    if why := service.why_not_choose(program, mentee):
        raise Forbidden(why)
    return [
        {
            "person_id": c.person.pk,
            "full_name": c.person.full_name,
            "title": c.person.title,
            "department": c.person.department,
            "score": c.score,
            "reasons": c.reasons,
            "places": c.places,
        }
        for c in service.choices_for(program, mentee)
    ]


@router.get("/mentor-requests", response=answers(200, list[RequestOut]))
@paginate(Page)
def list_requests(request, filters: Query[RequestFilter]):
    """Requests the user sent or received, and those of the programs they manage."""
    rows = service.requests_visible_to(request.user).select_related("mentee", "mentor")
    if filters.program is not None:
        rows = rows.filter(program_id=filters.program)
    if filters.status:
        rows = rows.filter(status=filters.status)
    return [_out(r, request.user) for r in rows.order_by("pk")]


@router.post("/mentor-requests", response=answers(201, RequestOut))
def create_request(request, payload: RequestIn):
    program = _program(request.user, payload.program)
    mentor = get_object_or_404(
        program.enrolments.select_related("person"), person_id=payload.mentor, role="mentor"
    ).person
    made = service.request_mentor(program, request.user, mentor, payload.message)
    return Status(201, _out(made, request.user))


@router.get("/mentor-requests/{request_id}", response=answers(200, RequestOut))
def read_request(request, request_id: int):
    return _out(get_mentor_request_for(request.user, request_id), request.user)


def _act(request, request_id: int, action) -> dict:
    done = action(get_mentor_request_for(request.user, request_id))
    return _out(done, request.user)


@router.post("/mentor-requests/{request_id}/accept", response=answers(200, RequestOut))
def accept_request(request, request_id: int):
    """The mentor says yes: the pair is made, or waits for a manager (blended programs)."""
    return _act(request, request_id, lambda r: service.accept_request(r, request.user))


@router.post("/mentor-requests/{request_id}/decline", response=answers(200, RequestOut))
def decline_request(request, request_id: int, payload: RequestAnswerIn):
    return _act(
        request, request_id, lambda r: service.decline_request(r, request.user, payload.answer)
    )


@router.post("/mentor-requests/{request_id}/withdraw", response=answers(200, RequestOut))
def withdraw_request(request, request_id: int):
    return _act(request, request_id, lambda r: service.withdraw_request(r, request.user))


@router.post("/mentor-requests/{request_id}/approve", response=answers(200, RequestOut))
def approve_request(request, request_id: int):
    """A manager approves a pair the mentor accepted (blended programs)."""
    return _act(request, request_id, lambda r: service.approve_request(r, request.user))


@router.post("/mentor-requests/{request_id}/refuse", response=answers(200, RequestOut))
def refuse_request(request, request_id: int):
    return _act(request, request_id, lambda r: service.refuse_request(r, request.user))
