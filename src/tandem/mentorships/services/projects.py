"""Projects of a project program: started with the pair (the charter's deliverables become
its milestones, spread until the final presentation), then written and ticked off by the pair
alone. Managers and coaches read ``summary``: status, counts and dates, no text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import Mentorship, Project, ProjectMilestone
from tandem.mentorships.services.common import acting_participant, now, require_status
from tandem.programs.models import Program
from tandem.programs.services.charter import deliverable_list

TEXT_LENGTH = 2000
TITLE_LENGTH = 200
MAX_MILESTONES = 30


@dataclass(frozen=True)
class ProjectSummary:
    """What a manager or coach sees of a project: no deliverable, no milestone title."""

    status: str
    label: str
    done: int
    total: int
    next_due: dt.date | None
    presentation_date: dt.date | None
    delivered_at: dt.datetime | None


def start_project(mentorship: Mentorship) -> Project | None:
    """The pair's project when a project program's pair starts (once): each deliverable of
    the charter is a milestone, due at even steps until the presentation day."""
    program = mentorship.program
    if program.format != Program.Format.PROJECT:
        return None
    found = Project.objects.filter(mentorship=mentorship).first()
    if found is not None:
        return found
    start = timezone.localdate()
    presentation = program.presentation_date or program.end
    project = Project.objects.create(mentorship=mentorship, presentation_date=presentation)
    items = deliverable_list(program.deliverables)[:MAX_MILESTONES]
    span = max((presentation - start).days, len(items))
    ProjectMilestone.objects.bulk_create(
        ProjectMilestone(
            project=project,
            title=title,
            position=k,
            due=start + dt.timedelta(days=span * (k + 1) // len(items)),
        )
        for k, title in enumerate(items)
    )
    return project


def _editable(project: Project, actor) -> None:
    """The pair only, while the mentorship is running."""
    acting_participant(project.mentorship, actor)
    require_status(project.mentorship, Mentorship.Status.ACTIVE)


def _text(value: str, label: str, limit: int, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise MentorshipError(_("%(label)s: write something.") % {"label": label})
    if len(value) > limit:
        raise MentorshipError(
            _("%(label)s: at most %(n)s characters.") % {"label": label, "n": limit}
        )
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in value):
        raise MentorshipError(
            _("%(label)s: control characters are not allowed.") % {"label": label}
        )
    return value


def _in_program(project: Project, day: dt.date | None, label: str) -> None:
    program = project.mentorship.program
    if day is not None and not program.start <= day <= program.end:
        raise MentorshipError(
            _("%(label)s: choose a day between %(start)s and %(end)s.")
            % {"label": label, "start": program.start, "end": program.end}
        )


def update_project(project: Project, actor, **changes) -> Project:
    """``deliverable``, ``presentation_date`` and ``delivered`` (a boolean), any of them."""
    _editable(project, actor)
    fields = []
    if "deliverable" in changes:
        project.deliverable = _text(changes["deliverable"], _("Deliverable"), TEXT_LENGTH)
        fields.append("deliverable")
    if "presentation_date" in changes:
        _in_program(project, changes["presentation_date"], _("Final presentation"))
        project.presentation_date = changes["presentation_date"]
        fields.append("presentation_date")
    if "delivered" in changes:
        delivered = bool(changes["delivered"])
        project.delivered_at = (project.delivered_at or now()) if delivered else None
        fields.append("delivered_at")
    project.save(update_fields=[*fields, "updated_at"])
    return project


def add_milestone(project: Project, actor, title: str, due: dt.date | None = None):
    _editable(project, actor)
    title = _text(title, _("Milestone"), TITLE_LENGTH, required=True)
    _in_program(project, due, _("Due"))
    with transaction.atomic():
        if project.milestones.count() >= MAX_MILESTONES:
            raise MentorshipError(
                _("A project has at most %(n)s milestones.") % {"n": MAX_MILESTONES}
            )
        last = project.milestones.order_by("-position").values_list("position", flat=True)
        position = (last.first() or 0) + 1
        return ProjectMilestone.objects.create(
            project=project, title=title, due=due, position=position
        )


def update_milestone(milestone: ProjectMilestone, actor, **changes) -> ProjectMilestone:
    """``title``, ``due`` and ``done`` (a boolean), any of them."""
    project = milestone.project
    _editable(project, actor)
    if "title" in changes:
        milestone.title = _text(changes["title"], _("Milestone"), TITLE_LENGTH, required=True)
    if "due" in changes:
        _in_program(project, changes["due"], _("Due"))
        milestone.due = changes["due"]
    if "done" in changes:
        milestone.done_at = (milestone.done_at or now()) if changes["done"] else None
    milestone.save()
    return milestone


def delete_milestone(milestone: ProjectMilestone, actor) -> None:
    _editable(milestone.project, actor)
    milestone.delete()


def summary(project: Project, today: dt.date | None = None, milestones=None) -> ProjectSummary:
    """``milestones``: the project's, as prefetched (only dates are read)."""
    today = today or timezone.localdate()
    milestones = list(project.milestones.all()) if milestones is None else milestones
    status = project.status_on(today, milestones)
    open_dues = sorted(m.due for m in milestones if m.done_at is None and m.due)
    return ProjectSummary(
        status=status,
        label=str(Project.Status(status).label),
        done=sum(1 for m in milestones if m.done_at),
        total=len(milestones),
        next_due=open_dues[0] if open_dues else None,
        presentation_date=project.presentation_date,
        delivered_at=project.delivered_at,
    )
