"""The "Download my data" button and the directory managers' erasure page."""

import json

import pytest
from django.urls import reverse

from tandem.accounts.models import AuditEvent
from tandem.people.models import Person
from tests.privacy.conftest import MENTEE_LOG, SECRET_LOG

# Plain paths: a reverse() at import time would load the URLconf before pytest-django turns
# DEBUG off, and the debug-only static route would then stay for the whole run.
EXPORT, ERASE = "/privacy/export/", "/privacy/erase/"


def test_the_paths_are_the_named_routes():
    assert (reverse("privacy:export"), reverse("privacy:erase")) == (EXPORT, ERASE)


def _login(client, user):
    client.force_login(user)
    return client


def test_it_shows_the_button_on_the_profile(client, world):
    page = _login(client, world.cast.mentee).get(reverse("people:profile"))
    assert f'action="{EXPORT}"' in page.content.decode()


def test_it_downloads_ones_own_data(client, world):
    response = _login(client, world.cast.mentee).post(EXPORT)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="tandem-my-data-')
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["person"]["email"] == world.mentee.email
    text = response.content.decode()
    assert MENTEE_LOG in text and SECRET_LOG in text
    assert not AuditEvent.objects.filter(action="privacy.export").exists()


def test_another_person_gets_only_their_own(client, world):
    response = _login(client, world.cast.outsider).post(EXPORT, {"email": world.mentee.email})
    text = response.content.decode()
    assert json.loads(text)["person"]["full_name"] == "Paul Roux"
    assert world.mentee.email not in text and MENTEE_LOG not in text and "Jean" not in text


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.post(EXPORT)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_needs_a_post(client, world):
    assert _login(client, world.cast.mentee).get(EXPORT).status_code == 405


@pytest.mark.parametrize("role", ["mentee", "mentor", "coach", "sponsor", "outsider"])
def test_only_directory_managers_reach_the_erasure_page(client, world, role):
    user = getattr(world.cast, role)
    _login(client, user)
    assert client.get(ERASE).status_code == 404
    assert client.post(ERASE, {"email": world.mentee.email, "confirm": "on"}).status_code == 404
    assert Person.objects.get(pk=world.mentee.pk).full_name == "Jean Moreau"


def test_a_manager_erases_a_person(client, world):
    _login(client, world.cast.manager)
    assert client.get(ERASE).status_code == 200
    response = client.post(ERASE, {"email": world.mentee.email, "confirm": "on"}, follow=True)
    assert f"{world.mentee.email} has been erased." in response.content.decode()
    person = Person.objects.get(pk=world.mentee.pk)
    assert person.full_name == f"Erased person p{person.pk}" and not person.is_active
    event = AuditEvent.objects.get(action="privacy.erase")
    assert event.actor == world.cast.manager


def test_the_erasure_page_explains_bad_input(client, world):
    _login(client, world.cast.manager)
    response = client.post(ERASE, {"email": "nobody@example.com", "confirm": "on"})
    assert response.status_code == 400
    assert "No person or account has the email address nobody@example.com." in (
        response.content.decode()
    )
    unconfirmed = client.post(ERASE, {"email": world.mentee.email})
    assert unconfirmed.status_code == 400
    assert Person.objects.get(pk=world.mentee.pk).full_name == "Jean Moreau"


def test_a_manager_cannot_erase_themselves_here(client, world):
    _login(client, world.cast.manager)
    response = client.post(ERASE, {"email": world.cast.manager.email, "confirm": "on"})
    assert response.status_code == 400
    assert "You cannot erase your own account from this page." in response.content.decode()
