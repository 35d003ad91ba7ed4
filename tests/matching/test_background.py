"""A large program's matching runs as a background task; the page polls until it is done."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from tandem.matching.models import MatchingRun
from tandem.programs.models import Program
from tests import factories as f
from tests.matching import helpers as h

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def large(db, client, settings):
    """A program counted as large (the limit lowered to 1 accepted enrolment)."""
    settings.TANDEM_MATCHING_BACKGROUND_ABOVE = 1
    manager = f.person("Hélène HR", with_user=True).user
    prog = h.program("big", status=Program.Status.MATCHING)
    prog.managers.add(manager)
    for k in range(2):
        h.mentee(prog, f"Mentee {k}")
        h.mentor(prog, f"Mentor {k}")
    client.force_login(manager)
    return client, prog


def _start(client, prog, **data):
    return client.post(reverse("matching:start", args=[prog.slug]), data)


def _progress_url(prog, task_id):
    return reverse("matching:progress", args=[prog.slug, task_id])


def test_it_runs_the_task_and_opens_the_run(large, settings):
    settings.TASKS = IMMEDIATE
    client, prog = large
    finished = []

    def record(sender, task_result, **kwargs):
        finished.append(task_result)

    task_finished.connect(record)
    try:
        response = _start(client, prog)
    finally:
        task_finished.disconnect(record)
    (result,) = finished
    assert result.status == TaskResultStatus.SUCCESSFUL
    run = MatchingRun.objects.get(program=prog)
    assert result.return_value["run_id"] == run.pk
    assert response["Location"] == reverse("matching:run", args=[prog.slug, run.pk])
    assert run.proposals.count() == 2


def test_it_shows_a_background_dry_run_without_keeping_it(large, settings):
    settings.TASKS = IMMEDIATE
    client, prog = large
    response = _start(client, prog, dry_run="on")
    body = response.content.decode()
    assert response.status_code == 200
    assert "was not kept" in body and "Mentee 0" in body and "Mentor 1" in body
    assert not MatchingRun.objects.exists()


def test_it_says_why_a_background_run_was_refused(large, settings):
    settings.TASKS = IMMEDIATE
    client, prog = large
    prog.weights = {"priority": "nonsense"}
    prog.save()
    response = _start(client, prog)
    assert response["Location"] == reverse("matching:index", args=[prog.slug])
    page = client.get(response["Location"]).content.decode()
    assert "weights of program big are not valid" in page


def test_it_queues_a_row_without_running_it(large, settings):
    settings.TASKS = DATABASE
    client, prog = large
    response = _start(client, prog)
    row = DBTaskResult.objects.get()
    assert row.status == TaskResultStatus.READY
    assert row.task_path == "tandem.matching.tasks.run_matching_task"
    assert response["Location"] == _progress_url(prog, row.pk)
    assert not MatchingRun.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert '<meta http-equiv="refresh"' in page
    assert "Waiting for a worker" in page


@pytest.mark.django_db(transaction=True)
def test_it_opens_the_run_once_the_worker_has_run_it(reference_data_present, large, settings):
    """Transactional: the worker closes its connection after each task, as it should in
    production, which a test wrapped in one transaction would not survive on PostgreSQL."""
    settings.TASKS = DATABASE
    client, prog = large
    url = _start(client, prog)["Location"]
    call_command("db_worker", batch=True, startup_delay=False, reload=False)
    run = MatchingRun.objects.get(program=prog)
    polled = client.get(url, headers={"HX-Request": "true"})
    assert polled.status_code == 204 and polled["HX-Redirect"] == url
    response = client.get(url)
    assert response["Location"] == reverse("matching:run", args=[prog.slug, run.pk])


def test_it_says_clearly_when_the_task_failed(large, settings):
    settings.TASKS = DATABASE
    client, prog = large
    url = _start(client, prog)["Location"]
    DBTaskResult.objects.update(status=TaskResultStatus.FAILED)
    for headers in ({}, {"HX-Request": "true"}):
        page = client.get(url, headers=headers).content.decode()
        assert "stopped on an unexpected error" in page
        assert "hx-trigger" not in page


def test_it_keeps_small_programs_synchronous(large, settings):
    settings.TASKS = DATABASE
    settings.TANDEM_MATCHING_BACKGROUND_ABOVE = 500
    client, prog = large
    response = _start(client, prog)
    run = MatchingRun.objects.get(program=prog)
    assert response["Location"] == reverse("matching:run", args=[prog.slug, run.pk])
    assert not DBTaskResult.objects.exists()


def test_it_hides_the_progress_of_another_programs_run(large, settings):
    settings.TASKS = DATABASE
    client, prog = large
    url = _start(client, prog)["Location"]
    other = f.person("Other HR", with_user=True).user
    other.is_program_manager = True
    other.save()
    theirs = h.program("other")
    theirs.managers.add(other)
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert client.get(_progress_url(theirs, DBTaskResult.objects.get().pk)).status_code == 404
    client.force_login(prog.managers.get())
    assert client.get(_progress_url(prog, "not-a-task")).status_code == 404
