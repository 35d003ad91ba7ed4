"""SCIM Groups of a directory's users. Tandem keeps a group's name and members; what the
group means (a program's pool of mentors or mentees, its managers or coaches) is configured
in ``programs`` and applied there when ``directory_group_changed`` announces a change."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from scim2_models import InvalidValueException, Meta, NotFoundException, UniquenessException

from tandem.accounts.audit import record
from tandem.people.directories import Directory, DirectoryAccount, DirectoryGroup
from tandem.people.scim.resources import Group, GroupMember
from tandem.people.scim.users import _uuid, live_accounts
from tandem.people.signals import directory_group_changed


def get_group(directory: Directory, scim_id: str) -> DirectoryGroup:
    uid = _uuid(scim_id)
    group = DirectoryGroup.objects.filter(directory=directory, scim_id=uid).first() if uid else None
    if group is None:
        raise NotFoundException(detail=f"No Group {scim_id} in this directory")
    return group


get = get_group


def as_resource(group: DirectoryGroup, base: str, members=None) -> Group:
    """The group with its live members (``members``: prefetched accounts, or read here)."""
    if members is None:
        members = _members(group)
    return Group(
        id=str(group.scim_id),
        external_id=group.external_id or None,
        display_name=group.display_name,
        members=[
            GroupMember(
                value=str(account.scim_id),
                ref=f"{base}/Users/{account.scim_id}",
                type="User",
                display=account.person.full_name,
            )
            for account in members
        ]
        or None,
        meta=Meta(
            resource_type="Group",
            created=group.created_at,
            last_modified=group.updated_at,
            location=f"{base}/Groups/{group.scim_id}",
        ),
    )


def _members(group: DirectoryGroup) -> list[DirectoryAccount]:
    return list(
        group.members.filter(deleted_at__isnull=True).select_related("person").order_by("pk")
    )


def create(directory: Directory, resource: Group) -> DirectoryGroup:
    with transaction.atomic():
        group = DirectoryGroup(directory=directory)
        _write(group, resource)
        record(None, "scim.group_created", group, directory=directory.name, name=group.display_name)
    return group


def replace(group: DirectoryGroup, resource: Group) -> DirectoryGroup:
    with transaction.atomic():
        group = DirectoryGroup.objects.select_for_update().get(pk=group.pk)
        _write(group, resource)
        record(None, "scim.group_updated", group, name=group.display_name)
    return group


def delete(group: DirectoryGroup) -> None:
    """The group's members leave what it gave them, then the group is forgotten."""
    with transaction.atomic():
        group = DirectoryGroup.objects.select_for_update().get(pk=group.pk)
        before = (group.display_name, _people(group))
        record(None, "scim.group_deleted", group, name=group.display_name)
        directory = group.directory
        group.delete()
        _announce(directory, before, ("", set()))


def _write(group: DirectoryGroup, resource: Group) -> None:
    name = (resource.display_name or "").strip()
    if not name or len(name) > 255:
        raise InvalidValueException(detail="displayName: 1 to 255 characters")
    taken = DirectoryGroup.objects.filter(directory=group.directory, display_name__iexact=name)
    if taken.exclude(pk=group.pk).exists():
        raise UniquenessException(detail=f"A group named {name} already exists")
    members = _accounts(group.directory, resource.members or [])
    before = (group.display_name, _people(group)) if group.pk else ("", set())
    group.display_name = name
    group.external_id = (resource.external_id or "").strip()[:255]
    group.updated_at = timezone.now()
    group.save()
    group.members.set(members)
    _announce(group.directory, before, (name, {a.person_id for a in members}))


def _accounts(directory: Directory, members: list[GroupMember]) -> list[DirectoryAccount]:
    """The directory's users the members name; a member that is not one is refused."""
    wanted = []
    for member in members:
        if member.type and member.type != "User":
            raise InvalidValueException(detail="members: Tandem's groups hold users only")
        uid = _uuid(member.value or "")
        if uid is None:
            raise InvalidValueException(detail=f"members: no User {member.value}")
        wanted.append(uid)
    found = {a.scim_id: a for a in live_accounts(directory).filter(scim_id__in=wanted)}
    missing = [str(uid) for uid in wanted if uid not in found]
    if missing:
        raise InvalidValueException(detail=f"members: no User {', '.join(missing)}")
    return list({uid: found[uid] for uid in wanted}.values())


def leave_groups(account: DirectoryAccount) -> None:
    """A deleted user leaves every group, and what the groups gave them."""
    for group in account.groups.select_for_update():
        before = (group.display_name, _people(group))
        group.members.remove(account)
        _announce(group.directory, before, (group.display_name, _people(group)))


def _people(group: DirectoryGroup) -> set[int]:
    return set(group.members.filter(deleted_at__isnull=True).values_list("person_id", flat=True))


def _announce(directory: Directory, before: tuple, after: tuple) -> None:
    if before != after:
        directory_group_changed.send(
            sender=DirectoryGroup, directory=directory, before=before, after=after, actor=None
        )
