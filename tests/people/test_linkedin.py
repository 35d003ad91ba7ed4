"""Competences from a LinkedIn export: skills matched to topics are proposed, nothing is saved
before the person confirms, and every kind of bad ZIP gets its own message."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tandem.accounts.models import AuditEvent
from tandem.people.models import Competence
from tandem.people.services.linkedin import topics_of

SKILLS = (
    "Name\n"
    "Prompt Engineering\n"
    "ChatGPT\n"
    "Cybersécurité\n"
    "Microsoft Teams\n"
    "Gestion de projet\n"  # no topic
    '"Analyse de données, SQL"\n'
)


def export(files: dict, method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(client, data: bytes, name="Basic_LinkedInDataExport.zip"):
    return client.post(
        "/people/profile/linkedin/", {"export": SimpleUploadedFile(name, data, "application/zip")}
    )


@pytest.fixture
def mentor(cast) -> Client:
    client = Client()
    client.force_login(cast.mentor)
    return client


@pytest.mark.parametrize(
    "skill, topics",
    [
        ("Prompt Engineering", {"prompting"}),
        ("ChatGPT", {"genai"}),
        ("AI", {"genai"}),
        ("AI ethics", set()),
        ("Cybersécurité", {"cyber"}),
        ("MySQL", set()),
        ("Développement durable (RSE)", {"csr"}),
        ("Stratégie", {"strategy"}),
    ],
)
def test_it_matches_skills_to_topics_in_english_and_french(skill, topics):
    assert topics_of(skill) == topics


def test_it_proposes_and_saves_only_what_the_person_confirms(cast, mentor):
    before = set(Competence.objects.filter(person=cast.mentor.person).values_list("topic__slug"))
    response = upload(mentor, export({"Skills.csv": SKILLS, "Profile.csv": "First Name\nLéa\n"}))
    assert response.status_code == 302
    page = mentor.get("/people/profile/linkedin/").content.decode()
    for slug in ("prompting", "cyber", "collab-tools", "data-literacy"):
        assert f'value="{slug}"' in page
    assert 'value="genai"' not in page  # she already has it (cast: genai level 3)
    assert "Analyse de données, SQL" in page
    assert (
        set(Competence.objects.filter(person=cast.mentor.person).values_list("topic__slug"))
        == before
    )  # nothing yet
    response = mentor.post(
        "/people/profile/linkedin/confirm/",
        {"topic": ["prompting", "cyber"], "level-prompting": "3", "level-cyber": "9"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#competences")
    added = {
        c.topic.slug: (c.level, c.evidence)
        for c in Competence.objects.filter(person=cast.mentor.person).exclude(topic__slug="genai")
    }
    assert added == {"prompting": (3, 0), "cyber": (2, 0)}  # self-declared; a bad level: 2
    event = AuditEvent.objects.get(action="people.competences_from_linkedin")
    assert event.details == {"topics": ["cyber", "prompting"]}


def test_it_refuses_a_topic_that_was_not_proposed(cast, mentor):
    upload(mentor, export({"Skills.csv": SKILLS}))
    response = mentor.post("/people/profile/linkedin/confirm/", {"topic": ["strategy"]})
    assert response.status_code == 302
    assert not Competence.objects.filter(topic__slug="strategy").exists()
    assert "Only the topics proposed" in mentor.get("/people/profile/linkedin/").content.decode()


def _bomb() -> bytes:
    return export({"Skills.csv": "Name\n" + "A" * 900_000})


@pytest.mark.parametrize(
    "data, message",
    [
        (b"Name\nPython\n", "This is not a ZIP file"),
        (export({"Profile.csv": "First Name\n"}), "This ZIP has no Skills.csv"),
        (_bomb(), "compressed suspiciously well"),
        (
            export({"Skills.csv": "Name\n" + "x\n" * 700_000}, zipfile.ZIP_STORED),
            "too large (over 1 MB)",
        ),
        (export({"Skills.csv": "Skill;Level\nPython;3\n"}), "has no “Name” column"),
        (export({"Skills.csv": "Name\nS\xe9curit\xe9\n".encode("latin-1")}), "not UTF-8"),
        (export({"Skills.csv": SKILLS})[:-30], "This is not a ZIP file"),  # cut short
        (export({"Skills.csv": SKILLS}, zipfile.ZIP_STORED).replace(b"GPT", b"GPX"), "damaged"),
        (export({f"f{i}.txt": "" for i in range(5001)}, zipfile.ZIP_STORED), "too many files"),
    ],
)
def test_it_explains_what_is_wrong_with_a_bad_export(cast, mentor, data, message):
    response = upload(mentor, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (
        not Competence.objects.filter(person=cast.mentor.person)
        .exclude(topic__slug="genai")
        .exists()
    )


def test_it_refuses_a_file_over_the_upload_limit(cast, mentor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = upload(mentor, export({"Skills.csv": SKILLS + "x" * 5000}, zipfile.ZIP_STORED))
    assert response.status_code == 400 and "larger than" in response.content.decode()


def test_the_profile_links_to_it(mentor):
    page = mentor.get("/people/profile/").content.decode()
    assert 'href="/people/profile/linkedin/"' in page
