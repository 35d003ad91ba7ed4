"""``backup`` and ``restore`` of the whole database, whichever database Tandem runs on.

The commands call these; tests call them too. Each engine has its own module: the SQLite
online backup API, or pg_dump/pg_restore for PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from tandem.operations import postgres, sqlite
from tandem.operations.errors import OperationsError
from tandem.operations.files import POSTGRESQL, SQLITE, readable_backup, writable_target

_ENGINES = {SQLITE: sqlite, POSTGRESQL: postgres}


def _engine(connection):
    engine = _ENGINES.get(connection.vendor)
    if engine is None:
        raise OperationsError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return engine


def database_label(alias: str = DEFAULT_DB_ALIAS) -> str:
    """Which database a restore would replace, for the confirmation question."""
    connection = connections[alias]
    settings_dict = connection.settings_dict
    host = settings_dict.get("HOST") or ""
    return f"{connection.vendor} {settings_dict['NAME']}" + (f" on {host}" if host else "")


def backup(path: Path | str, alias: str = DEFAULT_DB_ALIAS) -> Path:
    """Write a consistent copy of the live database into ``path``; returns the path."""
    connection = connections[alias]
    engine = _engine(connection)
    target = writable_target(Path(path))
    engine.backup(connection, target)
    return target


def restore(path: Path | str, alias: str = DEFAULT_DB_ALIAS) -> None:
    """Replace the database's contents with the backup in ``path`` (all or nothing)."""
    connection = connections[alias]
    engine = _engine(connection)
    source = readable_backup(Path(path), connection.vendor)
    engine.restore(connection, source)


def pending_migrations(alias: str = DEFAULT_DB_ALIAS) -> int:
    """How many migrations the code has that the (restored) database lacks."""
    executor = MigrationExecutor(connections[alias])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
