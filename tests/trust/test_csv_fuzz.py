"""Fuzzing the CSV importers (hypothesis): random bytes, encodings, separators, columns and
values through `tandem import-people`, `tandem import-enrollments` and the web upload. The
only acceptable outcomes are an import or a clear refusal (CommandError, a 400 page naming
the line), and a refusal writes nothing: every table of people and programs keeps its rows."""

import csv
import io
import os

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.people.models import Person
from tandem.people.services.people_validation import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from tandem.programs.services.enrolment_import import COLUMNS as ENROLMENT_COLUMNS

FUZZ = settings(
    max_examples=int(os.environ.get("TANDEM_FUZZ_EXAMPLES", "40")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
WATCHED_APPS = ("people", "programs", "accounts")
ENCODINGS = ("utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252")
NASTY = [
    "",
    " ",
    "\x00",
    "\u202e",
    "=cmd|' /C calc'!A0",
    "9" * 40,
    "-1",
    "1e309",
    "nan",
    "<script>",
    "x" * 300,
    "E001",
    "Europe/Paris",
    "Mars/Olympus",
    "fr|en",
    "fr||zz",
    "genai:3:assessed|cyber:2:self",
    "genai:high|cyber:medium",
    "genai:9:forged",
    "genai",
    ":::",
    "mon 09:00-12:00|thu 14:00-17:00",
    "sun 25:00-26:61",
    "mon 12:00-09:00",
    "mentor",
    "mentee",
    "coach",
    "claire@acme.example",
    "not-an-email",
    "f",
    "1968",
    "3",
    "0",
]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=30))


def counts() -> dict[str, int]:
    """Rows per model of the apps an import writes to."""
    return {
        model._meta.label: model._default_manager.count()
        for app in WATCHED_APPS
        for model in apps.get_app_config(app).get_models()
    }


def people_cells() -> dict:
    """Valid values per column of the people file, so that many examples get written."""
    ids = st.sampled_from([f"F{n:03d}" for n in range(6)])
    return {
        "employee_id": ids,
        "email": st.from_regex(r"[a-z]{1,6}@acme\.example", fullmatch=True),
        "full_name": st.text(min_size=1, max_size=20),
        "manager_id": st.one_of(ids, st.just("")),
        "organization": st.sampled_from(["Acme", "Partner Co"]),
        "timezone": st.sampled_from(["Europe/Paris", "UTC", "America/New_York"]),
        "languages": st.sampled_from(["fr|en", "en", "fr"]),
        "gender": st.sampled_from(["f", "m", "x", ""]),
        "birth_year": st.sampled_from(["1968", "2001", ""]),
    }


def enrolment_cells(employee_ids: list[str]) -> dict:
    return {
        "employee_id": st.sampled_from(employee_ids),
        "role": st.sampled_from(["mentor", "mentee"]),
        "topics": st.sampled_from(
            [
                "genai:3:assessed|cyber:2:self",
                "genai:high|cyber:medium",
                "cyber:low",
                "genai:4:certified",
            ]
        ),
        "capacity": st.sampled_from(["1", "2", "3", ""]),
        "languages": st.sampled_from(["fr|en", "en", "fr"]),
        "availability": st.sampled_from(["mon 09:00-12:00|thu 14:00-17:00", "tue 10:00-11:00"]),
    }


@st.composite
def csv_files(draw, known_columns, good: dict):
    """Random bytes, or a CSV (mostly well-formed, with nasty cells, columns and separators)
    in a random encoding."""
    if draw(st.integers(0, 5)) == 0:
        return draw(st.binary(max_size=600))
    columns = list(known_columns)
    if draw(st.integers(0, 3)) == 0:
        pool = [*known_columns, "unknown", "", "EMAIL", "employee_id "]
        columns = draw(st.lists(st.sampled_from(pool), max_size=len(known_columns) + 2))
    rows = []
    for _row in range(draw(st.integers(0, 6))):
        row = [draw(good.get(column, st.text(max_size=20))) for column in columns]
        if row and draw(st.booleans()):  # one cell with anything at all
            row[draw(st.integers(0, len(row) - 1))] = draw(values)
        if draw(st.integers(0, 5)) == 0:  # a cell too many or too few
            row = row[:-1] if row and draw(st.booleans()) else [*row, draw(values)]
        rows.append(row)
    buffer = io.StringIO()
    separator = draw(st.sampled_from([",", ",", ";", "\t", "|"]))
    writer = csv.writer(buffer, delimiter=separator)
    writer.writerow(columns)
    writer.writerows(rows)
    text = buffer.getvalue()
    if draw(st.integers(0, 3)) == 0:
        text = text.replace("\r\n", draw(st.sampled_from(["\n", "\r", '"\n'])))
    encoding = draw(st.sampled_from(ENCODINGS)) if draw(st.integers(0, 3)) == 0 else "utf-8"
    return text.encode(encoding, errors="replace")


def command_outcome(tmp_path, args: list[str], data: bytes, skip: bool) -> None:
    """Run the command on the file; it either imports or raises CommandError, and then wrote
    nothing (unless told to skip invalid rows, when only the valid rows are written)."""
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    before = counts()
    with transaction.atomic():  # each example starts from the same database
        try:
            call_command(
                *args,
                str(path),
                *(["--skip-invalid"] if skip else []),
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )
        except CommandError as error:
            assert str(error)
            if not skip or "could not be read" in str(error):
                assert counts() == before
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_import_people_never_crashes_nor_half_writes(tmp_path):
    @FUZZ
    @given(data=csv_files(REQUIRED_COLUMNS + OPTIONAL_COLUMNS, people_cells()), skip=st.booleans())
    def check(data, skip):
        command_outcome(tmp_path, ["import-people"], data, skip)

    check()


def test_import_enrollments_never_crashes_nor_half_writes(tmp_path, cast):
    good = enrolment_cells(list(Person.objects.values_list("employee_id", flat=True)))

    @FUZZ
    @given(data=csv_files(ENROLMENT_COLUMNS, good), skip=st.booleans())
    def check(data, skip):
        command_outcome(tmp_path, ["import-enrollments", cast.program.slug], data, skip)

    check()


def test_the_upload_page_answers_every_file_with_a_page(client, cast):
    client.force_login(cast.manager)
    url = reverse("programs:import", args=[cast.program.slug])
    good = enrolment_cells(list(Person.objects.values_list("employee_id", flat=True)))

    @FUZZ
    @given(
        data=csv_files(ENROLMENT_COLUMNS, good),
        kind=st.sampled_from(["enrolments", "people", "other"]),
        skip=st.booleans(),
    )
    def check(data, kind, skip):
        before = counts()
        with transaction.atomic():
            upload = io.BytesIO(data)
            upload.name = "fuzz.csv"
            form = {"kind": kind, "file": upload, **({"skip_invalid": "on"} if skip else {})}
            response = client.post(url, form)
            assert response.status_code in (200, 400), response.status_code
            if response.status_code == 400 and not skip:
                assert counts() == before
            transaction.set_rollback(True)

    check()
