"""Creating a program from the command line: a draft with a unique slug, or a clear refusal."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tandem.people.models import Evidence, Topic
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program, TrainingModule
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


CHARTER = '''
confidentiality = """
What is said within a pair stays within the pair.
"""
authorised_subjects = "Digital tools and ways of working; no individual's pay."
deliverables = ["A prompt library", "A final presentation"]
progression_criteria = "Two new tools used alone by the third meeting."
'''


@pytest.fixture
def staff(db):
    from tests import factories as f

    hr = f.person("Hélène Martin", email="hr@acme.example", with_user=True)
    coach_a = f.person("Marc Petit", email="marc@acme.example")
    coach_b = f.person("Nadia Fares", email="nadia@acme.example")
    sponsor = f.person("Claire Dumas", email="ceo@acme.example")
    return hr, coach_a, coach_b, sponsor


def test_the_command_sets_every_option(staff, tmp_path, capsys):
    hr, coach_a, coach_b, sponsor = staff
    charter = tmp_path / "charter.toml"
    charter.write_text(CHARTER, encoding="utf-8")
    call_command(
        "create-program", "Projects 2027", "--format", "project", *("--start", "2026-09-01"),
        *("--end", "2027-06-30", "--objective", "Ship real projects together"),
        *("--charter-file", str(charter), "--circle-size", "2", "--min-evidence", "assessed"),
        *("--training", "silences,feedback", "--coach", coach_a.email, "--coach", coach_b.email),
        *("--sponsor", sponsor.email, "--manager", hr.email),
    )  # fmt: skip
    program = Program.objects.get(slug=capsys.readouterr().out.strip())
    assert (program.format, program.circle_size, program.min_evidence) == ("project", 2, 2)
    assert program.objective == "Ship real projects together"
    assert program.deliverables == "A prompt library\nA final presentation"
    assert program.confidentiality == "What is said within a pair stays within the pair."
    assert program.authorised_subjects.startswith("Digital tools")
    assert program.require_training
    assert sorted(program.required_modules.values_list("slug", flat=True)) == [
        "feedback",
        "silences",
    ]
    assert set(program.coaches.all()) == {coach_a, coach_b}
    assert program.sponsor == sponsor and list(program.managers.all()) == [hr.user]


def test_defaults_are_endorsed_mentors_and_every_seeded_module(db):
    program = create_program("Defaults", format="circle", **DATES)
    assert program.min_evidence == Evidence.ENDORSED and program.circle_size == 3
    assert set(program.required_modules.all()) == set(TrainingModule.objects.all())
    none = create_program("No training", format="one-to-one", **DATES, training="none")
    assert not none.require_training and not none.required_modules.exists()
    project = create_program("Project", format="project", **DATES)
    assert project.circle_size == 1  # a project pair unless told otherwise


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"format": "one-to-one", "circle_size": 2}, "applies to the circle and project"),
        ({"format": "circle", "circle_size": 1}, "between 2 and 8"),
        ({"format": "project", "circle_size": 9}, "between 1 and 8"),
        ({"min_evidence": "verified"}, "Unknown evidence level"),
        ({"training": "listening"}, "Unknown training module “listening”"),
        ({"coaches": ["ghost@acme.example"]}, "Coaches: nobody in the directory"),
        ({"sponsor": "ghost@acme.example"}, "Sponsor: nobody in the directory"),
        ({"managers": ["marc@acme.example"]}, "has no Tandem account yet"),
    ],
)
def test_it_refuses_bad_setup_options_and_writes_nothing(staff, options, message):
    options = {"format": "one-to-one", **DATES, **options}
    with pytest.raises(ProgramsError, match=message):
        create_program("Pilot", **options)
    assert not Program.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("confidentiality = 'ok'\nbudget = 'x'", "unknown key “budget”"),
        ("deliverables = 3", "must be a list of texts or one text"),
        ("confidentiality = [1]", "must be a text"),
        ("confidentiality = 'unterminated", "is not valid TOML"),
        ('confidentiality = "a\\u0007b"', "control characters"),
    ],
)
def test_a_bad_charter_file_is_named_with_the_reason(db, tmp_path, text, message):
    charter = tmp_path / "charter.toml"
    charter.write_text(text, encoding="utf-8")
    args = ["create-program", "Pilot", "--format", "one-to-one", "--start", "2026-09-01"]
    with pytest.raises(CommandError, match=message):
        call_command(*args, "--end", "2027-01-31", "--charter-file", str(charter))
    assert not Program.objects.exists()


def test_a_missing_or_binary_charter_file_is_refused(db, tmp_path):
    args = ["create-program", "Pilot", "--format", "one-to-one", "--start", "2026-09-01"]
    args += ["--end", "2027-01-31", "--charter-file"]
    with pytest.raises(CommandError, match="cannot open"):
        call_command(*args, str(tmp_path / "nope.toml"))
    binary = tmp_path / "charter.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command(*args, str(binary))


def test_training_with_no_module_is_refused_on_the_command_line_and_in_the_admin(db, admin_client):
    args = ["create-program", "Pilot", "--format", "one-to-one", "--start", "2026-09-01"]
    with pytest.raises(CommandError, match="name the required modules"):
        call_command(*args, "--end", "2027-01-31", "--training", " , ")
    program = create_program("Admin", format="one-to-one", **DATES)
    response = admin_client.get(f"/admin/programs/program/{program.pk}/change/")
    data = {
        key: value
        for key, value in response.context["adminform"].form.initial.items()
        if value is not None and key != "required_modules"
    }
    data.update(
        {
            "require_training": "on",
            "start": "2026-09-01",
            "end": "2027-06-30",
            "topics": [t.pk for t in program.topics.all()],
            "weights": "{}",
        }
    )
    response = admin_client.post(f"/admin/programs/program/{program.pk}/change/", data)
    assert "needs at least one module" in response.content.decode()
    assert program.required_modules.count() == TrainingModule.objects.count()
