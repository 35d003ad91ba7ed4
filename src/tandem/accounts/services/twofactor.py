"""Two-factor sign-in with TOTP (django-otp): an authenticator app's six-digit code, or one of
ten single-use recovery codes. A user with a confirmed device signs in in two steps: the
password (``LoginView``) leaves the user "pending" in the session, the code finishes the
sign-in. Which roles must have it is decided above (``web/middleware.py``)."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib.auth import BACKEND_SESSION_KEY
from django_otp import devices_for_user, match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.accounts.sso import SSO_SESSION_KEY  # set by the OIDC and SAML sign-ins

PENDING = "tandem_2fa_pending"
RECOVERY_CODES = 10
SSO_BACKEND = "tandem.accounts.oidc.DirectoryOIDCBackend"


def has_two_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


def signed_in_with_sso(request) -> bool:
    """Single sign-on users (OpenID Connect or SAML) are exempt: their identity provider does
    the second factor. The session says so (``accounts.sso.mark_sso_session``), or its
    backend is the OpenID Connect one."""
    session = request.session
    return bool(session.get(SSO_SESSION_KEY)) or session.get(BACKEND_SESSION_KEY) == SSO_BACKEND


def pending_device(user) -> TOTPDevice:
    """The authenticator being set up (unconfirmed until its first code is right)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` address as an inline SVG QR code (segno: no image service)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=True)


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def confirm(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with its first code; returns fresh recovery codes."""
    if not device.verify_token(code.replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    """Ten single-use codes replacing any earlier ones; shown once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(user, code: str):
    """The device that accepts ``code`` (a TOTP code or a recovery code, used up), or None."""
    return match_token(user, code.replace(" ", "").strip())


def turn_off(user) -> None:
    for device in devices_for_user(user, confirmed=None):
        device.delete()
