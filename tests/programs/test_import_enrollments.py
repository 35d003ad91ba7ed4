"""The enrolment import: mentors' competences, mentees' needs, capacities, slots, languages."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tandem.people.models import Competence, Evidence, LearningNeed, Person, Priority
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Enrolment, Program
from tandem.programs.services.enrolment_import import import_enrolments
from tests import factories as f

HEADER = "employee_id,role,topics,capacity,languages,availability"
ROWS = [
    "M1,mentor,genai:3:assessed|cyber:2:self,2,,mon 09:00-12:00|Jeu 14h00-17:00",
    "S1,mentee,genai:high|cyber:low,,fr,lun 9:00-10:00",
]


@pytest.fixture
def program(db):
    f.person("Mentor", employee_id="M1", languages=["fr", "en"])
    f.person("Senior", employee_id="S1", languages=["fr"])
    return f.program("Enrolment pilot", topics=("genai", "cyber"))


def csv_text(rows=ROWS) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def test_it_enrols_mentors_and_mentees_with_their_topics(program):
    report = import_enrolments(program, csv_text())
    assert (report.created, report.rejected) == (2, 0)
    mentor = Enrolment.objects.get(person__employee_id="M1")
    assert (mentor.role, mentor.status, mentor.capacity) == ("mentor", "accepted", 2)
    assert mentor.languages == ["fr", "en"]  # empty cell: the person's languages
    assert mentor.availability == ["mon 09:00-12:00", "thu 14:00-17:00"]
    assert set(
        Competence.objects.filter(person=mentor.person).values_list(
            "topic__slug", "level", "evidence"
        )
    ) == {("genai", 3, Evidence.ASSESSED), ("cyber", 2, Evidence.SELF)}
    assert set(LearningNeed.objects.values_list("topic__slug", "priority")) == {
        ("genai", Priority.HIGH),
        ("cyber", Priority.LOW),
    }


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        ("X9,mentor,genai:3:assessed,,,", "employee_id", "unknown employee X9"),
        ("M1,boss,genai:3:assessed,,,", "role", "is not a role"),
        ("M1,mentor,dance:3:assessed,,,", "topics", "unknown topic “dance”"),
        ("M1,mentor,strategy:3:assessed,,,", "topics", "not among this program's topics"),
        ("M1,mentor,genai:5:assessed,,,", "topics", "the level must be 1, 2, 3 or 4"),
        ("M1,mentor,genai:3:rumoured,,,", "topics", "the evidence must be"),
        ("M1,mentor,genai:3:self|genai:2:self,,,", "topics", "listed twice"),
        ("M1,mentor,,,,", "topics", "at least one topic"),
        ("S1,mentee,genai:urgent,,,", "topics", "the priority must be high, medium or low"),
        ("M1,mentor,genai:3:self,4,,", "capacity", "from 1 to 3"),
        ("M1,mentor,genai:3:self,²,,", "capacity", "from 1 to 3"),  # a digit, not a number
        ("S1,mentee,genai:high,2,,", "capacity", "a mentee's capacity must be empty or 1"),
        ("M1,mentor,genai:3:self,,xx,", "languages", "not an ISO 639-1 language code"),
        ("M1,mentor,genai:3:self,,,mon 12:00-09:00", "availability", "end must be after"),
        ("M1,mentor,genai:3:self,,,someday 09:00-10:00", "availability", "unknown day"),
        ("M1,mentor,genai:3:self,,,mon 9 to 10", "availability", "is not a slot"),
    ],
)
def test_it_reports_each_bad_cell_with_line_and_column(program, row, column, expected):
    report = import_enrolments(program, csv_text([ROWS[1], row]))
    [error] = report.errors
    assert (error.line, error.column) == (3, column)
    assert expected in error.message
    assert not Enrolment.objects.exists()


def test_it_refuses_people_who_left(program):
    Person.objects.filter(employee_id="S1").update(is_active=False)
    [error] = import_enrolments(program, csv_text()).errors
    assert (error.line, error.column) == (3, "employee_id")
    assert "no longer active" in error.message


def test_it_refuses_the_same_person_twice_in_the_same_role(program):
    report = import_enrolments(program, csv_text([ROWS[0], ROWS[0]]))
    [error] = report.errors
    assert (error.line, error.column) == (3, "employee_id")
    assert "already enrolled as mentor on line 2" in error.message


def test_it_allows_up_to_12_mentees_per_mentor_in_group_programs(program):
    program.format = Program.Format.GROUP
    program.save()
    report = import_enrolments(program, csv_text(["M1,mentor,genai:3:self,12,,"]))
    assert report.created == 1


def test_it_reads_semicolons_and_a_bom_and_explains_latin1(program):
    text = csv_text().replace(",", ";")
    assert import_enrolments(program, b"\xef\xbb\xbf" + text.encode()).created == 2
    latin = (csv_text() + "S1,mentee,genai:high,,,mer 10:00-11:00 é\n").encode("latin-1")
    report = import_enrolments(program, latin)
    assert report.fatal and report.errors[0].line == 4


def test_it_writes_the_good_rows_with_skip_invalid(program):
    report = import_enrolments(program, csv_text([*ROWS, "X9,mentee,genai,,,"]), skip_invalid=True)
    assert (report.created, report.rejected) == (2, 1)


def test_it_counts_unchanged_on_reimport_and_updates_changes(program):
    import_enrolments(program, csv_text())
    report = import_enrolments(program, csv_text())
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    rows = [ROWS[0].replace("genai:3:assessed", "genai:4:certified"), ROWS[1]]
    report = import_enrolments(program, csv_text(rows))
    assert (report.updated, report.unchanged) == (1, 1)
    assert Competence.objects.get(topic__slug="genai").level == 4


def test_it_never_lowers_a_verified_evidence(program, cast):
    import_enrolments(program, csv_text())
    now = timezone.now()
    Competence.objects.filter(topic__slug="genai", person__employee_id="M1").update(
        evidence=Evidence.CERTIFIED, verified_by=cast.manager, verified_at=now
    )
    report = import_enrolments(program, csv_text())  # says "assessed" again
    assert report.unchanged == 2
    competence = Competence.objects.get(topic__slug="genai", person__employee_id="M1")
    assert (competence.evidence, competence.verified_by) == (Evidence.CERTIFIED, cast.manager)


def test_it_keeps_a_withdrawal(program):
    import_enrolments(program, csv_text())
    Enrolment.objects.filter(role="mentee").update(status=Enrolment.Status.WITHDRAWN)
    import_enrolments(program, csv_text())
    assert Enrolment.objects.get(role="mentee").status == Enrolment.Status.WITHDRAWN


def test_it_refuses_a_closed_program(program):
    program.status = Program.Status.CLOSED
    program.save()
    with pytest.raises(ProgramsError, match="closed"):
        import_enrolments(program, csv_text())


def test_the_command_imports_and_fails_on_bad_rows(program, tmp_path, capsys):
    path = tmp_path / "enrolments.csv"
    path.write_text(csv_text(), encoding="utf-8")
    call_command("import-enrollments", program.slug, str(path))
    assert "2 created, 0 updated, 0 unchanged, 0 rejected" in capsys.readouterr().out
    path.write_text(csv_text([*ROWS, "X9,mentee,genai,,,"]), encoding="utf-8")
    with pytest.raises(CommandError, match="1 rows rejected"):
        call_command("import-enrollments", program.slug, str(path))
    assert "line 4, column employee_id: unknown employee X9" in capsys.readouterr().err
    with pytest.raises(CommandError, match="No program"):
        call_command("import-enrollments", "nope", str(path))


def test_the_sample_files_import_end_to_end(db, capsys):
    fixtures = Path(__file__).parent.parent / "fixtures"
    call_command("import-people", str(fixtures / "people.csv"))
    call_command(
        "create-program",
        "Sample",
        "--format",
        "one-to-one",
        "--start",
        "2026-09-01",
        "--end",
        "2027-06-30",
    )
    call_command("import-enrollments", "sample", str(fixtures / "enrolments.csv"))
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Acme: new host organisation",
        "Partner Co: new partner organisation",
        "8 created, 0 updated, 0 unchanged, 0 rejected",
        "sample",
        "6 created, 0 updated, 0 unchanged, 0 rejected",
    ]
