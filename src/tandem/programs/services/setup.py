"""The step-by-step set-up of a program: a draft first, then one step at a time, each
saved with an audit event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.audit import record, record_set_change
from tandem.operations.locking import bump_version
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program
from tandem.programs.services.programs import create_program


class StaleEdit(ProgramsError):
    """Someone saved the program after this form was opened; nothing was written."""


def save_setup_step(form, *, step: str, actor=None, versioned: bool = False) -> Program:
    """``form`` is a valid set-up form on a program; its fields (m2m included) are saved.

    ``versioned`` (the web pages): compare the version the form was opened at and bump it in
    the same transaction, raising ``StaleEdit`` if another save came first. The API checks
    ``If-Match`` and bumps the version itself before calling this.
    """
    with transaction.atomic():
        if versioned:
            new = bump_version(Program, form.instance.pk, form.cleaned_data.get("version"))
            if new is None:
                raise StaleEdit(
                    _(
                        "This program was changed by someone else since you opened it — "
                        "review and save again. The form now shows the current values."
                    )
                )
            form.instance.version = new
        program = form.save()
        changed = sorted(name for name in form.changed_data if name != "version")
        record(actor, "program.update", program, step=step, fields=changed)
    return program


def start_draft(name: str, objective: str, *, actor) -> Program:
    """Step 1 of the set-up: a draft program (default dates, every active topic) that the
    next steps edit; ``actor`` becomes its manager."""
    start = dt.date.today() + dt.timedelta(days=30)
    with transaction.atomic():
        program = create_program(
            name,
            format=Program.Format.ONE_TO_ONE,
            start=start,
            end=start + dt.timedelta(days=180),
            actor=actor,
        )
        program.objective = objective
        program.save(update_fields=["objective"])
        program.managers.add(actor)
        record_set_change(actor, "program.managers_changed", program, [], [actor.pk])
    return program
