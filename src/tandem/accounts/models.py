"""Users sign in with their email; what they may see follows from their links to people and
programs (see each app's ``permissions.py``), plus two flags for HR-wide roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class TandemUserManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        return super()._create_user(email, email, password, **extra_fields)

    def create_user(self, email=None, password=None, **extra_fields):
        return super().create_user(email, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        """Audited like any grant of rights (``createsuperuser`` has no actor)."""
        from tandem.accounts.audit import record_flag_changes  # audit imports this module

        user = super().create_superuser(email, email, password, **extra_fields)
        record_flag_changes(None, user, {}, via="create_superuser", created=True)
        return user


class User(AbstractUser):
    """A login. The username is the email address, lower-cased."""

    email = models.EmailField(_("email address"), unique=True)
    is_program_manager = models.BooleanField(
        _("program manager"),
        default=False,
        help_text=_("HR program managers create programs and manage the people directory."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = TandemUserManager()

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        self.username = self.email
        super().save(*args, **kwargs)


class AuditEvent(models.Model):
    """An append-only trace of reads and exports of personal data and of permission changes."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        # The audit page's object filter and a person's export look events up by object.
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events cannot be deleted.")


class Invitation(models.Model):
    """A single-use link that lets a person of the directory set their password (first
    sign-in). Only the SHA-256 of the token is kept: the link itself is in the email alone.

    ``person`` points up to the people app by name only (no import): accounts sits below it.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["person", "used_at", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.email} ({self.created_at:%Y-%m-%d})"


# Personal API tokens live beside their logic; imported here so Django registers the model.
from tandem.accounts.saml_store import UsedAssertion  # noqa: E402, F401
from tandem.accounts.tokens import ApiToken  # noqa: E402, F401


class SignedInSession(models.Model):
    """One signed-in browser of a user, so they can see and end their other sessions (the
    session itself lives in Django's session store under ``session_key``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(auto_now_add=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-signed_in_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.signed_in_at:%Y-%m-%d %H:%M}"
