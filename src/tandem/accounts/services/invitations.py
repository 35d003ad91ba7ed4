"""Invitations: a link by email that lets a person of the directory set their password.

The token is 32 random bytes; only its SHA-256 is stored, so a database leak gives no
working link. A link works once and for ``VALID_DAYS`` days.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.accounts.errors import AccountsError
from tandem.accounts.models import Invitation
from tandem.operations import notices

VALID_DAYS = 14


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("invitations:accept", args=[token])


def _message(invitation: Invitation, token: str, actor) -> notices.Notice:
    """The email in the invitee's language (``Person.mail_language``), not the manager's."""
    inviter = (actor.get_full_name() or actor.email) if actor is not None else "Tandem"
    with translation.override(invitation.person.mail_language):
        return _worded(invitation, token, inviter)


def _worded(invitation: Invitation, token: str, inviter: str) -> notices.Notice:
    body = _(
        "Hello %(name)s,\n\n%(inviter)s invites you to Tandem, the reverse mentoring platform."
        "\nChoose your password with this link (valid %(days)s days, usable once):\n\n"
        "%(url)s\n\nIf you did not expect this email, you can ignore it."
    ) % {
        "name": invitation.person.full_name,
        "inviter": inviter,
        "days": VALID_DAYS,
        "url": invitation_url(token),
    }
    # Email only: the link is a secret that sets a password, not something for a chat.
    return notices.Notice(
        kind="invitation",
        recipient=notices.Recipient(
            email=invitation.email, language=invitation.person.mail_language
        ),
        subject=_("Your invitation to Tandem"),
        body=body,
        chat=False,
    )


def invite_people(people, *, actor=None) -> int:
    """Create one invitation per person and email the links over one connection.

    Earlier unused invitations of these people stop working: only the latest link counts.
    Returns the number of emails sent.
    """
    people = [p for p in people if p.email]
    if not people:
        return 0
    now = timezone.now()
    actor = actor if getattr(actor, "is_authenticated", False) else None
    sent = []
    with transaction.atomic():
        Invitation.objects.filter(person__in=people, used_at__isnull=True).update(expires_at=now)
        for person in people:
            token = secrets.token_urlsafe(32)
            invitation = Invitation(
                person=person,
                email=person.email,
                token_hash=hash_token(token),
                created_by=actor,
                expires_at=now + dt.timedelta(days=VALID_DAYS),
            )
            sent.append((invitation, token))
        Invitation.objects.bulk_create([i for i, _t in sent], batch_size=1000)
        record(actor, "accounts.invite", None, people=[p.pk for p in people][:1000])
    messages = [_message(invitation, token, actor) for invitation, token in sent]
    return notices.send_all(messages)


def invitation_for(token: str) -> Invitation:
    """The invitation of ``token`` if it can still be used; AccountsError says why not."""
    invitation = (
        Invitation.objects.select_related("person", "person__user")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None:
        raise AccountsError(_("This invitation link is not valid. Check that you copied it whole."))
    if invitation.used_at is not None:
        raise AccountsError(
            _("This invitation link has already been used. Sign in with your password.")
        )
    if invitation.expires_at <= timezone.now():
        raise AccountsError(
            _("This invitation link has expired. Ask your program manager for a new one.")
        )
    if not invitation.person.is_active:  # left the organisation since: the link is withdrawn
        raise AccountsError(
            _("This invitation link was withdrawn. Ask your program manager if you need one.")
        )
    return invitation


def user_for(invitation: Invitation):
    """The account the invitation leads to: the person's own, one with their email, or a new
    unsaved one."""
    User = get_user_model()
    person = invitation.person
    if person.user_id is not None:
        return person.user
    existing = User.objects.filter(email__iexact=person.email).first()
    if existing is not None and hasattr(existing, "person") and existing.person != person:
        raise AccountsError(
            _("Another account already uses this email. Ask your program manager for help.")
        )
    return existing or User(email=person.email.lower(), username=person.email.lower())


def accept_invitation(token: str, password: str):
    """Set the password, link the account to the person, spend the link; returns the user.

    The password has been checked by the caller's form (Django's validators).
    """
    with transaction.atomic():
        invitation = invitation_for(token)
        Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
        user = user_for(invitation)
        name = invitation.person.full_name.split(" ", 1)
        if not user.first_name and not user.last_name:
            user.first_name, user.last_name = name[0][:150], (name[1] if len(name) > 1 else "")
        user.set_password(password)
        user.is_active = True
        user.save()
        person = invitation.person
        if person.user_id != user.pk:
            person.user = user
            person.save(update_fields=["user"])
        used = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if not used:
            raise AccountsError(
                _("This invitation link has already been used. Sign in with your password.")
            )
        record(user, "accounts.invitation_accepted", invitation)
    return user
