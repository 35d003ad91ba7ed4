"""The right to erasure: the person becomes "Erased person N" everywhere, while every row
that feeds a figure stays (enrolments, mentorships, meetings, survey answers, matching
history), so dashboards, participation, satisfaction and matching history do not move.

What goes: name, email, employee id, HR details, the free texts the person wrote, their
testimonials, their sign-in (password, tokens, calendar link, invitations). What the other
participant wrote stays theirs, with the person's name replaced.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.accounts.models import Invitation, User
from tandem.accounts.tokens import ApiToken
from tandem.mentorships.models import CalendarFeed
from tandem.people.models import DirectoryAccount, EndorsementRequest, Person
from tandem.privacy.errors import PrivacyError
from tandem.privacy.services import confidential, export_integrations
from tandem.privacy.services.scrub import Replacer, scrub_everywhere
from tandem.privacy.services.subjects import ERASED_DOMAIN, Subject
from tandem.programs.models import Enrolment
from tandem.recognition.models import Certificate, Testimonial


def pseudonyms(subject: Subject) -> dict[str, str]:
    key = f"p{subject.person.pk}" if subject.person else f"u{subject.user.pk}"
    return {
        "name": _("Erased person %(key)s") % {"key": key},
        "email": f"erased-{key}@{ERASED_DOMAIN}",
        "employee_id": f"erased-{key}",
    }


def identifiers(subject: Subject, fake: dict[str, str]) -> dict[str, str]:
    """Each identifier of the subject and what replaces it in texts."""
    found: dict[str, str] = {}
    p = subject.person
    if p is not None:
        found.update({p.full_name: fake["name"], p.email: fake["email"]})
        found[p.employee_id] = fake["employee_id"]
    if subject.user is not None:
        u = subject.user
        found[u.email] = fake["email"]
        found[f"{u.first_name} {u.last_name}".strip()] = fake["name"]
    return {k: v for k, v in found.items() if k and not (v == fake["name"] and _homonym(k, p))}


def _homonym(name: str, person: Person | None) -> bool:
    """Someone else bears the name: replacing it in texts would erase them too, so only the
    email and employee id are replaced there."""
    others = Person.objects.filter(full_name__iexact=name)
    return others.exclude(pk=person.pk if person else None).exists()


def _person(person: Person, fake: dict[str, str]) -> None:
    Person.objects.filter(pk=person.pk).update(
        full_name=fake["name"],
        email=fake["email"],
        employee_id=fake["employee_id"],
        title="",
        department="",
        site="",
        gender="",
        birth_year=None,
        is_active=False,
        updated_at=timezone.now(),
    )
    Enrolment.objects.filter(person=person).update(motivation="")
    # what they wrote to colleagues when asking for an endorsement; pending ones are withdrawn
    EndorsementRequest.objects.filter(competence__person=person).update(message="")
    EndorsementRequest.objects.filter(competence__person=person, status="pending").update(
        status="stale", answered_at=timezone.now()
    )
    Certificate.objects.filter(person=person).update(full_name=fake["name"])
    Certificate.objects.filter(person=person, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    Testimonial.objects.filter(author=person).delete()
    export_integrations.forget(person)
    CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    Invitation.objects.filter(person=person).update(email=fake["email"])
    DirectoryAccount.objects.filter(person=person).update(
        user_name=fake["email"], external_id="", attributes={}
    )
    Invitation.objects.filter(person=person, used_at__isnull=True).update(expires_at=timezone.now())


def _user(user: User, fake: dict[str, str]) -> None:
    User.objects.filter(pk=user.pk).update(
        email=fake["email"],
        username=fake["email"],
        first_name="",
        last_name="",
        password=make_password(None),  # unusable: no sign-in, and open sessions end
        is_active=False,
        is_staff=False,
        is_superuser=False,
        is_program_manager=False,
    )
    ApiToken.objects.filter(user=user, revoked__isnull=True).update(revoked=timezone.now())


def erase(subject: Subject, actor=None, *, via: str = "web") -> dict[str, int]:
    """Anonymise the subject in one transaction; returns what was changed, by kind."""
    if subject.erased:
        raise PrivacyError(_("This person has already been erased."))
    fake = pseudonyms(subject)
    replacer = Replacer(identifiers(subject, fake))
    with transaction.atomic():
        counts = {}
        if subject.person is not None:
            person = Person.objects.select_for_update().get(pk=subject.person.pk)
            counts.update(confidential.erase_texts(person, replacer))
            _person(person, fake)
        if subject.user is not None:
            _user(subject.user, fake)
        counts["identifiers_replaced"] = scrub_everywhere(replacer)
        target = subject.person or subject.user
        record(actor, "privacy.erase", target, via=via, **counts)
    return counts
