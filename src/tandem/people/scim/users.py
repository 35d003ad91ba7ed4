"""SCIM Users: a directory's view of a person, and writing what it sends into Tandem.

The person's fields go through the people import (``upsert_people``), so SCIM refuses
exactly what a CSV row would (a bad email, an unknown manager, a reporting cycle), the
organisation is created as the import would, and the reporting tree is renumbered after
every change of managers. Deactivation (``active: false`` or a DELETE) goes through
``people.services.deactivation``, which frees the person's partners; nobody is deleted.
"""

from __future__ import annotations

import uuid

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from scim2_models import (
    InvalidValueException,
    Meta,
    NotFoundException,
    UniquenessException,
)

from tandem.accounts.audit import record
from tandem.people.directories import Directory, DirectoryAccount
from tandem.people.languages import is_language_code
from tandem.people.models import Person
from tandem.people.scim.resources import EnterpriseUser, FullUser, Manager, Name
from tandem.people.services import deactivation
from tandem.people.services.people_import import upsert_people
from tandem.people.services.people_validation import MAX_LENGTHS

KEPT = (
    "name",
    "displayName",
    "active",
    "emails",
    "preferredLanguage",
    "employeeNumber",
    "organization",
)


def live_accounts(directory: Directory):
    return DirectoryAccount.objects.filter(directory=directory, deleted_at__isnull=True)


def get_account(directory: Directory, scim_id: str) -> DirectoryAccount:
    """The directory's live account with this id; 404 for anything else (another
    directory's people included)."""
    account = (
        live_accounts(directory)
        .select_related("person__manager__directory_account__person", "person__organization")
        .filter(scim_id=_uuid(scim_id))
        .first()
        if _uuid(scim_id)
        else None
    )
    if account is None:
        raise NotFoundException(detail=f"No User {scim_id} in this directory")
    return account


get = get_account


def _uuid(value: str):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def as_resource(account: DirectoryAccount, base: str) -> FullUser:
    """The User as the directory sees it: identity attributes as it sent them, the rest as
    they are in Tandem now (title, department, manager, active)."""
    attrs, person = account.attributes or {}, account.person
    user = FullUser(
        id=str(account.scim_id),
        external_id=account.external_id or None,
        user_name=account.user_name,
        name=Name.model_validate(attrs["name"]) if attrs.get("name") else None,
        display_name=attrs.get("displayName"),
        title=person.title or None,
        preferred_language=attrs.get("preferredLanguage"),
        active=person.is_active if "active" in attrs else None,
        emails=[FullUser.Emails.model_validate(e) for e in attrs.get("emails") or []] or None,
        meta=Meta(
            resource_type="User",
            created=account.created_at,
            last_modified=account.updated_at,
            location=f"{base}/Users/{account.scim_id}",
        ),
    )
    user[EnterpriseUser] = EnterpriseUser(
        employee_number=attrs.get("employeeNumber"),
        organization=attrs.get("organization"),
        department=person.department or None,
        manager=_manager(account, base),
    )
    return user


def _manager(account: DirectoryAccount, base: str) -> Manager | None:
    manager = account.person.manager
    link = getattr(manager, "directory_account", None) if manager else None
    if link is None or link.directory_id != account.directory_id or link.deleted_at:
        return None
    return Manager(
        value=str(link.scim_id),
        ref=f"{base}/Users/{link.scim_id}",
        display_name=manager.full_name,
    )


def create(directory: Directory, user: FullUser) -> DirectoryAccount:
    with transaction.atomic():
        _check_user_name(directory, user.user_name, None)
        person = _adoptable_person(directory, user)
        account = DirectoryAccount(directory=directory, person=person)
        if person is not None:
            account = _reclaim(directory, person)
        account = _write(directory, account, user)
        record(None, "scim.user_created", account.person, directory=directory.name)
    return account


def replace(account: DirectoryAccount, user: FullUser) -> DirectoryAccount:
    with transaction.atomic():
        account = DirectoryAccount.objects.select_for_update().get(pk=account.pk)
        _check_user_name(account.directory, user.user_name, account.pk)
        account = _write(account.directory, account, user)
        record(None, "scim.user_updated", account.person, directory=account.directory.name)
    return account


def delete(account: DirectoryAccount) -> None:
    """The directory deleted the user: Tandem deactivates the person (history kept) and
    forgets the account, so the id answers 404 from now on."""
    with transaction.atomic():
        account = DirectoryAccount.objects.select_for_update().get(pk=account.pk)
        deactivation.deactivate(account.person, source="scim")
        from tandem.people.scim.groups import leave_groups  # cycle: groups imports users

        leave_groups(account)
        account.deleted_at = timezone.now()
        account.save(update_fields=["deleted_at"])
        record(None, "scim.user_deleted", account.person, directory=account.directory.name)


def _check_user_name(directory: Directory, user_name: str | None, exclude_pk) -> None:
    name = (user_name or "").strip()
    if not name or len(name) > 255:
        raise InvalidValueException(detail="userName: 1 to 255 characters")
    taken = live_accounts(directory).filter(user_name__iexact=name).exclude(pk=exclude_pk)
    if taken.exists():
        raise UniquenessException(detail=f"userName {name} is already provisioned")


def _adoptable_person(directory: Directory, user: FullUser) -> Person | None:
    """The person of Tandem this new User is (imported before by CSV, or provisioned and
    deleted earlier): same employee number, else same email. Never a second person."""
    number = _enterprise(user).employee_number
    email = _primary_email(user)
    match = Q(employee_id=number.strip()) if number and number.strip() else Q(pk__in=[])
    person = (
        Person.objects.filter(match).first() or Person.objects.filter(email__iexact=email).first()
    )
    if person is None:
        return None
    link = getattr(person, "directory_account", None)
    if link is not None and link.deleted_at is None:
        raise UniquenessException(
            detail=f"{person.email} is already provisioned"
            + ("" if link.directory_id == directory.pk else " by another directory")
        )
    return person


def _reclaim(directory: Directory, person: Person) -> DirectoryAccount:
    """A former account of the person (deleted) starts again, as a new resource."""
    account = DirectoryAccount.objects.filter(person=person).first()
    if account is None:
        return DirectoryAccount(directory=directory, person=person)
    account.directory, account.deleted_at = directory, None
    account.scim_id, account.created_at = uuid.uuid4(), timezone.now()
    return account


def _enterprise(user: FullUser) -> EnterpriseUser:
    return user[EnterpriseUser] or EnterpriseUser()


def _primary_email(user: FullUser) -> str:
    emails = [e for e in user.emails or [] if e.value]
    primary = next((e for e in emails if e.primary), emails[0] if emails else None)
    if primary is None:
        raise InvalidValueException(detail="emails: Tandem needs an email address")
    return primary.value.strip()


def _full_name(user: FullUser) -> str:
    name = user.name or Name()
    parts = " ".join(p for p in (name.given_name, name.family_name) if p)
    return (name.formatted or parts or user.display_name or user.user_name or "").strip()


def _write(directory: Directory, account: DirectoryAccount, user: FullUser) -> DirectoryAccount:
    """Save the person (through the import's checks) and the account's own attributes."""
    enterprise = _enterprise(user)
    person = account.person if account.person_id else None
    employee_id = _employee_id(directory, person, enterprise.employee_number, user)
    row = {
        "employee_id": employee_id,
        "email": _primary_email(user),
        "full_name": _full_name(user)[: MAX_LENGTHS["full_name"]],
        "title": user.title or "",
        "department": enterprise.department or "",
        "manager_id": _manager_employee_id(directory, enterprise.manager, employee_id),
        "organization": enterprise.organization or directory.organization.name,
        "site": person.site if person else "",
        "timezone": person.timezone if person else "",
        "languages": _languages(user.preferred_language, person),
    }
    report = upsert_people([row], audit=None)
    if report.errors:
        raise InvalidValueException(
            detail="; ".join(f"{_attribute(e.column)}: {e.message}" for e in report.errors)
        )
    account.person = Person.objects.get(employee_id=employee_id)
    account.user_name = user.user_name.strip()
    account.external_id = (user.external_id or "").strip()[:255]
    account.attributes = _kept_attributes(user)
    account.updated_at = timezone.now()
    account.save()
    if user.active is not None:
        _set_active(account.person, user.active)
    return account


def _employee_id(directory, person: Person | None, number: str | None, user: FullUser) -> str:
    """The employee number the directory sends; a person created without one gets an id
    made from the directory and the user name, kept until the directory sends one."""
    number = (number or "").strip()
    if not number:
        if person is not None:
            return person.employee_id
        base = f"scim-{directory.pk}-{user.user_name.strip().lower()}"[:56]
        made, n = base, 1
        while Person.objects.filter(employee_id=made).exists():  # a former, other person
            n += 1
            made = f"{base}-{n}"
        return made
    if person is not None and person.employee_id != number:
        if Person.objects.filter(employee_id=number).exclude(pk=person.pk).exists():
            raise UniquenessException(detail=f"employeeNumber {number} belongs to someone else")
        Person.objects.filter(pk=person.pk).update(employee_id=number)
    return number


def _manager_employee_id(directory, manager: Manager | None, employee_id: str) -> str:
    value = (manager.value or "").strip() if manager else ""
    if not value:
        return ""
    accounts = live_accounts(directory).select_related("person")
    uid = _uuid(value)
    link = accounts.filter(scim_id=uid).first() if uid else None
    link = link or accounts.filter(person__employee_id=value).first()
    if link is None:
        raise InvalidValueException(detail=f"manager: no User {value} in this directory")
    return link.person.employee_id


def _languages(preferred: str | None, person: Person | None) -> list[str]:
    """The person's languages, the directory's preferred language first when it is one."""
    languages = list(person.languages or []) if person else []
    code = (preferred or "").lower().replace("_", "-").split("-")[0]
    if code and is_language_code(code):
        languages = [code, *[c for c in languages if c != code]]
    return languages


def _kept_attributes(user: FullUser) -> dict:
    dumped = user.model_dump(scim_ctx=None, by_alias=True, exclude_none=True, mode="json")
    enterprise = dumped.get(str(EnterpriseUser.__schema__)) or {}
    kept = {key: dumped[key] for key in KEPT if key in dumped}
    kept.update({key: enterprise[key] for key in KEPT if key in enterprise})
    return kept


def _set_active(person: Person, active: bool) -> None:
    if active and not person.is_active:
        deactivation.reactivate(person, source="scim")
    elif not active and person.is_active:
        deactivation.deactivate(person, source="scim")
    person.refresh_from_db(fields=["is_active"])


def _attribute(column: str) -> str:
    return {
        "email": "emails",
        "full_name": "name",
        "manager_id": "manager",
        "employee_id": "employeeNumber",
    }.get(column, column)
