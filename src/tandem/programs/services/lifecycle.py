"""A program's status moves forward one step at a time, each step checked:
draft → recruiting → matching → running → closed."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Enrolment, Program

S = Program.Status
NEXT = {S.DRAFT: S.RECRUITING, S.RECRUITING: S.MATCHING, S.MATCHING: S.RUNNING, S.RUNNING: S.CLOSED}


def next_status(program: Program) -> str | None:
    return NEXT.get(program.status)


def _accepted(program: Program, role: str) -> bool:
    return program.enrolments.filter(role=role, status=Enrolment.Status.ACCEPTED).exists()


def _check(program: Program, target: str) -> None:
    """Why ``program`` may not move to ``target``; nothing when it may."""
    if NEXT.get(program.status) != target:
        raise ProgramsError(
            _("A program cannot go from “%(current)s” to “%(target)s”.")
            % {"current": program.get_status_display(), "target": S(target).label}
        )
    if target == S.RECRUITING and not program.topics.exists():
        raise ProgramsError(_("Choose at least one topic before recruiting."))
    if target == S.MATCHING and not (
        _accepted(program, Enrolment.Role.MENTOR) and _accepted(program, Enrolment.Role.MENTEE)
    ):
        raise ProgramsError(
            _("Matching needs at least one accepted mentor and one accepted mentee.")
        )
    # "mentorships" is the reverse relation of the app above; no import needed to count
    if target == S.RUNNING and not program.mentorships.exists():
        raise ProgramsError(_("Publish a matching run first: the program has no pairs yet."))


def change_status(program: Program, target: str, *, actor=None) -> Program:
    """Move ``program`` to ``target`` (the next status only), with an audit event."""
    with transaction.atomic():
        program = Program.objects.select_for_update().get(pk=program.pk)
        _check(program, target)
        before = program.status
        program.status = target
        program.save(update_fields=["status"])
        record(actor, "program.status", program, before=before, after=target)
    return program
