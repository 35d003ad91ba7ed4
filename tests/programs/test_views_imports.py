"""Uploading CSV files from the program's page; every rejected row is shown."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.people.models import Person, Topic
from tandem.programs.models import Enrolment

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def hr(client, cast):
    client.force_login(cast.manager)
    return client


def _post(client, program, kind, content: bytes, skip=False):
    data = {"kind": kind, "file": SimpleUploadedFile("f.csv", content, "text/csv")}
    if skip:
        data["skip_invalid"] = "on"
    return client.post(reverse("programs:import", args=[program.slug]), data)


def test_it_imports_people_then_enrolments(hr, cast):
    cast.program.topics.set(Topic.objects.all())
    response = _post(hr, cast.program, "people", (FIXTURES / "people.csv").read_bytes())
    assert response.status_code == 200
    assert response.context["report"].written
    assert Person.objects.filter(employee_id="E004").exists()
    response = _post(hr, cast.program, "enrolments", (FIXTURES / "enrolments.csv").read_bytes())
    assert response.context["report"].written, response.context["report"].errors
    assert Enrolment.objects.filter(program=cast.program, person__employee_id="E004").exists()


HEADER = (
    "employee_id,email,full_name,title,department,manager_id,organization,site,timezone,languages\n"
)


def _row(eid, email, name):
    return f"{eid},{email},{name},Analyst,IT,,Acme,Paris,Europe/Paris,fr\n"


def test_it_shows_every_rejected_row_and_writes_nothing(hr, cast):
    rows = (
        _row("X1", "not-an-email", "Ann")
        + _row("X2", "b@example.com", "")
        + _row("X3", "c@example.com", "Cy")
    )
    response = _post(hr, cast.program, "people", (HEADER + rows).encode())
    body = response.content.decode()
    report = response.context["report"]
    assert response.status_code == 400 and not report.written
    assert {e.line for e in report.errors} == {2, 3}
    assert "<td>2</td><td>email</td>" in body
    assert not Person.objects.filter(employee_id="X3").exists()


def test_it_skips_invalid_rows_when_asked(hr, cast):
    rows = _row("X1", "not-an-email", "Ann") + _row("X3", "c@example.com", "Cy")
    response = _post(hr, cast.program, "people", (HEADER + rows).encode(), skip=True)
    assert response.context["report"].written
    assert Person.objects.filter(employee_id="X3").exists()
    assert not Person.objects.filter(employee_id="X1").exists()


def test_it_reports_an_unreadable_file(hr, cast):
    response = _post(hr, cast.program, "enrolments", "é;x\n".encode("latin-1"))
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()


def test_it_keeps_the_people_directory_to_hr(client, cast):
    cast.program.managers.add(cast.coach)
    client.force_login(cast.coach)
    response = _post(client, cast.program, "people", (FIXTURES / "people.csv").read_bytes())
    assert response.status_code == 400
    assert "kind" in response.context["form"].errors
    assert not Person.objects.filter(employee_id="E004").exists()
