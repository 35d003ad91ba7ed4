"""A whole program from the API alone, with personal tokens: people imported, the program
created with its charter, team and requirements, enrolments imported, people invited, the
qualified mentors counted, training signed off by the coach, then matched and published."""

import pytest
from django.core import mail

from tandem.mentorships.models import Mentorship
from tandem.people.models import Competence, Source
from tandem.programs.models import TrainingCompletion
from tests import factories as f

WEEK = "mon 09:00-12:00|thu 14:00-17:00"


def person(eid, name, title, department, boss="", languages="fr|en", email=None):
    return {
        "employee_id": eid,
        "email": email or f"{eid.lower()}@acme.example",
        "full_name": name,
        "title": title,
        "department": department,
        "manager_id": boss,
        "organization": "Acme",
        "site": "Paris",
        "timezone": "Europe/Paris",
        "languages": languages,
    }


@pytest.fixture
def accounts(db):
    """The only accounts that exist before: HR's and the coach's (tokens made by HR's IT)."""
    org = f.organization("Acme")
    hr = f.person("Hélène Martin", org=org, email="hr@acme.example", with_user=True)
    hr.user.is_program_manager = True
    hr.user.save()
    coach = f.person("Marc Petit", org=org, email="coach@acme.example", with_user=True)
    return hr.user, coach.user


def test_a_whole_program_from_the_api_alone(api, accounts):
    hr, coach = accounts
    people = [
        person("A01", "Claire Dumas", "Chief Executive Officer", "Board"),
        person("A02", "Jean Moreau", "Chief Financial Officer", "Finance", "A01", "fr"),
        person("A03", "Sara Klein", "Chief Operating Officer", "Operations", "A01", "en"),
        person("A07", "Nadia Fares", "Chief Digital Officer", "Digital", "A01"),
        person("A04", "Léa Bernard", "Data Analyst", "Digital", "A07"),
        person("A05", "Tom Reed", "Developer", "Digital", "A07", "en"),
        person("A06", "Inès Garcia", "Intern", "Finance", "A02", "fr"),
    ]
    report = api.post("/people/bulk", {"rows": people}, as_=hr)
    assert report.status_code == 200 and report.json()["created"] == 7, report.json()

    body = {
        "name": "Generative AI for leaders",
        "objective": "Every leader uses generative AI safely.",
        "format": "one-to-one",
        "start": "2026-09-07",
        "end": "2027-03-05",
        "topics": ["genai", "cyber"],
        "min_evidence": 1,
        "evidence_months": 24,
        "require_training": True,
        "training_check": "signoff",
        "required_modules": ["active-listening", "confidentiality"],
        "coaches": [coach.email],
        "sponsor": "a01@acme.example",
        "managers": [hr.email],
        "confidentiality": "What is said within a pair stays within the pair.",
        "deliverables": "One use case put to work by each mentee",
    }
    created = api.post("/programs", body, as_=hr)
    assert created.status_code == 201, created.json()
    program = created.json()
    pid = program["id"]
    assert program["coaches"] == [coach.email] and program["sponsor"] == "a01@acme.example"
    assert api.post(f"/programs/{pid}/status", {"status": "recruiting"}, as_=hr).status_code == 200

    rows = [
        {"employee_id": "A02", "role": "mentee", "topics": "genai:high", "availability": WEEK},
        {"employee_id": "A03", "role": "mentee", "topics": "cyber:high", "availability": WEEK},
        {
            "employee_id": "A04",
            "role": "mentor",
            "topics": "genai:3:assessed",
            "availability": WEEK,
        },
        {
            "employee_id": "A05",
            "role": "mentor",
            "topics": "cyber:3:endorsed",
            "availability": WEEK,
        },
        {"employee_id": "A06", "role": "mentor", "topics": "genai:4:self", "availability": WEEK},
    ]
    rows = [{"capacity": "", "languages": "", **row} for row in rows]
    enrolled = api.post(f"/programs/{pid}/enrolments/bulk", {"rows": rows}, as_=hr)
    assert enrolled.status_code == 200 and enrolled.json()["created"] == 5, enrolled.json()
    lea = Competence.objects.get(person__employee_id="A04", topic__slug="genai")
    assert (lea.source, lea.source_note, lea.verified_by) == (Source.HR_IMPORT, "API", hr)

    invited = api.post(f"/programs/{pid}/invitations", {}, as_=hr).json()
    assert len(invited["invited"]) == 5 and len(mail.outbox) == 5
    assert api.post(f"/programs/{pid}/invitations", {}, as_=hr).json()["invited"] == []

    table = api.get(f"/programs/{pid}/qualified-mentors", as_=hr).json()
    genai = next(t for t in table["topics"] if t["topic"] == "genai")
    assert genai["at_minimum"] == 1 and genai["trained_at_minimum"] == 0

    for eid in ("A04", "A05", "A06"):
        for module in ("active-listening", "confidentiality"):
            signed = api.post(
                f"/programs/{pid}/training-completions",
                {"employee_id": eid, "module": module, "note": "Talked it through"},
                as_=coach,
            )
            assert signed.status_code == 201, signed.json()
    assert TrainingCompletion.objects.filter(method="signoff").count() == 6

    assert api.post(f"/programs/{pid}/status", {"status": "matching"}, as_=hr).status_code == 200
    run = api.post(f"/programs/{pid}/matching/runs", {"dry_run": False}, as_=hr).json()
    pairs = {
        (p["mentees"][0]["employee_id"], p["mentors"][0]["employee_id"]) for p in run["proposals"]
    }
    assert pairs == {("A02", "A04"), ("A03", "A05")}
    (left,) = run["unmatched"]
    assert left["person"]["employee_id"] == "A06"
    assert left["reasons"] == ["competences are only self-declared; the program requires endorsed"]
    assert api.post(f"/matching/runs/{run['id']}/publish", as_=hr).status_code == 200
    assert Mentorship.objects.filter(program_id=pid, status="proposed").count() == 2
