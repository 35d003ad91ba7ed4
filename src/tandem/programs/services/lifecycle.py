"""A program's status moves forward one step at a time, each step checked:
draft → recruiting → matching → running → closed.

A program whose pairs are published (or that is moved on from matching) before its start
date is "scheduled", not running: ``start_due_programs``, run daily by ``tandem
complete-mentorships``, makes it running on its start date; a manager may still close it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Enrolment, Program

S = Program.Status
NEXT = {
    S.DRAFT: S.RECRUITING,
    S.RECRUITING: S.MATCHING,
    S.MATCHING: S.RUNNING,
    S.SCHEDULED: S.CLOSED,  # called off before its start (it runs on its own from the start)
    S.RUNNING: S.CLOSED,
}


def next_status(program: Program) -> str | None:
    return NEXT.get(program.status)


def started_status(program: Program, today: dt.date | None = None) -> str:
    """Running from the program's start date on; scheduled before it."""
    today = today or timezone.localdate()
    return S.RUNNING if program.start <= today else S.SCHEDULED


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
        program.status = started_status(program) if target == S.RUNNING else target
        program.save(update_fields=["status"])
        record(actor, "program.status", program, before=before, after=program.status)
    return program


def start_due_programs(today: dt.date | None = None) -> int:
    """Make the scheduled programs whose start date has come running (daily); how many."""
    today = today or timezone.localdate()
    started = 0
    for pk in Program.objects.filter(status=S.SCHEDULED, start__lte=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            program = Program.objects.select_for_update().get(pk=pk)
            if program.status == S.SCHEDULED:
                program.status = S.RUNNING
                program.save(update_fields=["status"])
                record(None, "program.status", program, before=S.SCHEDULED, after=S.RUNNING)
                started += 1
    return started
