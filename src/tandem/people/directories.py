"""Directories that provision people by SCIM 2.0 (Okta, Microsoft Entra ID, Google…).

Each directory has its own bearer tokens (shown once, only their SHA-256 kept), its accounts
(the people it provisions, each linked to one person of Tandem) and its groups. A token only
ever reaches its own directory's accounts and groups. What a directory sends about a person
that Tandem does not use is dropped on arrival; the identity attributes it round-trips
(``userName``, ``externalId``, the name's parts, emails, employee number, organisation) are
kept on the account, the rest lands on the person (see ``people/scim/users.py``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from tandem.accounts.audit import record
from tandem.accounts.tokens import HashedToken

SCHEME = "tdmscim_"
DEFAULT_DAYS = 365
MAX_DAYS = 1096


class DirectoryError(Exception):
    """A directory or token operation was refused; ``str(error)`` says why, translated."""


class Directory(models.Model):
    name = models.CharField(_lazy("name"), max_length=100, unique=True)
    organization = models.ForeignKey(
        "people.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_lazy("default organisation"),
        help_text=_lazy("Where people the directory sends without an organisation belong."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        app_label = "people"
        ordering = ["name"]
        verbose_name = _lazy("SCIM directory")
        verbose_name_plural = _lazy("SCIM directories")

    def __str__(self) -> str:
        return self.name


class DirectoryToken(HashedToken):
    SCHEME = SCHEME
    directory = models.ForeignKey(Directory, on_delete=models.CASCADE, related_name="tokens")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        app_label = "people"
        ordering = ["-created", "-id"]
        verbose_name = _lazy("SCIM token")
        verbose_name_plural = _lazy("SCIM tokens")

    def __str__(self) -> str:
        return f"scim:{self.prefix}"


class DirectoryAccount(models.Model):
    """A person as one directory provisions them; ``deleted_at`` once the directory deleted
    it (the person stays, deactivated, with their history)."""

    directory = models.ForeignKey(Directory, on_delete=models.CASCADE, related_name="accounts")
    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="directory_account"
    )
    scim_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user_name = models.CharField(max_length=255)
    external_id = models.CharField(max_length=255, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "people"
        ordering = ["directory_id", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("user_name"),
                "directory",
                condition=models.Q(deleted_at__isnull=True),
                name="one_user_name_per_directory",
            )
        ]

    def __str__(self) -> str:
        return f"{self.directory} · {self.user_name}"


class DirectoryGroup(models.Model):
    """A group of a directory; what it means in Tandem (a program's pool of mentors, its
    coaches…) is configured in ``programs`` (``GroupMapping``) by its display name."""

    directory = models.ForeignKey(Directory, on_delete=models.CASCADE, related_name="groups")
    scim_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField(max_length=255)
    external_id = models.CharField(max_length=255, blank=True)
    members = models.ManyToManyField(DirectoryAccount, blank=True, related_name="groups")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "people"
        ordering = ["directory_id", "display_name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("display_name"), "directory", name="one_group_name_per_directory"
            )
        ]

    def __str__(self) -> str:
        return f"{self.directory} · {self.display_name}"


def create_directory(name: str, organization, actor) -> Directory:
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise DirectoryError(_("Give the directory a name of 1 to 100 characters."))
    if Directory.objects.filter(name__iexact=name).exists():
        raise DirectoryError(_("A directory named %s already exists.") % name)
    with transaction.atomic():
        directory = Directory.objects.create(name=name, organization=organization, created_by=actor)
        record(actor, "scim.directory_created", directory, name=name)
    return directory


def create_token(directory: Directory, actor, *, days: int = DEFAULT_DAYS) -> tuple:
    """A new bearer token for the directory and its secret, shown only now."""
    if not 1 <= int(days) <= MAX_DAYS:
        raise DirectoryError(_("A token lasts from 1 to %(max)s days.") % {"max": MAX_DAYS})
    with transaction.atomic():
        token, value = DirectoryToken.mint(days=int(days), directory=directory, created_by=actor)
        record(actor, "scim.token_created", directory, prefix=token.prefix, days=int(days))
    return token, value


def revoke_token(token: DirectoryToken, actor) -> DirectoryToken:
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
        record(actor, "scim.token_revoked", token.directory, prefix=token.prefix)
    return token


def authenticate(raw: str) -> DirectoryToken | None:
    """The live token for ``tdmscim_<prefix>_<secret>``, or None."""
    return DirectoryToken.find_live(raw, "directory")
