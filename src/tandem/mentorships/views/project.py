"""A project pair's project page: the deliverable, the final presentation date and the
milestones, written and ticked off by the pair alone (a 404 for anyone else)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.mentorships.forms import MilestoneForm, ProjectForm, ProjectMilestoneForm
from tandem.mentorships.models import Project, ProjectMilestone
from tandem.mentorships.permissions import get_project_for, get_project_milestone_for
from tandem.mentorships.services import projects as service
from tandem.mentorships.views.common import (
    form_data,
    form_saved,
    my_mentorship,
    signed_in,
    tell_outcome,
)


def _project_of(request, pk: int) -> Project:
    mentorship, _me = my_mentorship(request, pk)
    project = get_project_for(request.user, mentorship.pk)
    project.mentorship = mentorship
    return project


def _initial(project: Project) -> dict:
    return {
        "deliverable": project.deliverable,
        "presentation_date": project.presentation_date,
        "delivered": project.delivered_at is not None,
    }


def _page(request, project, form=None, milestone_form=None, status=200):
    milestones = list(project.milestones.all())
    context = {
        "mentorship": project.mentorship,
        "project": project,
        "milestones": milestones,
        "summary": service.summary(project, milestones=milestones),
        "editable": project.mentorship.status == "active",
        "form": form or ProjectForm(initial=_initial(project)),
        "milestone_form": milestone_form or MilestoneForm(prefix="milestone"),
    }
    return render(request, "mentorships/project.html", context, status=status)


@require_http_methods(["GET", "POST"])
@signed_in
def project_page(request, pk: int):
    project = _project_of(request, pk)
    form = ProjectForm(form_data(request), initial=_initial(project))
    if request.method == "POST":
        if form_saved(
            request,
            form,
            lambda: service.update_project(project, request.user, **form.cleaned_data),
            _("The project is saved."),
        ):
            return redirect("mentorships:project", pk=pk)
        return _page(request, project, form=form, status=400)
    return _page(request, project)


@require_POST
@signed_in
def add_milestone(request, pk: int):
    project = _project_of(request, pk)
    form = MilestoneForm(request.POST, prefix="milestone")
    if form_saved(
        request,
        form,
        lambda: service.add_milestone(project, request.user, **form.cleaned_data),
        _("The milestone is added."),
    ):
        return redirect("mentorships:project", pk=pk)
    return _page(request, project, milestone_form=form, status=400)


def _milestone(request, pk: int) -> ProjectMilestone:
    return get_project_milestone_for(request.user, pk)


@require_POST
@signed_in
def edit_milestone(request, pk: int):
    """Rename it, move its due day, tick it done or not: the row's form posts all three."""
    milestone = _milestone(request, pk)
    form = ProjectMilestoneForm(request.POST, prefix=f"m{milestone.pk}")
    if not form.is_valid():
        messages.error(request, _("Give the milestone a title and a valid date."))
    else:
        tell_outcome(
            request,
            lambda: service.update_milestone(milestone, request.user, **form.cleaned_data),
            _("The milestone is saved."),
        )
    return redirect("mentorships:project", pk=milestone.project.mentorship_id)


@require_POST
@signed_in
def delete_milestone(request, pk: int):
    milestone = _milestone(request, pk)
    tell_outcome(
        request,
        lambda: service.delete_milestone(milestone, request.user),
        _("The milestone is removed."),
    )
    return redirect("mentorships:project", pk=milestone.project.mentorship_id)
