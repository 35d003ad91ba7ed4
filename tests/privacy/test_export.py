"""The export service and ``tandem privacy export``: every section, decrypted, audited only
when someone else's data is read."""

import json

import pytest
from django.core.management import CommandError, call_command

from tandem.accounts.models import AuditEvent
from tandem.people.models import EndorsementRequest
from tandem.privacy.services import export, subjects
from tests.privacy.conftest import GOAL_NOTES, MENTEE_LOG, MENTEE_PREP, PARTNER_PREP, SECRET_LOG


def _mine(world):
    return json.loads(export.export(subjects.for_user(world.cast.mentee), world.cast.mentee))


def test_it_exports_every_section(world):
    data = _mine(world)
    assert data["format"] == "tandem-personal-data/1"
    assert data["account"]["email"] == world.mentee.email
    assert data["account"]["api_tokens"][0]["name"] == "HR system"
    assert data["person"]["full_name"] == "Jean Moreau"
    assert data["person"]["calendar_feed"]["revoked_at"] is None
    assert [n["topic"] for n in data["learning_needs"]] == ["genai"]
    assert {e["role"] for e in data["enrolments"]} == {"mentee"}
    assert len(data["trainings"]) == 1
    assert data["matching"]["proposals"][0]["score"] == 812
    assert data["certificates"][0]["code"] == "CERT1234"
    assert data["testimonials"][0]["text"] == "Léa changed how I work."
    values = {a["value"] for due in data["survey_answers"] for a in due["answers"]}
    assert values == {2, 9}
    assert "people.viewed" in {e["action"] for e in data["audit_events"]}
    assert data["reminders_sent"][0]["kind"] == "meeting"


def test_it_decrypts_what_the_pair_wrote(world):
    (pair,) = _mine(world)["mentorships"]
    assert pair["partners"] == [{"name": "Léa Bernard", "role": "mentor"}]
    logs = [m["log"] for m in pair["meetings"] if m["log"]]
    assert {log["acquired"] for log in logs} >= {MENTEE_LOG}
    assert SECRET_LOG in {log["to_improve"] for log in logs}
    preparations = [p for m in pair["meetings"] for p in m["preparations"]]
    assert {"author": "me"} | {"state_of_mind": MENTEE_PREP} in [
        {"author": p["author"], "state_of_mind": p["state_of_mind"]} for p in preparations
    ]
    assert PARTNER_PREP in {p["topics_to_raise"] for p in preparations}
    mine = [g for g in pair["goals"] if g["learner"] == "me"]
    assert mine[0]["notes"] == GOAL_NOTES
    assert pair["closing_review"]["next_steps"] == "Teach my team"


def test_it_leaves_out_other_pairs(world):
    text = export.export(subjects.for_user(world.cast.mentee), world.cast.mentee)
    assert "secret words" not in text  # the five other pairs' logs
    assert "Mentor 0" not in text


def test_it_does_not_audit_reading_ones_own_data(world):
    before = AuditEvent.objects.filter(action="privacy.export").count()
    _mine(world)
    assert AuditEvent.objects.filter(action="privacy.export").count() == before


def test_it_exports_an_account_without_a_person(db):
    from tandem.accounts.models import User

    user = User.objects.create_user(email="admin@example.com", password="x")
    data = json.loads(export.export(subjects.for_email("ADMIN@example.com"), None))
    assert data["account"]["email"] == "admin@example.com"
    assert data["person"] is None and data["mentorships"] == []
    assert AuditEvent.objects.filter(action="privacy.export", object_id=str(user.pk)).exists()


def test_the_command_writes_the_file_and_audits(world, tmp_path):
    target = tmp_path / "jean.json"
    call_command("privacy", "export", world.mentee.email.upper(), "--output", str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert target.stat().st_mode & 0o077 == 0
    assert data["person"]["email"] == world.mentee.email
    event = AuditEvent.objects.get(action="privacy.export")
    assert event.object_type == "people.person" and event.object_id == str(world.mentee.pk)
    assert event.details["via"] == "command"


def test_the_command_prints_to_stdout(world, capsys):
    call_command("privacy", "export", world.mentee.email)
    assert json.loads(capsys.readouterr().out)["person"]["full_name"] == "Jean Moreau"


def test_the_command_names_an_unknown_email(db):
    with pytest.raises(CommandError, match="nobody@example.com"):
        call_command("privacy", "export", "nobody@example.com")


def test_the_command_reports_an_unwritable_file(world, tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("privacy", "export", world.mentee.email, "--output", str(tmp_path))


def test_both_sides_of_an_endorsement_request_export_its_fields(world):
    competence = world.mentor.competences.select_related("topic").first()
    EndorsementRequest.objects.create(
        competence=competence, colleague=world.mentee, level=3, message="Could you vouch?"
    )
    cast = world.cast
    (asked,) = _mine(world)["endorsements_asked_of_me"]
    mentor_data = json.loads(export.export(subjects.for_user(cast.mentor), cast.mentor))
    (sent,) = [r for c in mentor_data["competences"] for r in c["endorsement_requests"]]
    shared = ["level", "message", "status", "created_at", "answered_at"]
    assert list(asked) == ["person", "topic", *shared]
    assert list(sent) == ["colleague", *shared]
    assert (asked["person"], asked["topic"]) == (world.mentor.full_name, competence.topic.slug)
    assert sent["colleague"] == world.mentee.full_name
    assert [asked[k] for k in shared] == [sent[k] for k in shared]
    assert (sent["level"], sent["message"], sent["status"]) == (3, "Could you vouch?", "pending")
    assert sent["answered_at"] is None
