"""The dashboard's report button: a large program's PDF is built by a background task and a
page follows it until the download; a small one's downloads at once; the command stays
synchronous (``test_report``)."""

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tandem.accounts.models import AuditEvent
from tandem.insights.models import ImpactReport
from tests.insights.conftest import answer_mentees
from tests.insights.test_report import text_of

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def large(built, cast, client, settings):
    """The hand-built program, counted as large (the limit lowered to no mentorship)."""
    settings.TANDEM_REPORT_BACKGROUND_ABOVE = 0
    answer_mentees(built, 5)
    client.force_login(cast.sponsor)
    return client, cast.program


def _url(program, *rest):
    return "/".join([f"/insights/programs/{program.pk}/impact-report", *rest])


def _downloads(cast):
    return AuditEvent.objects.filter(actor=cast.sponsor, action="insights.report_downloaded")


def test_it_builds_the_report_in_a_task_and_downloads_it(large, cast, settings):
    settings.TASKS = IMMEDIATE
    client, program = large
    response = client.post(_url(program) + ".pdf")
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert "Impact report: GenAI for leaders" in text
    assert "+1.00 [+0.12; +1.88]" in text  # the figures of test_report
    assert ImpactReport.objects.get().program == program
    assert _downloads(cast).count() == 1


def test_it_queues_the_report_and_follows_it(large, settings):
    settings.TASKS = DATABASE
    client, program = large
    response = client.post(_url(program) + ".pdf")
    row = DBTaskResult.objects.get()
    assert row.task_path == "tandem.insights.tasks.build_report_task"
    assert response["Location"] == _url(program, f"{row.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page and '<meta http-equiv="refresh"' in page
    assert "Waiting for a worker" in page
    assert not ImpactReport.objects.exists()
    assert client.get(_url(program, f"{row.pk}/report.pdf")).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_it_offers_the_download_once_the_worker_has_built_it(
    reference_data_present, large, cast, settings
):
    """Transactional: the worker closes its connection after each task."""
    settings.TASKS = DATABASE
    client, program = large
    progress = client.post(_url(program) + ".pdf")["Location"]
    call_command("db_worker", batch=True, startup_delay=False, reload=False)
    polled = client.get(progress, headers={"HX-Request": "true"})
    assert polled.status_code == 204 and polled["HX-Redirect"] == progress
    page = client.get(progress).content.decode()
    assert "hx-trigger" not in page and "The impact report is ready." in page
    download = client.get(progress + "report.pdf")
    assert download["Content-Disposition"].endswith('-impact-report.pdf"')
    assert "+1.00 [+0.12; +1.88]" in text_of(download.content)
    assert _downloads(cast).count() == 1


def test_it_says_clearly_when_the_task_failed(large, settings):
    settings.TASKS = DATABASE
    client, program = large
    progress = client.post(_url(program) + ".pdf")["Location"]
    DBTaskResult.objects.update(status=TaskResultStatus.FAILED)
    for headers in ({}, {"HX-Request": "true"}):
        page = client.get(progress, headers=headers).content.decode()
        assert "could not be built" in page and "hx-trigger" not in page


def test_it_hides_the_task_from_those_who_do_not_see_the_dashboard(large, cast, settings):
    settings.TASKS = DATABASE
    client, program = large
    progress = client.post(_url(program) + ".pdf")["Location"]
    for who in (cast.mentor, cast.coach, cast.outsider):
        client.force_login(who)
        assert client.get(progress).status_code == 404
        assert client.get(progress + "report.pdf").status_code == 404
    client.force_login(cast.manager)
    assert client.get(progress).status_code == 200
    assert client.get(_url(program, "not-a-task/")).status_code == 404
    other = cast.program.__class__.objects.create(
        name="Other", slug="other", start=program.start, end=program.end, sponsor=program.sponsor
    )
    client.force_login(cast.sponsor)
    task_id = progress.rstrip("/").rsplit("/", 1)[1]
    assert client.get(_url(other, f"{task_id}/")).status_code == 404


def test_it_sends_a_plain_link_of_a_large_program_back_to_the_button(large, settings):
    settings.TASKS = DATABASE
    client, program = large
    response = client.get(_url(program) + ".pdf")
    assert response["Location"] == f"/insights/programs/{program.pk}/"
    assert not DBTaskResult.objects.exists()


def test_it_keeps_a_small_programs_report_in_the_request(built, cast, client, settings):
    settings.TASKS = DATABASE
    client.force_login(cast.manager)
    response = client.post(f"/insights/programs/{cast.program.pk}/impact-report.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert not DBTaskResult.objects.exists()
    page = client.get(f"/insights/programs/{cast.program.pk}/").content.decode()
    assert 'method="post" action="/insights/programs/' in page
