"""The secret links and tokens (invitation links, calendar feeds, API tokens) are unguessable
(at least 128 random bits from ``secrets``, stored only as a hash) and revocable: once
revoked, replaced or spent, the old URL answers 404/410 (401 for the API)."""

import base64
import re

import pytest
from django.core import mail
from django.urls import reverse

from tandem.accounts.models import Invitation
from tandem.accounts.services.invitations import invite_people
from tandem.accounts.tokens import create_token, revoke_token
from tandem.mentorships.models import CalendarFeed
from tandem.mentorships.services import calendar
from tests import factories as f

MIN_BITS = 128


def bits(token: str) -> int:
    """Entropy of a ``secrets.token_urlsafe`` value: the bytes it encodes."""
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    return len(raw) * 8


def invitation_link(person) -> str:
    invite_people([person])
    token = re.search(r"/invitations/([\w-]+)/", mail.outbox[-1].body).group(1)
    return reverse("invitations:accept", args=[token])


def test_invitation_links_are_long_random_and_not_stored(db):
    people = [f.person(email=f"p{i}@invite.example") for i in range(20)]
    links = [invitation_link(person) for person in people]
    tokens = [link.split("/")[-2] for link in links]
    assert len(set(tokens)) == len(tokens)
    assert all(bits(token) >= MIN_BITS for token in tokens)
    stored = " ".join(Invitation.objects.values_list("token_hash", flat=True))
    assert not any(token in stored for token in tokens)


def test_a_replaced_spent_or_withdrawn_invitation_link_is_gone(client, db):
    person = f.person("Zoé Lambert", email="zoe@example.com")
    first = invitation_link(person)
    second = invitation_link(person)
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200
    person.is_active = False  # left the organisation
    person.save(update_fields=["is_active"])
    response = client.get(second)
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_calendar_feed_tokens_are_random_and_revocable(client, cast):
    person = cast.mentee.person
    tokens = [calendar.issue_feed_token(person, cast.mentee) for _ in range(5)]
    assert len(set(tokens)) == 5 and all(bits(t) >= MIN_BITS for t in tokens)
    assert tokens[-1] not in CalendarFeed.objects.get(person=person).token_hash
    live = reverse("mentorships:calendar-feed", args=[tokens[-1]])
    assert client.get(live).status_code == 200
    for old in tokens[:-1]:  # regenerating replaced each earlier link
        assert client.get(reverse("mentorships:calendar-feed", args=[old])).status_code == 404
    calendar.revoke_feed_token(person, cast.mentee)
    assert client.get(live).status_code == 404


def test_api_tokens_are_random_and_revocable(client, cast):
    token, secret = create_token(cast.mentee, "calendar app")
    assert secret.startswith(f"tdm_{token.prefix}_")
    assert bits(secret.removeprefix(f"tdm_{token.prefix}_")) >= MIN_BITS
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/topics", headers=headers).status_code == 200
    revoke_token(token, cast.mentee)
    assert client.get("/api/v1/topics", headers=headers).status_code == 401


@pytest.mark.parametrize("guess", ["", "a", "0" * 43, "../../etc/passwd", "x" * 5000])
def test_guessed_feed_and_invitation_urls_are_refused(client, db, guess):
    if guess:
        assert client.get(f"/calendar/{guess}.ics").status_code == 404
        assert client.get(f"/invitations/{guess}/").status_code in (404, 410)
    else:
        assert client.get("/calendar/.ics").status_code == 404
