"""Applying a directory's groups to programs (``GroupMapping``), as their members change.

Joining a group mapped to a pool enrols the person in that role (accepted, as the enrolment
import does; a withdrawn enrolment comes back, a declined one stays declined); leaving it
withdraws the enrolment unless the person is in an open mentorship of the program in that
role (the pair is never broken by a group change). Joining a group mapped to a role makes
the person a manager (their account is created if needed) or a coach of the program;
leaving it removes the role. Every change of rights is audited. Closed programs and
deactivated people are left alone.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.audit import record, record_set_change
from tandem.accounts.sso import account_for
from tandem.people.directories import Directory, DirectoryGroup
from tandem.people.models import Person
from tandem.programs.directory_groups import GroupMapping
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Enrolment, Program
from tandem.programs.permissions import is_program_manager_of

Kind = GroupMapping.Kind
OPEN = ("proposed", "accepted", "active")


def on_group_changed(directory: Directory, before: tuple, after: tuple, actor=None) -> None:
    """Grant what the group now gives and take back what it no longer gives."""
    (old_name, old_people), (new_name, new_people) = before, after
    names = {n.lower() for n in (old_name, new_name) if n}
    for mapping in _mappings(directory, names):
        name = mapping.group_name.lower()
        had = set(old_people) if name == (old_name or "").lower() else set()
        has = set(new_people) if name == (new_name or "").lower() else set()
        grant(mapping, has - had, actor)
        revoke(mapping, had - has, actor)


def _mappings(directory: Directory, names: set[str]):
    rules = GroupMapping.objects.filter(directory=directory).select_related("program")
    return [m for m in rules if m.group_name.lower() in names]


def grant(mapping: GroupMapping, person_ids: set[int], actor=None) -> int:
    program = mapping.program
    if not person_ids or program.status == Program.Status.CLOSED:
        return 0
    people = list(Person.objects.filter(pk__in=person_ids, is_active=True).order_by("pk"))
    if mapping.kind in (Kind.MENTOR, Kind.MENTEE):
        return _enrol(program, people, mapping.kind, actor)
    if mapping.kind == Kind.MANAGER:
        people = [account_for(p, via="scim") for p in people]
    return _change_role(program, mapping.kind, "add", people, actor)


def _change_role(program: Program, kind: str, verb: str, members: list, actor) -> int:
    """Add or remove managers (users) or coaches (people), audited as a change of rights."""
    relation = program.managers if kind == Kind.MANAGER else program.coaches
    before = set(relation.values_list("pk", flat=True))
    getattr(relation, verb)(*members)
    after = set(relation.values_list("pk", flat=True))
    action = "program.managers_changed" if kind == Kind.MANAGER else "program.coaches_changed"
    record_set_change(actor, action, program, before, after, via="scim")
    return len(before ^ after)


def _enrol(program: Program, people: list[Person], role: str, actor) -> int:
    changed = 0
    for person in people:
        enrolment, created = Enrolment.objects.get_or_create(
            program=program,
            person=person,
            role=role,
            defaults={"status": Enrolment.Status.ACCEPTED, "languages": person.languages},
        )
        reopen = (Enrolment.Status.APPLIED, Enrolment.Status.WITHDRAWN)
        if not created and enrolment.status in reopen:
            enrolment.status = Enrolment.Status.ACCEPTED
            enrolment.save(update_fields=["status", "updated_at"])
        changed += created or enrolment.status == Enrolment.Status.ACCEPTED
    if people:
        record(actor, "program.group_enrolled", program, role=role, people=[p.pk for p in people])
    return changed


def revoke(mapping: GroupMapping, person_ids: set[int], actor=None) -> int:
    program = mapping.program
    if not person_ids or program.status == Program.Status.CLOSED:
        return 0
    if mapping.kind in (Kind.MENTOR, Kind.MENTEE):
        busy = program.mentorships.filter(
            status__in=OPEN,
            participants__person_id__in=person_ids,
            participants__role=mapping.kind,
        ).values_list("participants__person_id", flat=True)
        leaving = set(person_ids) - set(busy)
        count = Enrolment.objects.filter(
            program=program,
            person_id__in=leaving,
            role=mapping.kind,
            status__in=(Enrolment.Status.APPLIED, Enrolment.Status.ACCEPTED),
        ).update(status=Enrolment.Status.WITHDRAWN)
        record(actor, "program.group_withdrawn", program, role=mapping.kind, people=sorted(leaving))
        return count
    members = list(person_ids)
    if mapping.kind == Kind.MANAGER:
        users = Person.objects.filter(pk__in=person_ids).values_list("user_id", flat=True)
        members = [u for u in users if u]
    return _change_role(program, mapping.kind, "remove", members, actor)


def add_mapping(directory: Directory, group_name: str, program: Program, kind: str, actor):
    """A new rule, applied at once to the group's current members."""
    group_name = (group_name or "").strip()
    if not group_name or len(group_name) > 255:
        raise ProgramsError(_("Give the directory group's name (1 to 255 characters)."))
    if kind not in Kind.values:
        raise ProgramsError(_("Choose what the group's members become."))
    if actor is not None and not is_program_manager_of(actor, program):
        raise ProgramsError(_("Only the program's managers can link a group to it."))
    taken = GroupMapping.objects.filter(
        directory=directory, group_name__iexact=group_name, program=program, kind=kind
    )
    if taken.exists():
        raise ProgramsError(_("This rule exists already."))
    with transaction.atomic():
        mapping = GroupMapping.objects.create(
            directory=directory, group_name=group_name, program=program, kind=kind, created_by=actor
        )
        record(actor, "program.group_rule_added", program, group=group_name, kind=kind)
        group = DirectoryGroup.objects.filter(
            directory=directory, display_name__iexact=group_name
        ).first()
        if group is not None:
            members = group.members.filter(deleted_at__isnull=True)
            grant(mapping, set(members.values_list("person_id", flat=True)), actor)
    return mapping


def remove_mapping(mapping: GroupMapping, actor) -> None:
    """Stop applying the rule; nobody loses what it gave them."""
    if actor is not None and not is_program_manager_of(actor, mapping.program):
        raise ProgramsError(_("Only the program's managers can unlink a group from it."))
    with transaction.atomic():
        record(
            actor,
            "program.group_rule_removed",
            mapping.program,
            group=mapping.group_name,
            kind=mapping.kind,
        )
        mapping.delete()
