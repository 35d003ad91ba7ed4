"""A matching run in the background: enqueue it, then a page that polls until it is done.

The progress page polls itself with htmx every 2 s (a meta refresh without JavaScript). Once
the task is finished it sends the manager to the stored run, shows a dry run's result, or
says clearly why it failed. The task's arguments name its program, so a manager can follow
only the runs of programs they manage (404 otherwise, like every matching page).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_tasks import TaskResult, TaskResultStatus

from tandem.matching.tasks import run_matching_task
from tandem.matching.views.summary import dry_run_page
from tandem.operations.tasks import program_task_result, reload_page
from tandem.programs.permissions import get_program_for_manager


def start(request, program, dry_run: bool):
    """Enqueue the run; an immediate backend may already have finished it."""
    result = run_matching_task.enqueue(
        program_id=program.pk,
        actor_id=request.user.pk,
        dry_run=dry_run,
        language=translation.get_language() or "en",
    )
    if result.is_finished:
        return _finished(request, program, result)
    messages.info(request, _("The matching has started; this page follows it."))
    return redirect("matching:progress", slug=program.slug, task_id=result.id)


def _result_for(program, task_id: str) -> TaskResult:
    return program_task_result(run_matching_task, task_id, program.pk)


@login_required
@require_GET
def progress(request, slug: str, task_id: str):
    """Where a background run stands; htmx polls this page (partial while it runs)."""
    program = get_program_for_manager(request.user, slug)
    result = _result_for(program, task_id)
    htmx = request.headers.get("HX-Request") == "true"
    if result.status == TaskResultStatus.SUCCESSFUL and htmx:
        return reload_page(request)
    if result.is_finished and not htmx:
        return _finished(request, program, result)
    failed = result.status == TaskResultStatus.FAILED
    context = {"program": program, "task": result, "failed": failed}
    template = "matching/_progress.html" if htmx else "matching/progress.html"
    return render(request, template, context)


def _finished(request, program, result: TaskResult):
    if result.status == TaskResultStatus.FAILED:
        context = {"program": program, "task": result, "failed": True}
        return render(request, "matching/progress.html", context)
    outcome = result.return_value or {}
    if outcome.get("error"):
        messages.error(request, outcome["error"])
        return redirect("matching:index", slug=program.slug)
    if outcome.get("dry_run"):
        counts = (outcome.get("proposal_count", 0), outcome.get("unmatched_count", 0))
        totals = outcome.get("totals") or {}
        shown = (outcome.get("proposals", []), outcome.get("unmatched", []))
        return dry_run_page(request, program, totals, *shown, counts=counts)
    messages.success(request, _("The matching has run. Review the proposals below."))
    return redirect(reverse("matching:run", args=[program.slug, outcome["run_id"]]))
