"""Deactivating a person who left (or was suspended by the directory): they can no longer sign
in, and the apps above free their partners (``signals.person_deactivated``). Nothing is
deleted: their enrolments, mentorships, meetings and answers stay as history."""

from __future__ import annotations

from django.db import transaction

from tandem.accounts.audit import record, record_flag_changes, user_flags
from tandem.people.models import Person
from tandem.people.signals import person_deactivated


def deactivate(person: Person, *, actor=None, source: str) -> bool:
    """Deactivate the person and their account; False if they already were inactive."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if not person.is_active:
            return False
        person.is_active = False
        person.save(update_fields=["is_active", "updated_at"])
        _set_user_active(person, False, actor, source)
        record(actor, "person.deactivated", person, source=source)
        person_deactivated.send(sender=Person, person=person, actor=actor, source=source)
    return True


def reactivate(person: Person, *, actor=None, source: str) -> bool:
    """The directory brings the person back: they can sign in again; their former
    enrolments and mentorships stay as they ended."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.is_active:
            return False
        person.is_active = True
        person.save(update_fields=["is_active", "updated_at"])
        _set_user_active(person, True, actor, source)
        record(actor, "person.reactivated", person, source=source)
    return True


def _set_user_active(person: Person, active: bool, actor, source: str) -> None:
    user = person.user
    if user is None or user.is_active == active:
        return
    before = user_flags(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    record_flag_changes(actor, user, before, via=source)
