"""The impact report from the dashboard's button: built in the request for a small program,
by a background task for a large one, with a page that follows the task (htmx polls it every
2 s, a meta refresh without JavaScript) and then offers the download. The task's arguments
name its program: only those who see the program's dashboard follow or download it (404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_tasks import TaskResult, TaskResultStatus

from tandem.accounts.audit import record
from tandem.insights.models import ImpactReport
from tandem.insights.permissions import get_program_dashboard_for
from tandem.insights.services import report
from tandem.insights.tasks import build_report_task, runs_in_background
from tandem.operations.tasks import program_task_result, reload_page


def _pdf_response(program, pdf: bytes) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{program.slug}-impact-report.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def report_pdf(request, pk: int):
    """POST (the dashboard's button) or GET: the PDF at once for a small program; for a large
    one a POST starts the task and a GET sends back to the button."""
    program = get_program_dashboard_for(request.user, pk)
    if not runs_in_background(program):
        return _pdf_response(program, report.impact_report(program, request.user))
    if request.method == "GET":
        messages.info(request, _("The report of a large program is prepared in the background."))
        return redirect("insights:dashboard", pk=program.pk)
    result = build_report_task.enqueue(
        program_id=program.pk,
        actor_id=request.user.pk,
        language=translation.get_language() or "en",
    )
    if result.is_finished:  # an immediate backend has already run it
        return _download(request, program, result)
    return redirect("insights:report-progress", pk=program.pk, task_id=result.id)


def _result_for(program, task_id: str) -> TaskResult:
    return program_task_result(build_report_task, task_id, program.pk)


@login_required
@require_GET
def report_progress(request, pk: int, task_id: str):
    """Where the report stands; htmx polls this page (partial while it is being built)."""
    program = get_program_dashboard_for(request.user, pk)
    result = _result_for(program, task_id)
    htmx = request.headers.get("HX-Request") == "true"
    if result.status == TaskResultStatus.SUCCESSFUL and htmx:
        return reload_page(request)
    context = {
        "program": program,
        "task": result,
        "task_id": task_id,
        "failed": result.status == TaskResultStatus.FAILED,
        "ready": result.status == TaskResultStatus.SUCCESSFUL,
    }
    template = "insights/_report_progress.html" if htmx else "insights/report_progress.html"
    return render(request, template, context)


@login_required
@require_GET
def report_download(request, pk: int, task_id: str):
    """The stored PDF of a finished task, with the same audit event as a direct download."""
    program = get_program_dashboard_for(request.user, pk)
    return _download(request, program, _result_for(program, task_id))


def _download(request, program, result: TaskResult):
    if result.status == TaskResultStatus.FAILED:
        context = {"program": program, "task": result, "failed": True, "ready": False}
        return render(request, "insights/report_progress.html", context)
    if result.status != TaskResultStatus.SUCCESSFUL:
        raise Http404
    stored = ImpactReport.objects.filter(
        pk=(result.return_value or {}).get("report_id"), program=program
    ).first()
    if stored is None:  # removed after ImpactReport.KEEP_DAYS
        messages.info(request, _("This report is no longer kept: prepare it again."))
        return redirect("insights:dashboard", pk=program.pk)
    record(request.user, "insights.report_downloaded", program)
    return _pdf_response(program, bytes(stored.pdf))
