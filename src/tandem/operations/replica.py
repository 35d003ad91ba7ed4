"""Dashboards may read a PostgreSQL read replica (``TANDEM_REPLICA_URL``), so that heavy
aggregate queries do not load the primary that every page writes to.

Only code run under ``replica_reads()`` (the ``@reads_replica`` views: program dashboards and
their exports) reads the replica; every write, and every read elsewhere, goes to the primary
(``default``), so nobody reads their own change from a replica that has not caught up yet.
Without ``TANDEM_REPLICA_URL`` the router does nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_reading = ContextVar("tandem_replica_reads", default=False)
NEVER_FROM_REPLICA = {"django_cache", "sessions"}  # counters and sessions: always current


@contextmanager
def replica_reads() -> Iterator[None]:
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def reads_replica(view):
    """A view whose reads may come from the replica (a few seconds behind the primary)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with replica_reads():
            return view(request, *args, **kwargs)

    wrapped.reads_replica = True
    return wrapped


def configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading.get() and configured() and model._meta.app_label not in NEVER_FROM_REPLICA:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"  # an object read from the replica is saved on the primary

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # the replica follows the primary's schema by replication
