"""Concurrency tests on SQLite need the database in a file.

The in-memory test database is one shared cache: a second writer gets "database table is
locked" at once instead of waiting, which is not how Tandem runs. ``on_file`` copies the test
database into a file (with the online backup API) and points every new connection, in this
thread and others, at it, with the production options (WAL, IMMEDIATE, busy timeout). On
PostgreSQL it does nothing: threads already share the real test database.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

from tandem.operations import sqlite


@contextlib.contextmanager
def on_file(folder: Path):
    if connection.vendor != "sqlite":
        yield
        return
    path = folder / "concurrency.sqlite3"
    sqlite.backup(connection, path)
    in_memory = connections[DEFAULT_DB_ALIAS]  # kept open: it keeps the test database alive
    original = settings.DATABASES[DEFAULT_DB_ALIAS]
    settings.DATABASES[DEFAULT_DB_ALIAS] = {**original, "NAME": str(path)}
    connections[DEFAULT_DB_ALIAS] = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS].close()
        settings.DATABASES[DEFAULT_DB_ALIAS] = original
        connections[DEFAULT_DB_ALIAS] = in_memory


def in_thread(work):
    """Run ``work`` with this thread's own connection, closed at the end."""

    def run(*args, **kwargs):
        try:
            return work(*args, **kwargs)
        finally:
            connections.close_all()

    return run
