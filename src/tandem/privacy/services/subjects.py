"""Whose data: an email names a person of the directory, an account, or both."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.people.models import Person
from tandem.privacy.errors import PrivacyError

# Erasure gives people and accounts an address in this reserved domain (RFC 2606).
ERASED_DOMAIN = "erased.invalid"


@dataclass
class Subject:
    """The person of the directory and the login, either of which may be missing."""

    person: Person | None
    user: User | None

    @property
    def email(self) -> str:
        return self.person.email if self.person is not None else self.user.email

    @property
    def erased(self) -> bool:
        return self.email.endswith("@" + ERASED_DOMAIN)


def for_user(user: User) -> Subject:
    return Subject(person=Person.objects.filter(user=user).first(), user=user)


def for_email(email: str) -> Subject:
    """The subject behind an email (the directory's or the login's); a clear error if none."""
    email = (email or "").strip().lower()
    if not email:
        raise PrivacyError(_("Give the email address of the person."))
    person = Person.objects.select_related("user").filter(email__iexact=email).first()
    if person is not None:
        return Subject(person=person, user=person.user)
    user = User.objects.filter(email=email).first()
    if user is None:
        raise PrivacyError(
            _("No person or account has the email address %(email)s.") % {"email": email}
        )
    return for_user(user)
