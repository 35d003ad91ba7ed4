"""A whole program from the command line alone: people imported, the program created with
its charter, coaches, sponsor and requirements, enrolments imported, people invited in their
language, then matched and published — every step a ``tandem`` command, nothing else."""

import io
import json

import pytest
from django.core import mail
from django.core.management import call_command

from tandem.accounts.models import Invitation
from tandem.mentorships.models import Mentorship
from tandem.people.models import Competence, Source
from tandem.programs.models import Program

PEOPLE = """employee_id,email,full_name,title,department,manager_id,organization,site,\
timezone,languages
C01,claire@acme.example,Claire Dumas,Chief Executive Officer,Board,,Acme,Paris,Europe/Paris,fr|en
C02,helene@acme.example,Hélène Martin,HR Director,HR,C01,Acme,Paris,Europe/Paris,fr|en
C03,marc@acme.example,Marc Petit,Coach,HR,C02,Acme,Paris,Europe/Paris,fr
C04,jean@acme.example,Jean Moreau,Chief Financial Officer,Finance,C01,Acme,Paris,Europe/Paris,fr
C05,sara@acme.example,Sara Klein,Chief Operating Officer,Operations,C01,Acme,Berlin,Europe/Berlin,en
C06,lea@acme.example,Léa Bernard,Data Analyst,Digital,C02,Acme,Lyon,Europe/Paris,fr|en
C07,tom@acme.example,Tom Reed,Developer,Digital,C02,Acme,London,Europe/London,en
C08,ines@acme.example,Inès Garcia,Intern,Finance,C04,Acme,Paris,Europe/Paris,fr
"""
ENROLMENTS = """employee_id,role,topics,capacity,languages,availability
C04,mentee,genai:high,,fr,mon 09:00-12:00|thu 14:00-17:00
C05,mentee,cyber:high,,en,tue 09:00-12:00
C06,mentor,genai:3:assessed|prompting:2:self,1,fr|en,mon 09:00-12:00
C07,mentor,cyber:3:endorsed,1,en,tue 09:00-12:00
C08,mentor,genai:4:self,1,fr,mon 09:00-12:00|thu 14:00-17:00
"""
CHARTER = """confidentiality = "What is said within a pair stays within the pair."
authorised_subjects = "Digital tools and ways of working."
deliverables = ["One use case put to work by each mentee"]
progression_criteria = "Each mentee uses a new tool alone by the third meeting."
"""


def tandem(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_a_whole_program_from_the_command_line_alone(tmp_path):
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "enrolments.csv").write_text(ENROLMENTS, encoding="utf-8")
    (tmp_path / "charter.toml").write_text(CHARTER, encoding="utf-8")
    tandem("import-people", str(tmp_path / "people.csv"))

    slug = tandem(
        "create-program", "Generative AI for leaders", "--format", "one-to-one",
        "--start", "2026-09-07", "--end", "2027-03-05",
        "--objective", "Every leader uses generative AI safely in their own work.",
        "--charter-file", str(tmp_path / "charter.toml"), "--min-evidence", "endorsed",
        "--training", "none", "--coach", "marc@acme.example", "--sponsor", "claire@acme.example",
    ).strip()  # fmt: skip
    program = Program.objects.get(slug=slug)
    assert [c.email for c in program.coaches.all()] == ["marc@acme.example"]
    assert program.sponsor.email == "claire@acme.example"
    assert program.deliverables == "One use case put to work by each mentee"

    tandem("import-enrollments", slug, str(tmp_path / "enrolments.csv"))
    lea = Competence.objects.get(person__employee_id="C06", topic__slug="genai")
    assert (lea.source, lea.source_note) == (Source.HR_IMPORT, "enrolments.csv")

    dry = tandem("invite", slug, "--dry-run")
    assert "5 invitations would be sent (dry run)." in dry and not mail.outbox
    assert "5 invitations sent." in tandem("invite", slug)
    languages = {m.to[0]: m.subject for m in mail.outbox}
    assert languages["jean@acme.example"] == "Votre invitation à Tandem"
    assert languages["sara@acme.example"] == "Your invitation to Tandem"
    assert "0 invitations sent." in tandem("invite", slug)
    assert Invitation.objects.count() == 5

    data = json.loads(tandem("match", slug, "--publish", "--format", "json"))
    pairs = {(p["mentees"][0], p["mentors"][0]) for p in data["pairs"]}
    assert pairs == {("C04", "C06"), ("C05", "C07")}
    unmatched = {u["employee_id"]: u for u in data["unmatched"]}
    assert set(unmatched) == {"C08"}  # Inès only declares her level: not enough evidence
    assert unmatched["C08"]["reasons"] == [
        "competences are only self-declared; the program requires endorsed"
    ]
    assert Mentorship.objects.filter(program=program, status="proposed").count() == 2
    out = tandem("schedule", slug)
    assert "0 meetings planned now" in out and "0 were already planned" in out
