"""Insights API: a program's metrics (aggregates only; a figure over fewer than five people
is withheld, as on the dashboard), health alerts, and surveys — answered, and read back, by
their respondent alone."""

import datetime as dt
from typing import Any

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from tandem.accounts.apikit import Page, answers
from tandem.accounts.schemas import InputSchema
from tandem.insights.models import CHOICES
from tandem.insights.permissions import alerts_for, get_due_for, get_program_dashboard_for
from tandem.insights.services import metrics, surveys
from tandem.insights.services.alert_words import alert_text
from tandem.insights.services.figures import Figure, K
from tandem.mentorships.permissions import person_of

router = Router(tags=["insights"])


class FigureOut(Schema):
    value: float | None = Field(..., description=f"Null when hidden (fewer than {K} people).")
    hidden: bool
    text: str


class MonthOut(Schema):
    month: dt.date
    figure: FigureOut


class MetricsOut(Schema):
    label: str
    program_ids: list[int]
    participation: dict[str, FigureOut]
    meetings: dict[str, FigureOut]
    reciprocity: FigureOut | None
    held_by_month: list[MonthOut]
    started_by_month: list[MonthOut]


class AlertOut(Schema):
    id: int
    program_id: int
    mentorship_id: int
    kind: str
    params: dict[str, Any] = Field(..., description="What the alert is about: dates, counts.")
    text: str = Field(..., description="The alert in words, in the request's language.")
    opened_at: dt.datetime
    closed_at: dt.datetime | None

    @staticmethod
    def resolve_text(alert) -> str:
        return alert_text(alert)


class SurveyChoiceOut(Schema):
    value: int
    label: str


class SurveyQuestionOut(Schema):
    field: str
    text: str
    kind: str
    choices: list[SurveyChoiceOut]


class DueOut(Schema):
    id: int
    program_id: int
    mentorship_id: int
    moment: str
    role: str
    due_on: dt.date
    questions: list[SurveyQuestionOut]


class AnswersIn(InputSchema):
    answers: dict[str, int] = Field(..., description="Each question's field → its value.")


class AnsweredOut(Schema):
    id: int
    answered_at: dt.datetime | None
    answers: dict[str, int]


def _figure(figure: Figure | None) -> dict | None:
    if figure is None:
        return None
    return {"value": figure.shown, "hidden": figure.hidden, "text": str(figure)}


def _months(rows) -> list[dict]:
    return [{"month": month, "figure": _figure(figure)} for month, figure in rows]


@router.get("/programs/{program_id}/metrics", response=answers(200, MetricsOut))
def program_metrics(request, program_id: int, across: bool = False):
    """The dashboard's figures: the program's managers and sponsor. ``across`` sums the
    whole renewal chain."""
    program = get_program_dashboard_for(request.user, program_id)
    m = metrics.across_chain(program) if across else metrics.for_program(program)
    return {
        "label": str(m.label),
        "program_ids": m.program_ids,
        "participation": {key: _figure(f) for key, f in m.participation.items()},
        "meetings": {key: _figure(f) for key, f in m.meetings.items()},
        "reciprocity": _figure(m.reciprocity),
        "held_by_month": _months(m.held_by_month),
        "started_by_month": _months(m.started_by_month),
    }


@router.get("/alerts", response=answers(200, list[AlertOut]))
@paginate(Page)
def list_alerts(request, program: int | None = None, open: bool | None = None):
    """Health alerts of the pairs I manage or coach."""
    alerts = alerts_for(request.user).order_by("pk")
    if program is not None:
        alerts = alerts.filter(program_id=program)
    if open is not None:
        alerts = alerts.filter(closed_at__isnull=open)
    return alerts


def _due_out(due) -> dict:
    return {
        "id": due.pk,
        "program_id": due.survey.program_id,
        "mentorship_id": due.mentorship_id,
        "moment": due.survey.moment,
        "role": due.survey.role,
        "due_on": due.due_on,
        "questions": [
            {
                "field": name,
                "text": surveys.question_label(question, topic),
                "kind": question.kind,
                "choices": [
                    {"value": v, "label": str(label)} for v, label in CHOICES[question.kind]
                ],
            }
            for name, question, topic in surveys.form_items(due)
        ],
    }


@router.get("/surveys/due", response=answers(200, list[DueOut]), summary="Surveys I owe now")
@paginate(Page)
def my_open_surveys(request):
    person = person_of(request.user)
    if person is None:
        return []
    return [_due_out(due) for due in surveys.open_dues(person).order_by("pk")]


@router.post("/surveys/due/{due_id}/answers", response=answers(200, AnsweredOut))
def answer_survey(request, due_id: int, payload: AnswersIn):
    """Every answer at once; only the respondent (404 for anyone else)."""
    due = get_due_for(request.user, due_id)
    due = surveys.submit_answers(due, request.user, payload.answers)
    return _answered(due)


def _answered(due) -> dict:
    values = {}
    for answer in due.answers.all():
        name = f"q{answer.question_id}" + (f"-t{answer.topic_id}" if answer.topic_id else "")
        values[name] = answer.value
    return {"id": due.pk, "answered_at": due.answered_at, "answers": values}


@router.get("/surveys/due/{due_id}/answers", response=answers(200, AnsweredOut))
def read_answers(request, due_id: int):
    """My own answers, read back; nobody else's."""
    return _answered(get_due_for(request.user, due_id))
