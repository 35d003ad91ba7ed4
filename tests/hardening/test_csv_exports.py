"""Every CSV export defuses spreadsheet formulas (OWASP: cells starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return get a leading apostrophe); numbers stay numbers."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from tandem.accounts.audit import record
from tandem.operations.csvexport import PLAIN_NUMBER, safe_cell

EVIL = ['=HYPERLINK("http://x")', "+1+cmd", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx"]


def assert_all_cells_safe(text: str, delimiter=",") -> int:
    cells = 0
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        for cell in row:
            cells += 1
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert PLAIN_NUMBER.fullmatch(cell), f"formula-like cell {cell!r}"
    return cells


@pytest.mark.parametrize("value", EVIL)
def test_a_formula_gets_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", [-3, -0.25, "-3", "-0.25", "+33", "12%", "Léa", "", None])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert safe_cell(value) == ("" if value is None else value)


def test_the_dashboard_figures_export(client, cast):
    cast.program.name = EVIL[0]
    cast.program.save()
    client.force_login(cast.manager)
    response = client.get(reverse("insights:export-csv", args=[cast.program.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "'=HYPERLINK" in text
    assert assert_all_cells_safe(text) > 5


def test_the_audit_export(client, cast):
    for value in EVIL:
        record(cast.manager, "people.note", None, note=value)
    cast.manager.is_superuser = True
    cast.manager.save()
    client.force_login(cast.manager)
    response = client.get(reverse("audit:csv"))
    text = b"".join(response.streaming_content).decode()
    assert assert_all_cells_safe(text) > 6 * len(EVIL)


def test_the_matching_run_export(cast, capsys):
    mentor = cast.mentor.person
    mentor.employee_id = "=1+2"
    mentor.save()
    cast.mentee.person.employee_id = "@me"
    cast.mentee.person.save()
    out = io.StringIO()
    call_command("match", cast.program.slug, "--format", "csv", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "'=1+2" in text and "'@me" in text
    assert_all_cells_safe(text, delimiter=";")
