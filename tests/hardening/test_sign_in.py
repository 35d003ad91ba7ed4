"""Sign-in hardening: lock-outs in the shared cache keyed by the client's address behind
trusted proxies, an account-wide pause that cannot keep its owner out, password reset by
email, the sessions list, and two-factor sign-in with TOTP and recovery codes."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.accounts.models import SignedInSession
from tandem.envconf import cache_from_url
from tests import factories as f

LOGIN = "/accounts/login/"


def login(client, email, password, ip="10.0.0.1", xff=None):
    headers = {"X-Forwarded-For": xff} if xff else {}
    return client.post(
        LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip, headers=headers
    )


def test_the_cache_url_picks_the_backend():  # no database needed
    assert cache_from_url("")["BACKEND"] == "tandem.operations.cache.DatabaseCache"
    redis = cache_from_url("redis://cache.internal:6379/1")
    assert redis == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    }
    with pytest.raises(ValueError, match="TANDEM_CACHE_URL"):
        cache_from_url("memcached://x")


def test_the_database_cache_counts_atomically_and_keeps_the_expiry(db):
    cache.set("n", 1, timeout=60)
    assert cache.incr("n") == 2
    assert cache.incr("n", 5) == 7
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=61)):
        assert cache.get("n") is None
        with pytest.raises(ValueError):
            cache.incr("n")


def test_behind_a_trusted_proxy_each_client_is_locked_alone(client, cast, settings):
    settings.TANDEM_TRUSTED_PROXY_COUNT = 1
    email = cast.mentor.email
    for _ in range(5):
        last = login(client, email, "wrong", ip="192.0.2.1", xff="spoofed, 203.0.113.9")
    assert last.status_code == 429
    other_client = login(Client(), email, f.PASSWORD, ip="192.0.2.1", xff="203.0.113.10")
    assert other_client.status_code == 302


def test_without_trusted_proxies_the_forwarded_header_is_ignored(client, cast):
    for n in range(5):
        last = login(client, cast.mentor.email, "wrong", xff=f"198.51.100.{n}")
    assert last.status_code == 429


def test_many_failures_from_many_addresses_pause_the_account_and_tell_its_owner(cast):
    owner = Client()
    assert login(owner, cast.mentor.email, f.PASSWORD, ip="10.9.9.9").status_code == 302
    cast.mentor.person.languages = ["fr"]
    cast.mentor.person.save()
    for n in range(20):
        last = login(Client(), cast.mentor.email, "wrong", ip=f"10.1.{n}.1")
    assert last.status_code == 429
    assert "paused" in last.content.decode()
    assert login(Client(), cast.mentor.email, f.PASSWORD, ip="10.2.0.1").status_code == 429
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [cast.mentor.email]
    assert mail.outbox[0].subject == "Tandem : connexion à votre compte suspendue"
    owner.post("/accounts/logout/")  # the browser keeps its cookies
    assert login(owner, cast.mentor.email, f.PASSWORD, ip="10.9.9.9").status_code == 302
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=6)):
        assert login(Client(), cast.mentor.email, f.PASSWORD, ip="10.2.0.1").status_code == 302


def _reset_link(message) -> str:
    return re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", message.body).group(1)


def test_password_reset_by_email_single_use_and_expiring(client, cast):
    cast.mentee.person.languages = ["fr"]
    cast.mentee.person.save()
    page = client.get(LOGIN).content.decode()
    assert 'href="/accounts/password/reset/"' in page
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    known = client.post("/accounts/password/reset/", {"email": cast.mentee.email})
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [cast.mentee.email]
    assert "mot de passe" in mail.outbox[0].subject.lower()
    link = _reset_link(mail.outbox[0])
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    new = {"new_password1": "a-brand-new-secret-42", "new_password2": "a-brand-new-secret-42"}
    assert client.post(form.redirect_chain[-1][0], new).status_code == 302
    assert login(Client(), cast.mentee.email, "a-brand-new-secret-42").status_code == 302
    again = Client().get(link, follow=True).content.decode()
    assert "does not work any more" in again, again[again.find("<main") :][:1500]


def test_a_reset_link_expires_after_two_hours(client, cast):
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        client.post("/accounts/password/reset/", {"email": cast.mentee.email})
    link = _reset_link(mail.outbox[0])
    with time_machine.travel(start + dt.timedelta(minutes=100), tick=False):
        assert "new_password1" in Client().get(link, follow=True).content.decode()
    with time_machine.travel(start + dt.timedelta(hours=3), tick=False):
        assert "does not work any more" in Client().get(link, follow=True).content.decode()


def test_reset_requests_are_throttled_with_the_same_answer(client, cast):
    for _ in range(5):
        response = client.post("/accounts/password/reset/", {"email": cast.mentee.email})
        assert response.status_code == 302
    assert len(mail.outbox) == 3


def test_a_person_sees_and_ends_their_other_sessions(cast):
    laptop, phone = Client(), Client()
    assert login(laptop, cast.mentee.email, f.PASSWORD, ip="10.0.0.1").status_code == 302
    assert login(phone, cast.mentee.email, f.PASSWORD, ip="10.0.0.2").status_code == 302
    profile = laptop.get("/people/profile/").content.decode()
    assert 'href="/accounts/sessions/"' in profile
    page = laptop.get("/accounts/sessions/").content.decode()
    assert "10.0.0.1" in page and "10.0.0.2" in page and "This session" in page
    other = SignedInSession.objects.get(ip_address="10.0.0.2")
    assert laptop.post(f"/accounts/sessions/{other.pk}/end/").status_code == 302
    assert phone.get("/").status_code == 302  # signed out
    assert laptop.get("/").status_code == 200


def test_a_password_change_ends_the_other_sessions(cast):
    laptop, phone = Client(), Client()
    login(laptop, cast.mentee.email, f.PASSWORD)
    login(phone, cast.mentee.email, f.PASSWORD)
    new = {
        "old_password": f.PASSWORD,
        "new_password1": "another-long-secret-7",
        "new_password2": "another-long-secret-7",
    }
    assert laptop.post("/accounts/password/change/", new).status_code == 302
    assert laptop.get("/").status_code == 200
    assert phone.get("/").status_code == 302
    assert SignedInSession.objects.filter(user=cast.mentee).count() == 1


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def _turn_on(client) -> list[str]:
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(confirmed=False)
    page = client.post("/accounts/two-factor/setup/", {"code": _code(device)})
    assert page.status_code == 200
    return re.findall(r"<code>(\w+)</code>", page.content.decode())


def test_two_factor_setup_then_sign_in_with_a_code_or_a_recovery_code(cast):
    client = Client()
    login(client, cast.mentee.email, f.PASSWORD)
    setup = client.get("/accounts/two-factor/setup/").content.decode()
    assert "<svg" in setup and "<script" not in setup.split("<main", 1)[1]
    codes = _turn_on(client)
    assert len(codes) == 10
    device = TOTPDevice.objects.get(confirmed=True)

    second = Client()
    step = login(second, cast.mentee.email, f.PASSWORD)
    assert step["Location"] == "/accounts/two-factor/verify/"
    assert second.get("/").status_code == 302  # not signed in yet
    wrong = second.post("/accounts/two-factor/verify/", {"code": "000000"})
    assert wrong.status_code == 400
    device.refresh_from_db()
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=60)):
        done = second.post("/accounts/two-factor/verify/", {"code": _code(device)})
    assert done.status_code == 302 and second.get("/").status_code == 200

    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)  # django-otp's own back-off
    with time_machine.travel(later):
        third = Client()
        login(third, cast.mentee.email, f.PASSWORD)
        assert third.post("/accounts/two-factor/verify/", {"code": codes[0]}).status_code == 302
        fourth = Client()
        login(fourth, cast.mentee.email, f.PASSWORD)
        reused = fourth.post("/accounts/two-factor/verify/", {"code": codes[0]})
        assert reused.status_code == 400


def test_required_two_factor_sends_a_manager_to_set_it_up(cast, settings):
    settings.TANDEM_REQUIRE_2FA = True
    manager, mentee = Client(), Client()
    login(manager, cast.manager.email, f.PASSWORD)
    assert manager.get("/")["Location"] == "/accounts/two-factor/setup/"
    api = manager.get("/api/v1/me")
    assert api.status_code == 403 and "two-factor" in api.json()["detail"]
    _turn_on(manager)
    assert manager.get("/").status_code == 200
    off = manager.post("/accounts/two-factor/disable/", follow=True)
    assert "cannot be turned off" in off.content.decode() or "stays on" in off.content.decode()
    login(mentee, cast.mentee.email, f.PASSWORD)
    assert mentee.get("/").status_code == 200  # optional for participants


def test_single_sign_on_users_are_exempt(cast, settings, monkeypatch):
    from tandem.accounts.services import twofactor

    settings.TANDEM_REQUIRE_2FA = True
    backend = "django.contrib.auth.backends.ModelBackend"
    monkeypatch.setattr(twofactor, "SSO_BACKEND", backend)  # as if signed in by the provider
    client = Client()
    client.force_login(cast.manager, backend=backend)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("method", ["saml", "oidc"])
def test_a_single_sign_on_session_is_never_asked_for_tandem_s_second_factor(cast, settings, method):
    """A SAML sign-in goes through djangosaml2's backend, not the OpenID Connect one: the
    session's single sign-on mark exempts it, even for a manager who has an authenticator."""
    from tandem.accounts.services import twofactor

    settings.TANDEM_REQUIRE_2FA = True
    TOTPDevice.objects.create(user=cast.manager, name="Authenticator", confirmed=True)
    client = Client()
    client.force_login(cast.manager, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[twofactor.SSO_SESSION_KEY] = method  # what accounts.sso.mark_sso_session writes
    session.save()
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me").status_code == 200
