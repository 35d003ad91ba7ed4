"""Sign-in throttling, counted in the shared cache (every worker, every machine).

Two counters per failed sign-in, both over 15 minutes from the first failure:

- email + client address: after ``TANDEM_LOGIN_FAILURE_LIMIT`` failures (5) that pair is
  locked 15 minutes. Behind proxies the address is the client's (``TANDEM_TRUSTED_PROXY_COUNT``),
  so one person guessing cannot lock out everyone behind the same proxy.
- the email alone, from any address: after four times as many, the account is paused for
  ``ACCOUNT_LOCK`` (5 minutes) and its owner is told by email, in their language. Browsers
  that have signed in to that account before (a signed "known device" cookie, as OWASP
  suggests) are not paused, so a stranger cannot keep the owner out indefinitely.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.operations.ratelimit import client_ip, hashed, shielded

WINDOW = 15 * 60
PAIR_LOCK = 15 * 60
ACCOUNT_LOCK = 5 * 60
ACCOUNT_FACTOR = 4
DEVICE_COOKIE = "tandem_device"
DEVICE_SALT = "tandem.accounts.device"
DEVICE_MAX_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class Lock:
    """Why sign-in is refused now: ``account`` (paused for everyone new) or ``pair``."""

    scope: str
    minutes: int
    limit: int


def failure_limit() -> int:
    return max(1, getattr(settings, "TANDEM_LOGIN_FAILURE_LIMIT", 5))


def _keys(request, email: str) -> dict[str, str]:
    who, where = hashed(email), hashed(client_ip(request))
    return {
        "pair": f"login:pair:{who}:{where}",
        "pair_lock": f"login:pair-lock:{who}:{where}",
        "account": f"login:account:{who}",
        "account_lock": f"login:account-lock:{who}",
    }


def _count(key: str) -> int:
    """Failures since the first of the window (the window does not slide with each failure)."""
    if cache.add(key, 1, timeout=WINDOW):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        cache.add(key, 1, timeout=WINDOW)
        return 1


def known_device(request, user) -> bool:
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if not raw or user is None:
        return False
    try:
        return signing.loads(raw, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE) == user.pk
    except signing.BadSignature:
        return False


def remember_device(response, user) -> None:
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(user.pk, salt=DEVICE_SALT),
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )


def _user(email: str):
    return User.objects.filter(email__iexact=email, is_active=True).first()


def locked(request, email: str) -> Lock | None:
    """The lock in force for this email from this client, if any (none while the shared cache
    cannot be reached: sign-in goes on, see ``operations.ratelimit.shielded``)."""
    return shielded(lambda: _locked(request, email), None)


def _locked(request, email: str) -> Lock | None:
    keys = _keys(request, email)
    if cache.get(keys["pair_lock"]):
        return Lock("pair", PAIR_LOCK // 60, failure_limit())
    if cache.get(keys["account_lock"]) and not known_device(request, _user(email)):
        return Lock("account", ACCOUNT_LOCK // 60, failure_limit() * ACCOUNT_FACTOR)
    return None


def failed(request, email: str) -> Lock | None:
    """Count a failure; returns the lock it starts, if any."""
    return shielded(lambda: _failed(request, email), None)


def _failed(request, email: str) -> Lock | None:
    keys = _keys(request, email)
    if _count(keys["pair"]) >= failure_limit():
        cache.set(keys["pair_lock"], 1, timeout=PAIR_LOCK)
        cache.delete(keys["pair"])
        return Lock("pair", PAIR_LOCK // 60, failure_limit())
    if _count(keys["account"]) >= failure_limit() * ACCOUNT_FACTOR:
        cache.delete(keys["account"])
        if cache.add(keys["account_lock"], 1, timeout=ACCOUNT_LOCK):
            user = _user(email)
            if user is not None:
                lockout_notice(user).send(fail_silently=True)
        return _locked(request, email)
    return None


def succeeded(request, email: str) -> None:
    shielded(lambda: cache.delete(_keys(request, email)["pair"]), None)


def lockout_notice(user) -> EmailMessage:
    """The owner's email when their account is paused, in their language."""
    person = getattr(user, "person", None)
    language = getattr(person, "mail_language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        body = _(
            "Hello,\n\nThere were %(count)s failed attempts to sign in to your Tandem account "
            "(%(email)s) in the last %(window)s minutes, from several addresses. New sign-ins "
            "to it are paused for %(minutes)s minutes; browsers you have signed in with before "
            "are not affected.\n\nIf this was not you, your password was not found. If you "
            "think someone knows it, choose a new one:\n\n%(url)s\n"
        ) % {
            "count": failure_limit() * ACCOUNT_FACTOR,
            "email": user.email,
            "window": WINDOW // 60,
            "minutes": ACCOUNT_LOCK // 60,
            "url": settings.SITE_URL + reverse("accounts:password_reset"),
        }
        return EmailMessage(_("Tandem: sign-in to your account paused"), body, to=[user.email])
