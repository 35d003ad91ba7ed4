"""Single sign-on with OpenID Connect against a fake provider: the HTTP calls the library makes
(discovery, token, userinfo) are answered here, with a real HS256-signed id token, so the
signature, nonce, audience and PKCE checks all run."""

import base64
import hashlib
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import requests
from django.urls import reverse

from tandem.accounts import oidc
from tandem.accounts.models import AuditEvent, User
from tests import factories as f

ISSUER = "https://sso.example.com"
CLIENT_ID, CLIENT_SECRET = "tandem", "client-secret-for-tests-only-0123456789"
BACKEND = "tandem.accounts.oidc.DirectoryOIDCBackend"


class Reply:
    def __init__(self, data, status=200):
        self.data, self.status_code = data, status
        self.headers, self.url, self.text = {"content-type": "application/json"}, "", ""

    def json(self):
        return self.data

    def raise_for_status(self):
        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code}", response=self)


class FakeProvider:
    """Remembers what the authorization request asked for; answers the back-channel calls."""

    def __init__(self):
        self.codes: dict[str, dict] = {}
        self.reachable = True

    def authorize(self, location: str, claims: dict, audience: str = CLIENT_ID) -> dict:
        query = {k: v[0] for k, v in parse_qs(urlparse(location).query).items()}
        self.codes["code-1"] = {"query": query, "claims": claims, "aud": audience}
        return query

    def post(self, url, data=None, **kwargs):
        assert url == f"{ISSUER}/token"
        grant = self.codes.pop(data["code"])
        query = grant["query"]
        challenge = base64.urlsafe_b64encode(
            hashlib.sha256(data["code_verifier"].encode()).digest()
        ).rstrip(b"=")
        assert challenge.decode() == query["code_challenge"], "PKCE verifier does not match"
        assert data["client_secret"] == CLIENT_SECRET
        assert data["redirect_uri"] == query["redirect_uri"]
        id_token = jwt.encode(
            {
                "iss": ISSUER,
                "aud": grant["aud"],
                "sub": "subject-1",
                "nonce": query["nonce"],
                "iat": int(time.time()),
                "exp": int(time.time()) + 300,
            },
            CLIENT_SECRET,
            algorithm="HS256",
        )
        self.userinfo = grant["claims"]
        return Reply({"id_token": id_token, "access_token": "access-1", "token_type": "Bearer"})

    def get(self, url, **kwargs):
        if not self.reachable:
            raise requests.ConnectionError("sso.example.com is down")
        if url == f"{ISSUER}/.well-known/openid-configuration":
            return Reply(
                {
                    "issuer": ISSUER,
                    "authorization_endpoint": f"{ISSUER}/authorize",
                    "token_endpoint": f"{ISSUER}/token",
                    "userinfo_endpoint": f"{ISSUER}/userinfo",
                    "jwks_uri": f"{ISSUER}/jwks",
                }
            )
        assert url == f"{ISSUER}/userinfo"
        assert kwargs["headers"]["Authorization"] == "Bearer access-1"
        return Reply(self.userinfo)


@pytest.fixture
def provider(monkeypatch):
    fake = FakeProvider()
    monkeypatch.setattr(requests, "post", fake.post)
    monkeypatch.setattr(requests, "get", fake.get)
    oidc.discovery.cache_clear()
    yield fake
    oidc.discovery.cache_clear()


@pytest.fixture
def sso(settings, provider):
    """SSO configured with the issuer only: endpoints come from discovery."""
    settings.TANDEM_OIDC_ENABLED = True
    settings.TANDEM_OIDC_ISSUER = ISSUER
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    return provider


def sign_in(client, provider, claims: dict, audience: str = CLIENT_ID, next_url: str = ""):
    start = client.get(reverse("oidc:authenticate") + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    assert start["Location"].startswith(f"{ISSUER}/authorize?")
    query = provider.authorize(start["Location"], claims, audience)
    assert query["client_id"] == CLIENT_ID and query["code_challenge_method"] == "S256"
    return client.get(reverse("oidc:callback"), {"code": "code-1", "state": query["state"]})


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_it_signs_in_an_existing_account_by_email(client, cast, sso):
    email = cast.mentee.email.upper()
    response = sign_in(client, sso, {"email": email, "email_verified": True}, next_url="/me/")
    assert response.status_code == 302
    assert response["Location"] == "/me/"
    assert signed_in_user(client) == cast.mentee
    assert client.session["_auth_user_backend"] == BACKEND
    assert client.session["tandem_sso"] == "oidc"  # Tandem's own second factor leaves it


def test_it_creates_the_account_of_a_person_of_the_directory(client, cast, sso):
    person = f.person("Nina Vidal", email="nina.vidal@example.com")
    users_before = User.objects.count()
    response = sign_in(client, sso, {"email": "Nina.Vidal@example.com"})
    assert response["Location"] == reverse("web:home")
    person.refresh_from_db()
    assert person.user is not None and signed_in_user(client) == person.user
    assert person.user.first_name == "Nina" and not person.user.has_usable_password()
    assert User.objects.count() == users_before + 1
    assert AuditEvent.objects.filter(action="accounts.sso_account_created").exists()


def test_it_refuses_an_email_unknown_to_the_directory(client, cast, sso):
    users_before = User.objects.count()
    response = sign_in(client, sso, {"email": "stranger@elsewhere.example"})
    assert response["Location"] == reverse("accounts:login")
    assert signed_in_user(client) is None
    assert User.objects.count() == users_before
    page = client.get(response["Location"]).content.decode()
    assert "matches nobody in the Tandem directory" in page


def test_it_refuses_an_unverified_email(client, cast, sso):
    response = sign_in(client, sso, {"email": cast.mentee.email, "email_verified": False})
    assert response["Location"] == reverse("accounts:login")
    assert signed_in_user(client) is None


def test_it_refuses_a_token_minted_for_another_application(client, cast, sso):
    response = sign_in(client, sso, {"email": cast.mentee.email}, audience="another-app")
    assert response["Location"] == reverse("accounts:login")
    assert signed_in_user(client) is None


def test_it_refuses_a_replayed_or_forged_callback(client, cast, sso):
    response = client.get(reverse("oidc:callback"), {"code": "code-1", "state": "forged"})
    assert response.status_code == 302
    assert signed_in_user(client) is None


def test_an_unreachable_provider_gives_a_message_not_an_error(client, cast, sso):
    sso.reachable = False
    response = client.get(reverse("oidc:authenticate"))
    assert response["Location"] == reverse("accounts:login")
    assert "unavailable right now" in client.get(response["Location"]).content.decode()


def test_password_sign_in_still_works_without_calling_the_provider(client, cast, sso):
    sso.reachable = False  # any call to the provider would raise
    response = client.post(
        reverse("accounts:login"), {"username": cast.mentor.email, "password": f.PASSWORD}
    )
    assert response.status_code == 302
    assert signed_in_user(client) == cast.mentor


def test_the_login_page_offers_sso_only_when_configured(client, db, settings, provider):
    settings.TANDEM_OIDC_ENABLED = False
    assert "Sign in with SSO" not in client.get(reverse("accounts:login")).content.decode()
    assert client.get(reverse("oidc:authenticate")).status_code == 404
    assert client.get(reverse("oidc:callback"), {"code": "x", "state": "y"}).status_code == 404
    settings.TANDEM_OIDC_ENABLED = True
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Sign in with SSO" in page and reverse("oidc:authenticate") in page
