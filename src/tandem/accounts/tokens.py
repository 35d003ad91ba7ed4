"""Personal API tokens: a program or an HR system acts as the user who created the token.

The secret is shown once, when the token is created; only its SHA-256 is kept, with a short
public prefix so a user can tell their tokens apart. Tokens expire (90 days by default, a
year at most) and can be revoked at any time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

PREFIX_LENGTH = 8
DEFAULT_DAYS = 90
MAX_DAYS = 366
SCHEME = "tdm_"
# last_used is written at most once a minute per token: one UPDATE per call would serialise
# every API call of an HR system on one row.
LAST_USED_EVERY = dt.timedelta(minutes=1)


class TokenError(Exception):
    """A token cannot be created or revoked; ``str(error)`` says why, translated."""


class HashedToken(models.Model):
    """A bearer token ``<SCHEME><prefix>_<secret>`` kept as the SHA-256 of its secret, with
    a public prefix to tell tokens apart; personal API tokens and SCIM directories' tokens."""

    SCHEME = SCHEME
    prefix = models.CharField(max_length=PREFIX_LENGTH, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField(_lazy("expires"))
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_live(self) -> bool:
        return self.revoked is None and self.expires > timezone.now()

    @classmethod
    def mint(cls, *, days: int, **fields) -> tuple[HashedToken, str]:
        """A new token (call inside a transaction) and its full value, shown only now."""
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        while cls.objects.filter(prefix=prefix).exists():  # pragma: no cover - 1 in 4e9
            prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        secret = secrets.token_urlsafe(32)
        token = cls.objects.create(
            prefix=prefix,
            secret_hash=hash_secret(secret),
            expires=timezone.now() + dt.timedelta(days=int(days)),
            **fields,
        )
        return token, f"{cls.SCHEME}{prefix}_{secret}"

    @classmethod
    def find_live(cls, raw: str, *related: str) -> HashedToken | None:
        """The live token for ``raw``, or None; hashes compared in constant time; last use
        written at most once a minute (one UPDATE per call would serialise a busy client)."""
        raw = (raw or "").strip()
        if not raw.startswith(cls.SCHEME):
            return None
        prefix, _sep, secret = raw[len(cls.SCHEME) :].partition("_")
        if not prefix or not secret:
            return None
        token = cls.objects.select_related(*related).filter(prefix=prefix).first()
        if token is None or not secrets.compare_digest(token.secret_hash, hash_secret(secret)):
            return None
        if not token.is_live:
            return None
        now = timezone.now()
        if token.last_used is None or now - token.last_used > LAST_USED_EVERY:
            cls.objects.filter(pk=token.pk).update(last_used=now)
            token.last_used = now
        return token


class ApiToken(HashedToken):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_lazy("name"), max_length=100)

    class Meta:
        app_label = "accounts"
        ordering = ["-created", "-id"]
        verbose_name = _lazy("API token")
        verbose_name_plural = _lazy("API tokens")

    def __str__(self) -> str:
        # The throttle keys on str(request.auth): one bucket per token, no secret in it.
        return f"token:{self.prefix}"


def hash_secret(secret: str) -> str:
    """What is kept of a high-entropy secret (personal and SCIM tokens): its SHA-256."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user, name: str, *, days: int = DEFAULT_DAYS) -> tuple[ApiToken, str]:
    """A new token for ``user`` and its secret (``tdm_<prefix>_<secret>``), shown only now."""
    name = (name or "").strip()
    if not name:
        raise TokenError(_("Give the token a name, e.g. the system that will use it."))
    if len(name) > 100:
        raise TokenError(_("The name is too long (at most 100 characters)."))
    if not 1 <= int(days) <= MAX_DAYS:
        raise TokenError(_("A token lasts from 1 to %(max)s days.") % {"max": MAX_DAYS})
    from tandem.accounts.audit import record  # cycle: audit -> models -> tokens

    with transaction.atomic():
        token, value = ApiToken.mint(days=int(days), user=user, name=name)
        record(user, "api_token.create", token, name=name, days=int(days))
    return token, value


def revoke_token(token: ApiToken, actor) -> ApiToken:
    """Revoke one of the actor's own tokens (idempotent)."""
    from tandem.accounts.audit import record  # cycle: audit -> models -> tokens

    if token.user_id != getattr(actor, "pk", None):
        raise TokenError(_("You can only revoke your own tokens."))
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
        record(actor, "api_token.revoke", token)
    return token


def authenticate(raw: str) -> ApiToken | None:
    """The live token for ``tdm_<prefix>_<secret>`` of an active user, or None."""
    token = ApiToken.find_live(raw, "user")
    return token if token is not None and token.user.is_active else None
