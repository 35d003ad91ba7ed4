"""Following a background task from a page: find a program's task result, and tell htmx to
reload once it is done. Shared by the matching run and the impact report pages."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django_tasks import TaskResult
from django_tasks.exceptions import TaskException


def program_task_result(task, task_id: str, program_id: int) -> TaskResult:
    """The result of ``task`` run for this program; a 404 for an unknown or malformed id, or
    one started for another program (so ids cannot be used to peek across programs)."""
    try:
        result = task.get_result(task_id)
    except (TaskException, NotImplementedError, ValueError) as error:
        raise Http404 from error
    if result.kwargs.get("program_id") != program_id:
        raise Http404
    return result


def reload_page(request) -> HttpResponse:
    """htmx polled a finished task: a full load of the same page shows the outcome."""
    response = HttpResponse(status=204)
    response["HX-Redirect"] = request.path
    return response
