"""Mentorships API, continued: a project program's project. Its deliverable and milestone
titles are returned to the pair alone (``null`` for the managers and coaches who may see the
mentorship: they get the status, counts and dates); only the pair changes it."""

import datetime as dt

from django.http import Http404
from ninja import Field, Schema, Status

from tandem.accounts.apikit import answers
from tandem.accounts.schemas import InputSchema, Text
from tandem.mentorships.api import _me, router
from tandem.mentorships.models import Project, ProjectMilestone
from tandem.mentorships.permissions import (
    get_mentorship_for,
    get_project_milestone_for,
    participant_for,
)
from tandem.mentorships.services import projects


class MilestoneOut(Schema):
    id: int
    title: str | None = Field(None, description="Confidential: returned to the pair only.")
    due: dt.date | None
    done_at: dt.datetime | None
    position: int


class ProjectOut(Schema):
    mentorship_id: int
    status: str
    milestones_done: int
    milestones_total: int
    next_due: dt.date | None
    presentation_date: dt.date | None
    delivered_at: dt.datetime | None
    deliverable: str | None = Field(None, description="Confidential: returned to the pair only.")
    milestones: list[MilestoneOut]


class ProjectPatch(InputSchema):
    deliverable: Text | None = Field(None, max_length=2000)
    presentation_date: dt.date | None = None
    delivered: bool | None = None


class MilestoneIn(InputSchema):
    title: str = Field(..., min_length=1, max_length=200)
    due: dt.date | None = None


class MilestonePatch(InputSchema):
    title: str | None = Field(None, min_length=1, max_length=200)
    due: dt.date | None = None
    done: bool | None = None


def _out(project: Project, pair: bool) -> dict:
    milestones = list(project.milestones.all())
    summary = projects.summary(project, milestones=milestones)
    return {
        "mentorship_id": project.mentorship_id,
        "status": summary.status,
        "milestones_done": summary.done,
        "milestones_total": summary.total,
        "next_due": summary.next_due,
        "presentation_date": project.presentation_date,
        "delivered_at": project.delivered_at,
        "deliverable": project.deliverable if pair else None,
        "milestones": [
            {
                "id": m.pk,
                "title": m.title if pair else None,
                "due": m.due,
                "done_at": m.done_at,
                "position": m.position,
            }
            for m in milestones
        ],
    }


def _project(request, mentorship_id: int) -> tuple[Project, bool]:
    mentorship = get_mentorship_for(request.user, mentorship_id)
    project = Project.objects.filter(mentorship=mentorship).first()
    if project is None:
        raise Http404
    project.mentorship = mentorship
    return project, participant_for(request.user, mentorship) is not None


@router.get("/mentorships/{mentorship_id}/project", response=answers(200, ProjectOut))
def read_project(request, mentorship_id: int):
    """The project of a project program's pair; its texts for the pair only."""
    project, pair = _project(request, mentorship_id)
    return _out(project, pair)


@router.patch("/mentorships/{mentorship_id}/project", response=answers(200, ProjectOut))
def update_project(request, mentorship_id: int, payload: ProjectPatch):
    project, _pair = _project(request, mentorship_id)
    _me(request.user, project.mentorship)
    projects.update_project(project, request.user, **payload.dict(exclude_unset=True))
    return _out(project, True)


@router.post("/mentorships/{mentorship_id}/project/milestones", response=answers(201, MilestoneOut))
def add_milestone(request, mentorship_id: int, payload: MilestoneIn):
    project, _pair = _project(request, mentorship_id)
    _me(request.user, project.mentorship)
    return Status(201, projects.add_milestone(project, request.user, **payload.dict()))


def _milestone(request, milestone_id: int) -> ProjectMilestone:
    """The pair's milestone; a 404 for anyone else (supervisors do not act on it)."""
    return get_project_milestone_for(request.user, milestone_id)


@router.patch("/project-milestones/{milestone_id}", response=answers(200, MilestoneOut))
def update_milestone(request, milestone_id: int, payload: MilestonePatch):
    milestone = _milestone(request, milestone_id)
    changes = payload.dict(exclude_unset=True)
    return projects.update_milestone(milestone, request.user, **changes)


@router.delete("/project-milestones/{milestone_id}", response=answers(204, None))
def delete_milestone(request, milestone_id: int):
    projects.delete_milestone(_milestone(request, milestone_id), request.user)
    return Status(204, None)
