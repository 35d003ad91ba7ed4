"""What the people import decides about organisations is said, never silent: new
organisations with their kind, the optional ``organization_kind`` column, a kind changed, a
manager in another organisation; on the command line, the upload page and the API."""

import pytest
from django.core.management import call_command

from tandem.accounts.models import AuditEvent
from tandem.people.models import Organization
from tandem.people.services.people_import import import_people
from tests.people.test_import_people import HEADER, ROWS, csv_text

KIND_HEADER = HEADER + ",organization_kind"


def with_kinds(*kinds) -> list[str]:
    return [f"{row},{kind}" for row, kind in zip(ROWS, kinds, strict=True)]


def test_it_says_which_organisations_it_created_and_their_kind(db):
    report = import_people(csv_text())
    assert report.notes == [
        "Acme: new host organisation",
        "Partner Co: new partner organisation",
    ]
    assert report.as_dict()["notes"] == report.notes
    assert import_people(csv_text()).notes == []  # nothing new the second time
    created = AuditEvent.objects.filter(action="organization.create")
    assert sorted(e.details["name"] for e in created) == ["Acme", "Partner Co"]


def test_it_takes_the_kind_from_the_organization_kind_column(db):
    report = import_people(csv_text(with_kinds("partner", "", "", "host"), KIND_HEADER))
    assert not report.errors
    assert Organization.objects.get(name="Acme").kind == Organization.Kind.PARTNER
    assert Organization.objects.get(name="Partner Co").kind == Organization.Kind.HOST
    assert report.notes == ["Acme: new partner organisation", "Partner Co: new host organisation"]


def test_it_changes_an_existing_organisations_kind_when_the_file_says_so(db):
    import_people(csv_text())
    report = import_people(csv_text(with_kinds("", "", "", "HOST"), KIND_HEADER))
    assert Organization.objects.get(name="Partner Co").kind == Organization.Kind.HOST
    assert report.notes == ["Partner Co: now a host organisation (was a partner)"]


@pytest.mark.parametrize(
    ("kinds", "line", "message"),
    [
        (("client", "", "", ""), 2, "“client” is not an organisation kind; use host or partner"),
        (("host", "partner", "", ""), 3, "Acme is given as host on line 2"),
    ],
)
def test_it_refuses_a_kind_it_cannot_read_naming_the_line(db, kinds, line, message):
    report = import_people(csv_text(with_kinds(*kinds), KIND_HEADER))
    (error,) = [e for e in report.errors if e.column == "organization_kind"]
    assert (error.line, error.message) == (line, message)
    assert not Organization.objects.exists()


def test_it_notes_a_manager_in_another_organisation(db):
    rows = [*ROWS, "P2,lent@partner.test,Lou Ray,Analyst,Sales,E1,Partner Co,Lyon,UTC,en"]
    report = import_people(csv_text(rows))
    assert report.notes[-1] == (
        "line 6: the manager of P2, E1, is of Acme, another organisation than Partner Co: the "
        "reporting-line rule holds inside each organisation, so they are in no reporting line "
        "together"
    )


def test_the_command_and_the_page_and_the_api_show_the_decisions(
    db, tmp_path, capsys, client, cast
):
    path = tmp_path / "people.csv"
    path.write_text(csv_text(with_kinds("", "", "", "partner"), KIND_HEADER), encoding="utf-8")
    call_command("import-people", str(path))
    assert "Partner Co: new partner organisation" in capsys.readouterr().out
    client.force_login(cast.manager)
    cast.manager.is_superuser = True
    cast.manager.save()
    rows = "\n".join([HEADER, "Z1,z@newco.test,Zoé Roy,CEO,Board,,NewCo,Paris,UTC,fr"]) + "\n"
    page = client.post(
        f"/programs/{cast.program.slug}/import/",
        {"kind": "people", "file": _upload(rows)},
    ).content.decode()
    assert "What the import decided" in page and "NewCo: new partner organisation" in page
    response = client.post(
        "/api/v1/people/bulk",
        {"rows": [_row("Y1", "BigCo", "host")]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["notes"] == ["BigCo: new host organisation"]


def _upload(text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("people.csv", text.encode(), content_type="text/csv")


def _row(eid: str, organization: str, kind: str) -> dict:
    return {
        "employee_id": eid,
        "email": f"{eid.lower()}@example.test",
        "full_name": "Yves Bas",
        "title": "",
        "department": "",
        "manager_id": "",
        "organization": organization,
        "organization_kind": kind,
        "site": "",
        "timezone": "UTC",
        "languages": "fr",
    }
