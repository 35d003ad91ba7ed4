"""What kind of backup a file is, told from its first bytes, so a restore refuses a file made
for the other database (or no backup at all) before touching anything."""

from __future__ import annotations

import os
from pathlib import Path

from django.utils.translation import gettext as _

from tandem.operations.errors import OperationsError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"
SQLITE, POSTGRESQL = "sqlite", "postgresql"


def partial_path(path: Path) -> Path:
    """Where a backup is written before being renamed to ``path``: a failed backup never
    leaves a half-written file under the expected name."""
    return path.with_name(f".{path.name}.partial")


def private_partial(path: Path) -> Path:
    """The empty partial file of ``path``, readable by its owner only (a backup holds
    everyone's personal data); the backup tools write into it, keeping that mode."""
    partial = partial_path(path)
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return partial


def kind_of(path: Path) -> str | None:
    """``"sqlite"``, ``"postgresql"`` (pg_dump custom format) or None."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return SQLITE
    if head.startswith(PG_CUSTOM_MAGIC):
        return POSTGRESQL
    return None


def readable_backup(path: Path, vendor: str) -> Path:
    """``path`` if it is a backup for this ``vendor`` of database; a clear error otherwise."""
    if not path.exists():
        raise OperationsError(_("%(file)s: no such file.") % {"file": path})
    if not path.is_file():
        raise OperationsError(_("%(file)s is not a file.") % {"file": path})
    kind = kind_of(path)
    if kind is None:
        raise OperationsError(
            _("%(file)s is not a backup made by “tandem backup”.") % {"file": path}
        )
    if kind != vendor:
        raise OperationsError(
            _(
                "%(file)s is a %(kind)s backup but this database is %(vendor)s: restore it "
                "into a %(kind)s database."
            )
            % {"file": path, "kind": _label(kind), "vendor": _label(vendor)}
        )
    return path


def writable_target(path: Path) -> Path:
    """``path`` if a backup can be written there (its folder exists, it is not a folder)."""
    if path.is_dir():
        raise OperationsError(_("%(file)s is a folder: give a file name.") % {"file": path})
    if not path.parent.is_dir():
        raise OperationsError(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
    return path


def _label(vendor: str) -> str:
    return {SQLITE: "SQLite", POSTGRESQL: "PostgreSQL"}.get(vendor, vendor)
