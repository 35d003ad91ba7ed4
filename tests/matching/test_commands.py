"""The ``tandem topics``, ``tandem match`` and ``tandem suggest`` commands."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tandem.matching.models import MatchingRun
from tandem.mentorships.models import Mentorship
from tandem.programs.models import Program
from tests import factories as f
from tests.matching import helpers as h


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_it_lists_topics_as_json(db):
    topics = json.loads(_run("topics", "--format", "json"))
    genai = next(t for t in topics if t["slug"] == "genai")
    assert genai == {
        "slug": "genai",
        "name_en": "Generative AI at work",
        "name_fr": "L'IA générative au travail",
        "side": "junior",
    }
    assert "cyber" in _run("topics")


def test_it_prints_the_match_as_one_json_object(cast):
    data = json.loads(_run("match", cast.program.slug, "--format", "json"))
    assert set(data) == {"program", "run", "pairs", "unmatched", "totals"}
    assert data["program"] == cast.program.slug
    assert data["run"] == MatchingRun.objects.get().pk
    (pair,) = data["pairs"]
    assert pair["mentors"] == [cast.mentor.person.employee_id]
    assert pair["mentees"] == [cast.mentee.person.employee_id]
    assert pair["score"] > 0 and pair["reasons"]
    (left,) = data["unmatched"]
    assert left == {
        "employee_id": cast.other_member.person.employee_id,
        "role": "mentor",
        "reasons": ["has no competence in this program's topics"],
    }
    totals = data["totals"]
    for key in ("mentees", "mentors", "matched_mentees", "matched_mentors", "score"):
        assert isinstance(totals[key], int)
    assert {"bound_score", "gap", "timings"} <= set(totals)


def test_it_does_not_store_a_dry_run(cast):
    data = json.loads(_run("match", cast.program.slug, "--dry-run", "--format", "json"))
    assert data["run"] is None and len(data["pairs"]) == 1
    assert not MatchingRun.objects.exists()


def test_it_publishes_with_publish(cast):
    out = _run("match", cast.program.slug, "--publish")
    assert "Published" in out
    assert Mentorship.objects.count() == 1


def test_it_prints_a_table_with_reasons_when_asked(cast):
    out = _run("match", cast.program.slug, "--explain")
    assert "Proposals (1)" in out and "Unmatched (1)" in out and "matched_mentees: 1" in out
    assert "- covers Generative AI at work (high priority) at level 3, assessed" in out
    assert "- covers" not in _run("match", cast.program.slug)


def test_it_prints_csv_one_row_per_pair(cast):
    rows = list(
        csv.reader(io.StringIO(_run("match", cast.program.slug, "--format", "csv")), delimiter=";")
    )
    assert rows[0] == ["mentors", "mentees", "score", "reasons"]
    assert rows[1][0] == cast.mentor.person.employee_id and len(rows) == 2


def test_it_names_an_unknown_program(db):
    with pytest.raises(CommandError, match="Unknown program: nope"):
        _run("match", "nope")


def test_it_refuses_dry_run_with_publish(cast):
    with pytest.raises(CommandError, match="dry run cannot be published"):
        _run("match", cast.program.slug, "--dry-run", "--publish")


def test_it_suggests_partners_as_json(cast):
    employee_id = cast.mentee.person.employee_id
    data = json.loads(_run("suggest", cast.program.slug, employee_id, "--format", "json"))
    assert data["program"] == cast.program.slug and data["employee_id"] == employee_id
    assert data["role"] == "mentee"
    (first,) = data["suggestions"]
    assert first["employee_id"] == cast.mentor.person.employee_id
    assert set(first) == {"employee_id", "full_name", "score", "reasons"}


def test_it_names_an_unknown_employee_or_one_not_enrolled(cast):
    with pytest.raises(CommandError, match="Unknown employee id: X999"):
        _run("suggest", cast.program.slug, "X999")
    with pytest.raises(CommandError, match="no accepted enrolment"):
        _run("suggest", cast.program.slug, cast.outsider.person.employee_id)


def test_it_creates_a_renewed_cohort_that_repeats_no_pair(cast):
    _run("match", cast.program.slug, "--publish")
    args = ("--format", "one-to-one", "--start", "2027-01-04", "--end", "2027-06-30")
    args = (*args, "--training", "none")  # this test is about the renewal, not training
    slug = _run("create-program", "Leaders 2027", *args, "--renews", cast.program.slug).strip()
    renewed = Program.objects.get(slug=slug)
    assert renewed.renews == cast.program
    mentee, mentor = cast.mentee.person, cast.mentor.person
    h.mentor(renewed, "New mentor", skills=[("genai", 2, 1)])
    f.enrol(mentee, renewed, "mentee")
    f.enrol(mentor, renewed, "mentor")
    data = json.loads(_run("match", slug, "--dry-run", "--format", "json"))
    (pair,) = data["pairs"]
    assert pair["mentees"] == [mentee.employee_id]
    assert pair["mentors"] != [mentor.employee_id]  # the 2026 pair is not repeated


def test_it_names_an_unknown_program_to_renew(db):
    args = ("--format", "one-to-one", "--start", "2027-01-04", "--end", "2027-06-30")
    with pytest.raises(CommandError, match="no program has the slug “nope”"):
        _run("create-program", "Leaders 2027", *args, "--renews", "nope")
