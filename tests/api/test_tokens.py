"""Personal API tokens: shown once, stored hashed, expiring, revocable, per-user."""

import datetime as dt
import hashlib

import pytest
import time_machine
from django.core.management import call_command

from tandem.accounts.tokens import ApiToken, create_token


def test_it_shows_the_secret_once_and_keeps_only_its_hash(api, cast):
    response = api.post("/tokens", {"name": "HRIS sync", "days": 30}, as_=cast.manager)
    assert response.status_code == 201
    secret = response.json()["token"]
    token = ApiToken.objects.get(pk=response.json()["id"])
    assert secret.startswith(f"tdm_{token.prefix}_")
    stored = {field.name: getattr(token, field.name) for field in ApiToken._meta.fields}
    assert all(secret.split("_", 2)[2] not in str(value) for value in stored.values())
    assert token.secret_hash == hashlib.sha256(secret.split("_", 2)[2].encode()).hexdigest()
    listed = api.get("/tokens", as_=cast.manager).json()["items"]
    assert "token" not in listed[0]
    assert (
        api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).json()["email"]
        == cast.manager.email
    )


def test_it_refuses_a_revoked_an_expired_or_a_forged_token(api, cast):
    token, secret = create_token(cast.mentor, "laptop", days=1)
    auth = {"Authorization": f"Bearer {secret}"}
    assert api.client.get("/api/v1/me", headers=auth).status_code == 200
    forged = {"Authorization": f"Bearer {secret[:-2]}xx"}
    assert api.client.get("/api/v1/me", headers=forged).status_code == 401
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=2)):
        assert api.client.get("/api/v1/me", headers=auth).status_code == 401
    assert api.delete(f"/tokens/{token.pk}", as_=cast.mentor).status_code == 200
    response = api.client.get("/api/v1/me", headers=auth)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Authentication required")


def test_it_lets_only_the_owner_revoke_a_token(api, cast):
    token, _secret = create_token(cast.mentor, "laptop")
    assert api.delete(f"/tokens/{token.pk}", as_=cast.manager).status_code == 404
    token.refresh_from_db()
    assert token.revoked is None


def test_it_caps_a_token_at_a_year(api, cast):
    response = api.post("/tokens", {"name": "forever", "days": 3650}, as_=cast.manager)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "days"


def test_it_creates_a_token_from_the_command_line(api, cast, capsys):
    call_command("api-token", "create", cast.coach.email, "--name", "script", "--days", "7")
    secret = capsys.readouterr().out.strip()
    response = api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.json()["email"] == cast.coach.email
    token = ApiToken.objects.get(user=cast.coach)
    assert round((token.expires - token.created) / dt.timedelta(days=1)) == 7


def test_it_throttles_per_token(api, cast, settings):
    settings.TANDEM_API_RATE = "3/min"
    codes = [api.get("/me", as_=cast.mentor).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert api.get("/me", as_=cast.mentee).status_code == 200


@pytest.mark.parametrize("header", ["Bearer", "Bearer tdm_", "Basic abc", "Bearer tdm_x_"])
def test_it_answers_401_to_malformed_credentials(api, cast, header):
    response = api.client.get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
