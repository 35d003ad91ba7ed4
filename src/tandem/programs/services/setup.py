"""The step-by-step set-up of a program: a draft first, then one step at a time, each
saved with an audit event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tandem.accounts.audit import record
from tandem.programs.models import Program
from tandem.programs.services.programs import create_program


def save_setup_step(form, *, step: str, actor=None) -> Program:
    """``form`` is a valid ModelForm on a program; its fields (m2m included) are saved."""
    with transaction.atomic():
        program = form.save()
        record(actor, "program.update", program, step=step, fields=sorted(form.changed_data))
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
    return program
