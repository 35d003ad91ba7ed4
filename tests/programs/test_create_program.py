"""Creating a program from the command line: a draft with a unique slug, or a clear refusal."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tandem.people.models import Topic
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program
from tandem.programs.services.programs import create_program

DATES = {"start": "2026-09-01", "end": "2027-06-30"}


def test_it_creates_a_draft_open_to_every_active_topic(db):
    Topic.objects.filter(slug="csr").update(is_active=False)
    program = create_program("GenAI for leaders", format="circle", **DATES, cadence_days=21)
    assert (program.slug, program.status, program.format) == (
        "genai-for-leaders",
        Program.Status.DRAFT,
        "circle",
    )
    assert (program.start, program.cadence_days) == (dt.date(2026, 9, 1), 21)
    slugs = set(program.topics.values_list("slug", flat=True))
    assert "genai" in slugs and "csr" not in slugs


def test_it_makes_slugs_unique(db):
    slugs = [create_program("Café & IA", format="one-to-one", **DATES).slug for _ in range(3)]
    assert slugs == ["cafe-ia", "cafe-ia-2", "cafe-ia-3"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end": "2026-08-01"}, "end date must be after the start date"),
        ({"end": "2026-09-01"}, "end date must be after the start date"),
        ({"start": "01/09/2026"}, "is not a date; write it as YYYY-MM-DD"),
        ({"start": "2026-02-30"}, "is not a date"),
        ({"cadence_days": 0}, "days between meetings must be between 1 and 365"),
        ({"meeting_minutes": -5}, "meeting length in minutes must be between 15 and 480"),
        ({"format": "trio"}, "Unknown format"),
    ],
)
def test_it_refuses_bad_options(db, changes, message):
    options = {"format": "one-to-one", **DATES, **changes}
    with pytest.raises(ProgramsError, match=message):
        create_program("Pilot", **options)
    assert not Program.objects.exists()


def test_the_command_prints_the_slug(db, capsys):
    args = ["create-program", "Pilot 2026", "--format", "group", "--start", "2026-09-01"]
    call_command(*args, "--end", "2027-01-31", "--meeting-minutes", "90")
    assert capsys.readouterr().out.strip() == "pilot-2026"
    assert Program.objects.get(slug="pilot-2026").meeting_minutes == 90


def test_the_command_turns_refusals_into_command_errors(db):
    with pytest.raises(CommandError, match="end date must be after"):
        call_command(
            "create-program",
            "Pilot",
            "--format",
            "one-to-one",
            "--start",
            "2026-09-01",
            "--end",
            "2026-01-01",
        )
