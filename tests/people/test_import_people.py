"""The people import: every refusal named by line and column, all-or-nothing, idempotent."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tandem.people.models import Organization, Person
from tandem.people.services.people_import import import_people
from tandem.people.services.people_validation import validate_people_rows
from tests import factories as f

HEADER = (
    "employee_id,email,full_name,title,department,manager_id,organization,site,timezone,languages"
)
ROWS = [
    "E1,ceo@acme.test,Claire Dumas,CEO,Board,,Acme,Paris,Europe/Paris,fr|en",
    "E2,hr@acme.test,Hélène Martin,HRD,HR,E1,Acme,Paris,Europe/Paris,fr",
    "E3,dev@acme.test,Léa Bernard,Developer,Digital,E2,Acme,Lyon,Europe/Paris,fr|en",
    "P1,boss@partner.test,Sam Lee,Director,Sales,,Partner Co,Montréal,America/Toronto,en",
]


def csv_text(rows=ROWS, header=HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def replace(row: int, column: str, value: str, rows=ROWS) -> list[str]:
    """ROWS with one cell changed (row is 0-based; the file line is row + 2)."""
    index = HEADER.split(",").index(column)
    cells = rows[row].split(",")
    cells[index] = value
    return [*rows[:row], ",".join(cells), *rows[row + 1 :]]


def messages(report) -> list[str]:
    return [str(error) for error in report.errors]


def test_it_creates_people_managers_and_organisations(db):
    report = import_people(csv_text())
    assert (report.created, report.updated, report.rejected) == (4, 0, 0)
    lea = Person.objects.get(employee_id="E3")
    assert lea.manager.employee_id == "E2"
    assert lea.languages == ["fr", "en"]
    assert lea.organization.kind == Organization.Kind.HOST
    assert Organization.objects.get(name="Partner Co").kind == Organization.Kind.PARTNER


@pytest.mark.parametrize(
    ("row", "column", "value", "expected"),
    [
        (1, "email", "not-an-email", "is not a valid email address"),
        (1, "email", "ceo@acme.test", "duplicate email, already on line 2"),
        (1, "employee_id", "E1", "duplicate employee id, already on line 2"),
        (1, "employee_id", "", "a value is required"),
        (1, "full_name", "", "a value is required"),
        (1, "organization", "", "a value is required"),
        (1, "timezone", "Europe/Atlantis", "is not a time zone"),
        (1, "languages", "fr|klingon", "“klingon” is not an ISO 639-1 language code"),
        (1, "manager_id", "E404", "unknown manager E404"),
        (1, "manager_id", "E2", "a person cannot be their own manager"),
        (1, "title", "x" * 201, "too long"),
    ],
)
def test_it_reports_each_bad_cell_with_line_and_column(db, row, column, value, expected):
    report = import_people(csv_text(replace(row, column, value)))
    assert report.rejected >= 1
    error = next(e for e in report.errors if e.column == column)
    assert error.line == row + 2
    assert expected in error.message
    assert f"line {row + 2}, column {column}:" in str(error)
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("gender", "q", "is not a gender"),
        ("birth_year", "1800", "not a plausible birth year"),
        ("birth_year", "abc", "not a plausible birth year"),
    ],
)
def test_it_checks_the_optional_columns(db, column, value, expected):
    rows = [row + ",f,1990" for row in ROWS]
    rows[2] = rows[2].rsplit(",", 2)[0] + (",q,1990" if column == "gender" else f",f,{value}")
    report = import_people(csv_text(rows, HEADER + ",gender,birth_year"))
    [error] = report.errors
    assert (error.line, error.column) == (4, column)
    assert expected in error.message


def test_it_accepts_gender_words_and_keeps_them_when_the_column_is_absent(db):
    rows = [row + ",Female,1990" for row in ROWS]
    import_people(csv_text(rows, HEADER + ",gender,birth_year"))
    assert Person.objects.get(employee_id="E1").gender == "f"
    report = import_people(csv_text())
    assert report.unchanged == 4
    assert Person.objects.get(employee_id="E1").birth_year == 1990


def test_it_refuses_an_email_already_used_by_someone_else(db):
    f.person(email="dev@acme.test", employee_id="X9")
    report = import_people(csv_text())
    [error] = report.errors
    assert (error.line, error.column) == (4, "email")
    assert "already used by employee X9" in error.message


def test_it_reports_header_problems(db):
    header = HEADER.replace(",timezone", ",tz")
    report = import_people(csv_text([], header))
    assert report.fatal
    assert {(e.line, e.column) for e in report.errors} == {(1, "tz"), (1, "timezone")}
    assert any("required column missing" in m for m in messages(report))
    assert any("unknown column" in m for m in messages(report))


def test_it_reads_semicolons_and_a_bom(db):
    text = csv_text().replace(",", ";")
    report = import_people(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert report.created == 4
    assert Person.objects.get(employee_id="E2").full_name == "Hélène Martin"


def test_it_explains_a_latin1_file_instead_of_crashing(db):
    report = import_people(csv_text().encode("latin-1"))
    assert report.fatal
    [error] = report.errors
    assert error.line == 3  # Hélène
    assert "not UTF-8" in error.message


def test_it_writes_nothing_when_any_row_is_bad(db):
    report = import_people(csv_text(replace(3, "timezone", "Mars/Base")))
    assert (report.created, report.rejected, report.written) == (0, 1, False)
    assert not Person.objects.exists()
    assert not Organization.objects.exists()


def test_it_writes_the_good_rows_with_skip_invalid(db):
    rows = replace(1, "email", "nope")  # E2 is bad, so E3 (managed by E2) cannot be written
    report = import_people(csv_text(rows), skip_invalid=True)
    assert (report.created, report.rejected) == (2, 2)
    assert "manager E2 is on rejected line 3" in messages(report)[-1]
    assert set(Person.objects.values_list("employee_id", flat=True)) == {"E1", "P1"}


def test_it_counts_everything_unchanged_on_reimport(db):
    import_people(csv_text())
    before = list(Person.objects.values_list("id", "updated_at", "tree_pre"))
    report = import_people(csv_text())
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert list(Person.objects.values_list("id", "updated_at", "tree_pre")) == before


def test_it_updates_changed_rows_in_place(db):
    import_people(csv_text())
    rows = replace(2, "manager_id", "E1")
    rows = replace(2, "title", "Lead developer", rows)
    report = import_people(csv_text(rows))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    lea = Person.objects.get(employee_id="E3")
    assert (lea.title, lea.manager.employee_id, lea.tree_depth) == ("Lead developer", "E1", 1)


def test_it_reports_a_cycle_in_the_file_on_every_row_involved(db):
    rows = replace(0, "manager_id", "E3")  # E1 → E3 → E2 → E1
    report = import_people(csv_text(rows))
    cycle = [e for e in report.errors if "cycle" in e.message]
    assert [(e.line, e.column) for e in cycle] == [
        (2, "manager_id"),
        (3, "manager_id"),
        (4, "manager_id"),
    ]
    assert "E1 → E3 → E2 → E1 (lines 2, 4, 3)" in cycle[0].message


def test_it_reports_a_cycle_closed_through_people_already_in_tandem(db):
    import_people(csv_text())
    # E1 now reports to E3, who (in Tandem) reports to E2, who reports to E1.
    report = import_people(csv_text([replace(0, "manager_id", "E3")[0]]))
    [error] = report.errors
    assert (error.line, error.column) == (2, "manager_id")
    assert "E1 → E3 → E2 → E1" in error.message


def test_it_validates_api_rows_without_a_file(db):
    rows = [
        {
            "employee_id": "A1",
            "email": "a@x.test",
            "full_name": "A",
            "organization": "Acme",
            "languages": ["fr", "EN"],
            "timezone": "UTC",
        },
        {"employee_id": "A2", "email": "bad", "full_name": "B", "organization": "Acme"},
    ]
    batch = validate_people_rows(rows)
    assert [row.values["languages"] for row in batch.rows] == [["fr", "en"]]
    assert [(e.line, e.column) for e in batch.errors] == [(2, "email")]


def test_the_command_prints_a_summary(db, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(csv_text(), encoding="utf-8")
    call_command("import-people", str(path))
    assert "4 created, 0 updated, 0 unchanged, 0 rejected" in capsys.readouterr().out


def test_the_command_fails_and_lists_the_errors(db, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(csv_text(replace(2, "languages", "xx")), encoding="utf-8")
    with pytest.raises(CommandError, match="1 rows rejected; nothing was imported"):
        call_command("import-people", str(path))
    assert "line 4, column languages:" in capsys.readouterr().err
    call_command("import-people", str(path), "--skip-invalid")
    assert Person.objects.count() == 3


def test_the_command_reports_a_missing_file(db):
    with pytest.raises(CommandError, match="cannot open"):
        call_command("import-people", "/nonexistent/people.csv")


def test_it_refuses_a_cycle_that_a_skipped_row_would_close(db):
    import_people(csv_text())  # E3 reports to E2, E2 to E1
    rows = [
        replace(0, "manager_id", "E3")[0],  # E1 would report to E3: a cycle with E2 and E3
        replace(2, "manager_id", "", replace(2, "email", "bad"))[2],  # E3 rejected: keeps E2
    ]
    report = import_people(csv_text(rows), skip_invalid=True)
    assert sorted((e.line, e.column) for e in report.errors) == [(2, "manager_id"), (3, "email")]
    assert Person.objects.get(employee_id="E1").manager is None
