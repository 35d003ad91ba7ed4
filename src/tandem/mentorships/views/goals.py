"""Goals both ways: add one, change its status, level target and notes, add and reach
milestones. A goal's notes are for the pair alone (``get_goal_for``)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.forms import GoalEditForm, GoalForm, MilestoneForm
from tandem.mentorships.models import Goal, Milestone
from tandem.mentorships.permissions import require_participant
from tandem.mentorships.services import goals as service
from tandem.mentorships.views.common import (
    form_data,
    form_saved,
    my_mentorship,
    signed_in,
    tell_outcome,
)

GET_POST = require_http_methods(["GET", "POST"])


@GET_POST
@signed_in
def add_goal(request, pk: int):
    mentorship, me = my_mentorship(request, pk)
    form = GoalForm(form_data(request), initial={"learner": me}, mentorship=mentorship)
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: service.add_goal(mentorship, request.user, **form.cleaned_data),
        _("The goal is added."),
    ):
        return redirect("mentorships:detail", pk=pk)
    context = {"mentorship": mentorship, "me": me, "form": form}
    return render(request, "mentorships/goal_add.html", context)


def _goal(request, pk: int) -> Goal:
    """The goal with its notes: participants only. ``get_goal_for``'s rule (a non-declining
    participant of the goal's mentorship) is ``require_participant``'s, so the goal is read
    once with what the page shows and the participant check alone decides (404 otherwise)."""
    goal = get_object_or_404(
        Goal.objects.select_related("mentorship__program", "learner__person", "topic"), pk=pk
    )
    require_participant(request.user, goal.mentorship)
    return goal


def _goal_page(request, goal: Goal, form=None, milestone_form=None):
    context = {
        "goal": goal,
        "mentorship": goal.mentorship,
        "milestones": list(goal.milestones.all()),
        "form": form or GoalEditForm(initial=_initial(goal)),
        "milestone_form": milestone_form or MilestoneForm(prefix="milestone"),
    }
    return render(request, "mentorships/goal.html", context)


def _initial(goal: Goal) -> dict:
    fields = ("status", "target_level", "criteria", "notes")
    return {"title": goal.shown_title, **{f: getattr(goal, f) for f in fields}}


@GET_POST
@signed_in
def goal_page(request, pk: int):
    goal = _goal(request, pk)
    form = GoalEditForm(form_data(request), initial=_initial(goal))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        status = data.pop("status")
        try:
            with transaction.atomic():
                service.update_goal(goal, request.user, **data)
                if status != goal.status:
                    service.set_goal_status(goal, request.user, status)
        except MentorshipError as e:
            form.add_error(None, str(e))
            goal.refresh_from_db()
        else:
            messages.success(request, _("The goal is saved."))
            return redirect("mentorships:goal", pk=pk)
    return _goal_page(request, goal, form=form)


@require_POST
@signed_in
def add_milestone(request, pk: int):
    goal = _goal(request, pk)
    form = MilestoneForm(request.POST, prefix="milestone")
    if form_saved(
        request,
        form,
        lambda: service.add_milestone(goal, request.user, **form.cleaned_data),
        _("The milestone is added."),
    ):
        return redirect("mentorships:goal", pk=pk)
    return _goal_page(request, goal, milestone_form=form)


@require_POST
@signed_in
def reach_milestone(request, pk: int):
    milestone = get_object_or_404(Milestone.objects.select_related("goal"), pk=pk)
    goal = _goal(request, milestone.goal_id)
    tell_outcome(
        request,
        lambda: service.reach_milestone(milestone, request.user),
        _("Well done: the milestone is reached."),
    )
    return redirect("mentorships:goal", pk=goal.pk)
