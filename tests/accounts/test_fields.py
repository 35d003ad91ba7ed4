"""EncryptedTextField: no clear text in the database, keys from the environment, rotation."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from tandem.accounts import fields
from tandem.accounts.fields import UnavailableText
from tandem.mentorships.models import Goal, Mentorship, Participant
from tests import factories as f

TEXT = "Je crains le plan social — confidentiel"


@pytest.fixture
def goal_factory(db):
    mentorship = Mentorship.objects.create(program=f.program())
    learner = Participant.objects.create(mentorship=mentorship, person=f.person(), role="mentee")

    def make(notes=TEXT) -> Goal:
        return Goal.objects.create(mentorship=mentorship, learner=learner, title="t", notes=notes)

    return make


def _raw(goal) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM mentorships_goal WHERE id = %s", [goal.pk])
        return cursor.fetchone()[0]


def test_it_stores_no_clear_text_and_reads_it_back(goal_factory, settings):
    settings.TANDEM_FIELD_KEYS = "key-one"
    goal = goal_factory()
    raw = _raw(goal)
    assert raw.startswith("fernet:") and "plan social" not in raw
    assert Goal.objects.get(pk=goal.pk).notes == TEXT
    assert _raw(goal_factory("")) == ""


def test_it_rotates_keys(goal_factory, settings):
    settings.TANDEM_FIELD_KEYS = "key-one"
    goal = goal_factory()
    before = _raw(goal)
    settings.TANDEM_FIELD_KEYS = "key-two, key-one"
    assert Goal.objects.get(pk=goal.pk).notes == TEXT  # old key still decrypts
    call_command("rotate-field-keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _raw(goal) != before
    settings.TANDEM_FIELD_KEYS = "key-two"
    assert Goal.objects.get(pk=goal.pk).notes == TEXT
    settings.TANDEM_FIELD_KEYS = "key-one"
    assert isinstance(Goal.objects.get(pk=goal.pk).notes, UnavailableText)  # never a 500


def test_it_reads_keys_from_the_environment(goal_factory, settings, monkeypatch):
    key = Fernet.generate_key().decode()
    monkeypatch.setenv("TANDEM_FIELD_KEYS", key)
    goal = goal_factory()
    token = _raw(goal).removeprefix("fernet:")
    assert Fernet(key.encode()).decrypt(token.encode()).decode() == TEXT


def test_it_derives_a_development_key_from_the_secret_key(goal_factory, settings, monkeypatch):
    monkeypatch.delenv("TANDEM_FIELD_KEYS", raising=False)
    goal = goal_factory()
    assert Goal.objects.get(pk=goal.pk).notes == TEXT
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert isinstance(Goal.objects.get(pk=goal.pk).notes, UnavailableText)


def test_it_encrypts_legacy_clear_text_on_rotation(goal_factory):
    goal = goal_factory()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE mentorships_goal SET notes = %s WHERE id = %s", ["plain", goal.pk])
    assert Goal.objects.get(pk=goal.pk).notes == "plain"
    fields.rotate_all()
    assert _raw(goal).startswith("fernet:")
    assert Goal.objects.get(pk=goal.pk).notes == "plain"


def test_it_dumps_and_loads_without_clear_text(goal_factory, tmp_path):
    goal = goal_factory()
    dump = tmp_path / "goals.json"
    call_command("dumpdata", "mentorships.goal", output=str(dump))
    assert "plan social" not in dump.read_text() and "fernet:" in dump.read_text()
    Goal.objects.filter(pk=goal.pk).update(notes="")
    call_command("loaddata", str(dump), verbosity=0)
    assert Goal.objects.get(pk=goal.pk).notes == TEXT
