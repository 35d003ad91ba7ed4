"""A text written with a key that ``TANDEM_FIELD_KEYS`` no longer holds: ``tandem check``
names the period of the missing key and the rows it locks, pages say "text unavailable"
instead of a 500, and saving the row keeps the stored text for when the key comes back."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from tandem.accounts import fields
from tandem.mentorships.models import Preparation

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


@pytest.fixture
def lost_key_preparation(world, settings):
    settings.TANDEM_FIELD_KEYS = [OLD]
    preparation = Preparation.objects.create(
        meeting=world.meeting,
        author=world.pair.participants.get(person__user=world.cast.mentee),
        state_of_mind="Confident about the budget",
    )
    settings.TANDEM_FIELD_KEYS = [NEW]
    return preparation


def test_check_names_the_missing_key_and_the_rows_it_locks(lost_key_preparation):
    with pytest.raises(SystemCheckError) as failed:
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())
    text = str(failed.value)
    assert "tandem.E001" in text
    assert (
        "TANDEM_FIELD_KEYS lacks the key that encrypted the texts written from 2026-01-06" in text
    )
    assert "1 row(s) cannot be read (mentorships.Preparation: 1)" in text


def test_check_passes_once_the_key_is_back(lost_key_preparation, settings):
    settings.TANDEM_FIELD_KEYS = [NEW, OLD]
    call_command("check", stdout=io.StringIO())


def test_the_pair_reads_text_unavailable_and_saving_keeps_the_stored_text(
    lost_key_preparation, client, world, settings
):
    client.force_login(world.cast.mentee)
    page = client.get(f"/mentorships/meetings/{world.meeting.pk}/")
    assert page.status_code == 200
    assert "text unavailable" in page.content.decode()
    preparation = Preparation.objects.get(pk=lost_key_preparation.pk)
    assert isinstance(preparation.state_of_mind, fields.UnavailableText)
    preparation.save()
    settings.TANDEM_FIELD_KEYS = [NEW, OLD]
    assert Preparation.objects.get().state_of_mind == "Confident about the budget"


def test_rotating_keys_keeps_a_text_no_key_reads(lost_key_preparation, settings):
    call_command("rotate-field-keys", stdout=io.StringIO())
    settings.TANDEM_FIELD_KEYS = [NEW, OLD]
    assert Preparation.objects.get().state_of_mind == "Confident about the budget"


def test_migrate_is_not_stopped_by_a_missing_key(lost_key_preparation):
    call_command("migrate", verbosity=0)
