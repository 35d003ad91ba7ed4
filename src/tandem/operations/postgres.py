"""PostgreSQL backups with pg_dump (custom format) and pg_restore, while the app runs.

pg_dump reads one snapshot, so the copy is consistent whatever is written meanwhile.
pg_restore drops and recreates what the backup holds in a single transaction: it applies
entirely or not at all. The connection comes from the database settings (``DATABASE_URL``) and
is passed in the environment (``PGPASSWORD`` and friends), never on the command line, where
any user of the machine could read the password.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from django.utils.translation import gettext as _

from tandem.operations.errors import OperationsError
from tandem.operations.files import private_partial

# Debian installs the client programs per major version here, and only some on PATH.
DEBIAN_BIN = "/usr/lib/postgresql/*/bin"
_SETTINGS_ENV = {
    "NAME": "PGDATABASE",
    "USER": "PGUSER",
    "PASSWORD": "PGPASSWORD",
    "HOST": "PGHOST",
    "PORT": "PGPORT",
}
_OPTIONS_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def program(name: str) -> str:
    """The path of ``pg_dump`` or ``pg_restore``: on PATH, else the newest Debian one."""
    found = shutil.which(name)
    if found:
        return found

    def major(path: str) -> int:
        version = Path(path).parent.parent.name
        return int(version) if version.isdecimal() else 0

    candidates = sorted(glob.glob(f"{DEBIAN_BIN}/{name}"), key=major, reverse=True)
    if candidates:
        return candidates[0]
    raise OperationsError(
        _(
            "%(program)s was not found: install the PostgreSQL client programs "
            "(Debian: postgresql-client) or put them on PATH."
        )
        % {"program": name}
    )


def environment(settings_dict: dict) -> dict[str, str]:
    """The process environment plus the connection settings as libpq variables."""
    env = dict(os.environ)
    for key, variable in _SETTINGS_ENV.items():
        value = settings_dict.get(key)
        if value not in (None, ""):
            env[variable] = str(value)
    options = settings_dict.get("OPTIONS") or {}
    for key, variable in _OPTIONS_ENV.items():
        if options.get(key) not in (None, ""):
            env[variable] = str(options[key])
    return env


def _run(args: list[str], settings_dict: dict, failure: str) -> None:
    result = subprocess.run(  # noqa: S603 - fixed programs, arguments are not shell-parsed
        args,
        env=environment(settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise OperationsError(f"{failure}\n" + "\n".join(detail))


def backup(connection, path: Path) -> None:
    """``pg_dump -Fc`` of the whole database into ``path`` (written aside, then renamed)."""
    pg_dump = program("pg_dump")
    partial = private_partial(path)
    args = [pg_dump, "--format=custom", "--no-password", f"--file={partial}"]
    try:
        _run(args, connection.settings_dict, _("pg_dump failed:"))
    except OperationsError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(path)


def restore(connection, path: Path) -> None:
    """Drop and recreate what the backup holds, in one transaction (all or nothing)."""
    if connection.in_atomic_block:
        raise OperationsError(_("A restore cannot run inside a transaction."))
    # Our own idle connection must hold no lock that the DROPs would wait for.
    connection.close()
    name = connection.settings_dict["NAME"]
    args = [
        program("pg_restore"),
        "--clean",
        "--if-exists",
        "--single-transaction",
        "--no-owner",
        "--no-privileges",
        "--no-password",
        f"--dbname={name}",
        str(path),
    ]
    _run(args, connection.settings_dict, _("pg_restore failed; nothing was changed:"))
