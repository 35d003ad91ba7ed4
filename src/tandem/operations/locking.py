"""Optimistic locking: a form carries the version it was opened at; saving bumps it in one
``UPDATE … SET version = version + 1 WHERE pk = … AND version = …``. Zero rows updated means
someone saved in between, and the caller shows the current values instead of overwriting."""

from __future__ import annotations

from django.db import models
from django.db.models import F


def bump_version(model: type[models.Model], pk, expected: int | None) -> int | None:
    """The new version, or None when the row is no longer at ``expected``. ``expected`` None
    (a client that sent no version) bumps unconditionally. Call it inside the transaction that
    saves the change, before saving it."""
    rows = model.objects.filter(pk=pk)
    if expected is not None:
        rows = rows.filter(version=expected)
    if not rows.update(version=F("version") + 1):
        return None
    return model.objects.filter(pk=pk).values_list("version", flat=True).get()
