"""What single sign-on (OpenID Connect, SAML) shares: finding the account of a person of the
directory (creating it then, never a second one, never a person), and marking the session.

A session that came from single sign-on carries ``SSO_SESSION_KEY`` ("oidc" or "saml"):
``services.twofactor.signed_in_with_sso(request)`` reads it, so Tandem's own second factor can
leave it alone (the identity provider already applied its own).
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from tandem.accounts.audit import record

logger = logging.getLogger(__name__)
SSO_SESSION_KEY = "tandem_sso"


def mark_sso_session(request, method: str) -> None:
    request.session[SSO_SESSION_KEY] = method


def unavailable(request):
    """Back to the sign-in page, saying the provider cannot be reached (passwords still work)."""
    messages.error(
        request,
        _(
            "Single sign-on is unavailable right now. "
            "Try again later or sign in with your password."
        ),
    )
    return redirect("accounts:login")


def account_for(person, *, via: str):
    """The person's account, created (no usable password) if they have none yet."""
    if person.user_id:
        return person.user
    User = get_user_model()
    with transaction.atomic():
        person = type(person).objects.select_for_update().get(pk=person.pk)
        if person.user_id:  # made meanwhile by a concurrent sign-in
            return person.user
        first, _sep, last = person.full_name.partition(" ")
        user = User.objects.create_user(
            email=person.email, first_name=first[:150], last_name=last[:150]
        )
        person.user = user
        person.save(update_fields=["user"])
        record(user, "accounts.sso_account_created", person, via=via)
    return user


class Refused(Exception):
    """Single sign-on matched nobody, or two different people; ``reason`` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def directory_user(*, email: str = "", employee_id: str = "", via: str):
    """The account single sign-on lets in for this email and/or employee id.

    The employee id names a person of the directory; the email names an account or a
    person. Both must agree when both are given. An inactive person or account, or nobody,
    is refused (``Refused``): single sign-on never adds anyone to the directory.
    """
    Person = apps.get_model("people", "Person")  # accounts sits below people: no import
    User = get_user_model()
    email, employee_id = (email or "").strip().lower(), (employee_id or "").strip()
    user = User.objects.filter(email__iexact=email).first() if email else None
    person = Person.objects.filter(employee_id=employee_id).first() if employee_id else None
    if person is None and email:
        person = Person.objects.filter(email__iexact=email).first()
    if person is None and user is not None:
        person = getattr(user, "person", None)
    if user is not None and person is not None and person.user_id != user.pk:
        if person.user_id is not None or person.email.lower() != user.email:
            raise Refused("the email and the employee id name two different people")
        person.user = user
        person.save(update_fields=["user"])
    if person is None and user is None:
        raise Refused("nobody in the directory")
    if (person is not None and not person.is_active) or (user is not None and not user.is_active):
        raise Refused("deactivated")
    if user is None:
        if User.objects.filter(email__iexact=person.email).exists():
            raise Refused("the person's email belongs to another account")
        user = account_for(person, via=via)
    return user
