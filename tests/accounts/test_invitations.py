"""Invitations: a single-use, expiring link by email that sets a password and signs in."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import AuditEvent, Invitation, User
from tandem.accounts.services.invitations import hash_token, invite_people
from tests import factories as f

GOOD = "a-long-and-unusual-passphrase-42"


def _token(message) -> str:
    return re.search(r"/invitations/([\w-]+)/", message.body).group(1)


@pytest.fixture
def invited(db, settings):
    settings.SITE_URL = "https://tandem.example"
    person = f.person("Zoé Lambert", email="zoe@example.com")
    invite_people([person])
    return person, _token(mail.outbox[-1])


def test_it_emails_a_link_and_stores_only_a_hash(invited):
    person, token = invited
    message = mail.outbox[-1]
    assert message.to == ["zoe@example.com"]
    assert f"https://tandem.example/invitations/{token}/" in message.body
    invitation = Invitation.objects.get(person=person)
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert len(token) >= 40


def test_it_sets_the_password_links_the_person_and_signs_in(client, invited):
    person, token = invited
    url = reverse("invitations:accept", args=[token])
    assert "Zoé Lambert" in client.get(url).content.decode()
    response = client.post(url, {"new_password1": GOOD, "new_password2": GOOD})
    assert response.status_code == 302
    person.refresh_from_db()
    user = person.user
    assert user.email == "zoe@example.com" and user.check_password(GOOD)
    assert client.get(reverse("web:home")).wsgi_request.user == user
    assert AuditEvent.objects.filter(action="accounts.invitation_accepted").exists()


def test_it_refuses_a_weak_password_next_to_the_field(client, invited):
    _person, token = invited
    url = reverse("invitations:accept", args=[token])
    response = client.post(url, {"new_password1": "zoe", "new_password2": "zoe"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in body and "id_new_password2-error" in body
    assert not User.objects.filter(email="zoe@example.com").exists()


def test_it_works_only_once(client, invited):
    _person, token = invited
    url = reverse("invitations:accept", args=[token])
    client.post(url, {"new_password1": GOOD, "new_password2": GOOD})
    client.logout()
    response = client.get(url)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_it_expires_after_fourteen_days(client, invited):
    _person, token = invited
    with time_machine.travel(timezone.now() + dt.timedelta(days=14, minutes=1)):
        response = client.post(
            reverse("invitations:accept", args=[token]),
            {"new_password1": GOOD, "new_password2": GOOD},
        )
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_it_says_an_unknown_link_is_not_valid(client, db):
    response = client.get(reverse("invitations:accept", args=["forged-token"]))
    assert response.status_code == 410
    assert "not valid" in response.content.decode()


def test_it_replaces_an_earlier_link(client, invited):
    person, first = invited
    invite_people([person])
    second = _token(mail.outbox[-1])
    assert client.get(reverse("invitations:accept", args=[first])).status_code == 410
    assert client.get(reverse("invitations:accept", args=[second])).status_code == 200


def test_it_sets_the_password_of_an_existing_account(client, db):
    person = f.person("Ana Costa", with_user=True)
    invite_people([person])
    token = _token(mail.outbox[-1])
    client.post(
        reverse("invitations:accept", args=[token]),
        {"new_password1": GOOD, "new_password2": GOOD},
    )
    person.user.refresh_from_db()
    assert person.user.check_password(GOOD)
    assert User.objects.filter(email=person.email).count() == 1


def test_it_writes_in_the_invitees_language_not_the_managers(db):
    from django.utils import translation

    french = f.person("Hélène Martin", email="helene@example.com")
    french.languages = ["fr", "en"]
    french.save()
    english = f.person("Sam Jones", email="sam@example.com")
    english.languages = ["en"]
    english.save()
    with translation.override("en"):
        invite_people([french])
    with translation.override("fr"):
        invite_people([english])
    to_french, to_english = mail.outbox[-2:]
    assert to_french.subject == "Votre invitation à Tandem"
    assert "Bonjour Hélène Martin" in to_french.body
    assert to_english.subject == "Your invitation to Tandem"
    assert "Hello Sam Jones" in to_english.body
