"""Publishing says what it will do and what it did (page, API, command), refuses a program
whose end date has passed, schedules a program published before its start date, and
``tandem match --format json|csv`` writes only its data on standard output."""

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import formats
from django.utils.html import escape

from tandem.accounts.tokens import create_token
from tandem.matching.errors import MatchingError
from tandem.matching.models import MatchingRun
from tandem.matching.services.publish import preview, publish_run
from tandem.matching.services.run import run_matching
from tandem.mentorships.models import Mentorship
from tandem.operations.email_backends import StderrEmailBackend
from tandem.programs.models import Program
from tandem.programs.services.lifecycle import change_status, start_due_programs
from tests import factories as f
from tests.matching import helpers as h


@pytest.fixture
def prog(db):
    return _program()


@pytest.fixture
def committed_prog(reference_data_present):
    """The same program in a database where commits happen: the proposal emails go out when
    the publication commits, inside the command, as in production."""
    return _program()


def _day(day: dt.date) -> str:
    """A date as the site writes it (e.g. "Jan. 4, 2026")."""
    return formats.date_format(day, "DATE_FORMAT")


def _program() -> Program:
    manager = f.person("Hélène HR", with_user=True).user
    program = h.program("spring", status=Program.Status.MATCHING)
    program.managers.add(manager)
    for k in range(2):
        h.mentee(program, f"Mentee {k}")
        h.mentor(program, f"Mentor {k}")
    program.manager = manager
    return program


def test_a_program_whose_end_has_passed_cannot_be_published_anywhere(prog, client, capsys):
    run = run_matching(prog).run
    Program.objects.filter(pk=prog.pk).update(start=dt.date(2025, 7, 1), end=dt.date(2026, 1, 4))
    prog.refresh_from_db()
    ended = f"The program ended on {_day(prog.end)}: its runs can no longer be published."
    with pytest.raises(MatchingError, match=re.escape(ended)):
        publish_run(run)
    client.force_login(prog.manager)
    page = client.post(reverse("matching:publish", args=[prog.slug, run.pk]), follow=True)
    assert escape(ended) in page.content.decode()
    _token, secret = create_token(prog.manager, "t")
    api = client.post(
        f"/api/v1/matching/runs/{run.pk}/publish", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert api.status_code == 400 and "ended on" in api.json()["detail"]
    with pytest.raises(CommandError, match="ended on"):
        call_command("match", prog.slug, "--publish", stdout=io.StringIO())
    assert not Mentorship.objects.exists()
    assert MatchingRun.objects.filter(status=MatchingRun.Status.PUBLISHED).count() == 0


def test_a_program_published_before_its_start_is_scheduled_then_runs_on_its_start(
    prog, early_in_the_programs
):
    Program.objects.filter(pk=prog.pk).update(start=dt.date(2026, 2, 2))
    prog.refresh_from_db()
    outcome = publish_run(run_matching(prog).run)
    prog.refresh_from_db()
    assert prog.status == Program.Status.SCHEDULED
    assert outcome.summary().endswith(
        f"The program is scheduled: it becomes running on its start date, {_day(prog.start)}."
    )
    assert start_due_programs() == 0  # not yet
    early_in_the_programs.move_to(dt.datetime(2026, 2, 2, 3, 15, tzinfo=dt.UTC))
    out = io.StringIO()
    call_command("complete-mentorships", stdout=out)
    assert "1 scheduled programs started." in out.getvalue()
    prog.refresh_from_db()
    assert prog.status == Program.Status.RUNNING


def test_moving_a_program_on_before_its_start_schedules_it(prog, early_in_the_programs):
    Program.objects.filter(pk=prog.pk).update(start=dt.date(2026, 3, 2))
    prog.refresh_from_db()
    publish_run(run_matching(prog).run)
    Program.objects.filter(pk=prog.pk).update(status=Program.Status.MATCHING)
    assert change_status(prog, Program.Status.RUNNING).status == Program.Status.SCHEDULED


def test_a_scheduled_program_can_be_called_off_from_its_page(prog, client, early_in_the_programs):
    Program.objects.filter(pk=prog.pk).update(start=dt.date(2026, 3, 2))
    prog.refresh_from_db()
    publish_run(run_matching(prog).run)
    client.force_login(prog.manager)
    page = client.get(reverse("programs:detail", args=[prog.slug])).content.decode()
    assert "Scheduled" in page and "Move to “Closed”" in page
    client.post(reverse("programs:status", args=[prog.slug]), {"status": "closed", "confirm": "1"})
    prog.refresh_from_db()
    assert prog.status == Program.Status.CLOSED


def test_a_second_publish_says_it_made_nothing_new(prog, client):
    first = publish_run(run_matching(prog).run)
    assert (first.new_pairs, first.already_going, first.emails) == (2, 0, 4)
    second = publish_run(run_matching(prog).run)
    assert (second.new_pairs, second.already_going, second.emails) == (0, 2, 0)
    assert second.summary() == (
        f"Nothing new: the 2 proposals of run {second.run.pk} are pairs already going; "
        "nobody is emailed."
    )
    assert Mentorship.objects.count() == 2
    run = run_matching(prog).run
    client.force_login(prog.manager)
    url = reverse("matching:publish", args=[prog.slug, run.pk])
    confirm = client.get(url).content.decode()
    assert "Nothing new: every proposal of this run is a pair already going." in confirm
    assert preview(run).emails == 0
    page = client.post(url, follow=True).content.decode()
    assert "Nothing new: the 2 proposals" in page
    _token, secret = create_token(prog.manager, "t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    api_run = client.post(
        f"/api/v1/programs/{prog.pk}/matching/runs", {}, content_type="application/json", **auth
    )
    published = client.post(f"/api/v1/matching/runs/{api_run.json()['id']}/publish", **auth)
    assert published.json()["new_pairs"] == 0 and published.json()["already_going"] == 2
    assert published.json()["message"].startswith("Nothing new")
    out = io.StringIO()
    call_command("match", prog.slug, "--publish", stdout=out)
    assert "Published: Nothing new: the 2 proposals" in out.getvalue()


@pytest.mark.parametrize(
    "backend",
    [
        "tandem.operations.email_backends.StderrEmailBackend",  # the development default
        "django.core.mail.backends.console.EmailBackend",  # Django's, on standard output
    ],
)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_match_writes_only_its_data_on_stdout_even_when_publishing(
    committed_prog, settings, capsys, backend, fmt
):
    settings.EMAIL_BACKEND = backend
    call_command("match", committed_prog.slug, "--publish", "--format", fmt)
    out, err = capsys.readouterr()
    if fmt == "json":
        data = json.loads(out)
        assert len(data["pairs"]) == 2 and data["published"]["new_pairs"] == 2
    else:
        rows = list(csv.reader(io.StringIO(out), delimiter=";"))
        assert rows[0] == ["mentors", "mentees", "score", "reasons"] and len(rows) == 3
        assert "2 new pairs proposed" in err
    assert "a mentorship proposal awaits your answer" in err  # the emails, on stderr
    assert err.count("Subject:") == 4
    assert Mentorship.objects.count() == 2


def test_the_development_email_backend_prints_on_stderr_not_stdout(capsys):
    StderrEmailBackend().send_messages([EmailMessage("Hello", "Body", to=["b@example.com"])])
    out, err = capsys.readouterr()
    assert out == "" and "Subject: Hello" in err
    assert mail.outbox == []
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_EMAIL_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    default = subprocess.run(
        [sys.executable, "-c", "import tandem.settings as s; print(s.EMAIL_BACKEND)"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert default.stdout.strip() == "tandem.operations.email_backends.StderrEmailBackend"
