"""SQLite backups with the online backup API: a consistent copy while the app keeps running.

``Connection.backup`` with the default ``pages=-1`` copies the whole database in one step
under one read transaction, so the copy is a snapshot even while other connections write
(WAL lets them go on). A restore runs the same API the other way: the live database is
replaced in one write transaction, so a reader sees either the old data or the restored data.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from django.utils.translation import gettext as _

from tandem.operations.errors import OperationsError
from tandem.operations.files import SQLITE_MAGIC, private_partial

_TANDEM_TABLE = "django_migrations"


def backup(connection, path: Path) -> None:
    """Copy the live database into ``path`` (written aside, then renamed into place)."""
    connection.ensure_connection()
    partial = private_partial(path)
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
        # One self-contained file: no -wal beside it once closed.
        target.execute("PRAGMA journal_mode=DELETE").fetchall()
        check = target.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as exc:
        target.close()
        partial.unlink(missing_ok=True)
        raise OperationsError(_("The SQLite backup failed: %(error)s") % {"error": exc}) from exc
    target.close()
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise OperationsError(_("The SQLite backup is damaged: %(error)s") % {"error": check})
    partial.replace(path)


def _open_backup(path: Path) -> sqlite3.Connection:
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        found = source.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [_TANDEM_TABLE]
        ).fetchone()
    except sqlite3.DatabaseError as exc:
        source.close()
        raise OperationsError(
            _("%(file)s is not a readable SQLite database: %(error)s")
            % {"file": path, "error": exc}
        ) from exc
    if not found:
        source.close()
        raise OperationsError(
            _("%(file)s is a SQLite database but not a Tandem backup (no migration table).")
            % {"file": path}
        )
    return source


def restore(connection, path: Path) -> None:
    """Replace every table of the live database with the backup's, in one write."""
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise OperationsError(_("%(file)s is not a SQLite backup.") % {"file": path})
    source = _open_backup(path)
    try:
        connection.ensure_connection()
        if connection.in_atomic_block:
            raise OperationsError(_("A restore cannot run inside a transaction."))
        source.backup(connection.connection)
    except sqlite3.Error as exc:
        raise OperationsError(_("The SQLite restore failed: %(error)s") % {"error": exc}) from exc
    finally:
        with contextlib.suppress(sqlite3.Error):
            source.close()
