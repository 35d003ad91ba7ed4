"""Control characters are refused on every way in — API bodies, forms, query strings, CSV
cells, command arguments — with a message naming the field (or line and column), the same on
SQLite and PostgreSQL, and nothing is written."""

import io
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tandem.__main__ import refuse_bad_arguments
from tandem.mentorships.models import Goal, MeetingLog, Preparation
from tandem.people.models import Person
from tandem.people.services.people_import import import_people

HEADER = (
    "employee_id,email,full_name,title,department,manager_id,organization,site,timezone,languages"
)
GOOD = "N1,nul@acme.test,Nora Ulm,Analyst,Digital,,Acme,Paris,Europe/Paris,fr"


def _fields(response) -> list[str]:
    return [error["field"] for error in response.json()["errors"]]


def test_it_refuses_nul_in_a_preparation_a_mentee_writes(api, world):
    path = f"/meetings/{world.meeting.pk}/preparation"
    response = api.put(path, {"state_of_mind": "calm\x00"}, as_=world.cast.mentee)
    assert response.status_code == 422
    assert _fields(response) == ["state_of_mind"]
    assert "U+0000" in response.json()["detail"]
    assert not Preparation.objects.exists()


def test_it_refuses_nul_in_a_log_nested_in_a_list(api, world):
    world.meeting.status = "held"
    world.meeting.save()
    body = {"acquired": "ok", "next_topic_refs": ["genai\x00"]}
    response = api.put(f"/meetings/{world.meeting.pk}/log", body, as_=world.cast.mentor)
    assert response.status_code == 422
    assert _fields(response)[0].startswith("next_topic_refs")
    assert not MeetingLog.objects.exists()


def test_it_refuses_a_line_break_in_a_one_line_field_and_keeps_it_in_a_text(api, world):
    path = f"/mentorships/{world.pair.pk}/goals"
    learner = world.pair.participants.get(person__user=world.cast.mentee).pk
    body = {"learner": learner, "title": "Read\r\nthis", "notes": "one\ntwo"}
    response = api.post(path, body, as_=world.cast.mentee)
    assert response.status_code == 422
    assert _fields(response) == ["title"]
    assert "one line" in response.json()["detail"]
    body["title"] = "Read contracts"
    assert api.post(path, body, as_=world.cast.mentee).status_code == 201
    assert Goal.objects.get(title="Read contracts").notes == "one\ntwo"


@pytest.mark.parametrize(
    "body",
    [[None, None], -1, "end", None, True, {"reason": 5}, {"reason": ["a"]}],
)
def test_it_refuses_a_body_of_the_wrong_type_instead_of_ending_the_mentorship(api, world, body):
    import json

    response = api.client.post(
        f"/api/v1/mentorships/{world.pair.pk}/end",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token(world.cast.manager)}"},
    )
    assert response.status_code == 422, response.content
    world.pair.refresh_from_db()
    assert world.pair.status == "active"


@pytest.mark.parametrize("body", [-1, [True], {"dry_run": 1}, {"dry_run": "false"}])
def test_it_refuses_a_wrong_type_instead_of_starting_a_matching_run(api, world, body):
    import json

    response = api.client.post(
        f"/api/v1/programs/{world.program.pk}/matching/runs",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token(world.cast.manager)}"},
    )
    assert response.status_code == 422
    assert not world.program.matching_runs.exists()


@pytest.mark.parametrize(
    "body, field",
    [
        ({"learner": "1", "title": "x"}, "learner"),
        ({"learner": True, "title": "x"}, "learner"),
        ({"learner": 1.0, "title": "x"}, "learner"),
        ({"learner": 1, "title": 7}, "title"),
        ({"learner": 1, "title": "x", "target_level": "3"}, "target_level"),
    ],
)
def test_it_never_coerces_a_json_type_into_another(api, world, body, field):
    response = api.post(f"/mentorships/{world.pair.pk}/goals", body, as_=world.cast.mentee)
    assert response.status_code == 422
    assert _fields(response) == [field]


def test_every_api_error_is_json(api, world, client, monkeypatch):
    from tandem.mentorships.services import schedule

    missing = api.get("/no-such-route", as_=world.cast.manager)
    assert missing.status_code == 404 and missing.json()["detail"]
    anonymous = client.get("/api/nothing/here")
    assert anonymous.status_code == 404 and anonymous.json()["errors"] == []
    wrong = api.delete(f"/programs/{world.program.pk}/matching/runs", as_=world.cast.manager)
    assert wrong.status_code == 405 and "GET" in wrong.json()["detail"]

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(schedule, "generate_schedule", broken)
    client.raise_request_exception = False
    api.client = client
    failed = api.post(f"/mentorships/{world.pair.pk}/schedule", as_=world.cast.manager)
    assert failed.status_code == 500
    assert failed["Content-Type"] == "application/json"
    assert "boom" not in failed.content.decode()


def test_it_answers_a_csrf_failure_on_the_api_in_json(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.manager)
    response = client.post("/api/v1/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code in (401, 403)
    assert response.json()["detail"]


def test_a_form_with_nul_gets_a_page_naming_the_field(client, cast):
    client.force_login(cast.manager)
    url = reverse("programs:list")
    response = client.post(url, {"name": "Pilot\x00"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<strong>name</strong>" in page and "U+0000" in page


def test_a_query_string_with_a_control_character_gets_a_400_page(client, cast):
    client.force_login(cast.manager)
    response = client.get("/audit/?action=x%00y")
    assert response.status_code == 400
    assert "action" in response.content.decode()


def test_a_one_line_form_field_refuses_a_line_break(client, cast):
    from tandem.people.views.competences import CompetenceFilter

    form = CompetenceFilter(data={"q": "Léa\nBernard"})
    assert not form.is_valid()
    assert "one line" in str(form.errors)


def test_csv_cells_with_control_characters_name_line_and_column(db):
    rows = [GOOD, "N2,two@acme.test,Tom\x00 Two,Analyst,Digital,,Acme,Paris,Europe/Paris,fr"]
    report = import_people("\n".join([HEADER, *rows]) + "\n")
    assert not report.written
    assert [(e.line, e.column) for e in report.errors] == [(3, "full_name")]
    assert "U+0000" in str(report.errors[0])
    quoted = f'{HEADER}\nN3,three@acme.test,"Tim\nThree",A,D,,Acme,Paris,Europe/Paris,fr\n'
    report = import_people(quoted)
    assert [(e.line, e.column) for e in report.errors] == [(3, "full_name")]
    assert not Person.objects.filter(employee_id__startswith="N").exists()


def test_the_import_command_names_the_cell_instead_of_a_traceback(db, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(f"{HEADER}\n{GOOD}\nN2,t@acme.test,T,A\x00,D,,Acme,Paris,UTC,fr\n".encode())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import-people", str(path), stderr=err, stdout=io.StringIO())
    assert "line 3, column title" in err.getvalue()


def test_the_web_upload_names_the_cell(client, cast):
    client.force_login(cast.manager)
    content = f"{HEADER}\n{GOOD}\nN2,t@acme.test,T\x00,A,D,,Acme,Paris,UTC,fr\n".encode()
    data = {"kind": "people", "file": SimpleUploadedFile("p.csv", content, "text/csv")}
    response = client.post(reverse("programs:import", args=[cast.program.slug]), data)
    assert response.status_code == 400  # the page with the rejected rows
    errors = response.context["report"].errors
    assert [(e.line, e.column) for e in errors] == [(3, "full_name")]


def test_command_arguments_are_one_line():
    assert refuse_bad_arguments(["create-program", "Pilot"]) is None
    assert "argument 2" in refuse_bad_arguments(["create-program", "Pi\nlot"])
    # Python code for ``tandem shell -c`` keeps its lines and indentation, never a NUL
    assert refuse_bad_arguments(["shell", "-c", "for i in []:\n\tprint(i)"]) is None
    assert "argument 3" in refuse_bad_arguments(["shell", "-c", "print(1)\x00"])
    done = subprocess.run(
        [sys.executable, "-m", "tandem", "create-program", "Pi\rlot"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "U+000D" in done.stderr and "Traceback" not in done.stderr
