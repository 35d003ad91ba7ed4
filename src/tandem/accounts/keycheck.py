"""``tandem check``: stored texts that no key of ``TANDEM_FIELD_KEYS`` can decrypt.

A Fernet token carries the time it was written (not which key wrote it), so the missing key
is named by the period it was in use, with the number of rows it locks per table: enough for
an operator to find it in the secret store's history and put it back.
"""

from __future__ import annotations

import base64
import datetime as dt
import struct
from collections import Counter
from dataclasses import dataclass, field

from cryptography.fernet import InvalidToken
from django.core import checks
from django.db import DatabaseError, connection

from tandem.accounts.fields import PREFIX, encrypted_fields, fernet

BATCH = 2000


@dataclass
class Locked:
    """Texts no configured key decrypts: rows per table and the period they were written."""

    rows: Counter = field(default_factory=Counter)
    first: dt.datetime | None = None
    last: dt.datetime | None = None

    def add(self, label: str, written: dt.datetime | None) -> None:
        self.rows[label] += 1
        if written is not None:
            self.first = min(self.first or written, written)
            self.last = max(self.last or written, written)


def token_time(token: str) -> dt.datetime | None:
    """When a Fernet token was made (bytes 1–8 of the token, readable without the key)."""
    try:
        raw = base64.urlsafe_b64decode(token.encode("ascii") + b"==")
        return dt.datetime.fromtimestamp(struct.unpack(">Q", raw[1:9])[0], tz=dt.UTC)
    except (ValueError, struct.error, OverflowError, OSError):
        return None


def _unreadable(value: str) -> bool:
    try:
        fernet().decrypt(value[len(PREFIX) :].encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return True
    return False


def find_locked() -> Locked:
    """Read every encrypted column once (raw SQL, in batches) and try the configured keys."""
    locked = Locked()
    qn = connection.ops.quote_name
    for model, names in encrypted_fields():
        columns = [model._meta.get_field(name).column for name in names]
        table, pk = model._meta.db_table, model._meta.pk.column
        sql = f"SELECT {qn(pk)}, {', '.join(qn(c) for c in columns)} FROM {qn(table)}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql)
            while rows := cursor.fetchmany(BATCH):
                for row in rows:
                    bad = [v for v in row[1:] if v and v.startswith(PREFIX) and _unreadable(v)]
                    if bad:
                        locked.add(model._meta.label, token_time(bad[0][len(PREFIX) :]))
    return locked


def message(locked: Locked) -> str:
    tables = ", ".join(f"{label}: {count}" for label, count in sorted(locked.rows.items()))
    period = (
        f"{locked.first:%Y-%m-%d %H:%M} to {locked.last:%Y-%m-%d %H:%M} UTC"
        if locked.first
        else "an unknown period"
    )
    return (
        f"TANDEM_FIELD_KEYS lacks the key that encrypted the texts written from {period}: "
        f"{sum(locked.rows.values())} row(s) cannot be read ({tables})."
    )


REQUESTED = {"scan": False}  # set by ``tandem check`` only (not by migrate or runserver)


@checks.register(checks.Tags.database)
def field_keys_decrypt_every_text(app_configs=None, databases=None, **kwargs):
    """Run by ``tandem check``: it reads every stored text once, which ``migrate`` (also
    running database checks) should neither wait for nor be stopped by."""
    if not REQUESTED["scan"] or not databases or "default" not in databases:
        return []
    try:
        locked = find_locked()
    except DatabaseError:
        return []  # not migrated yet: nothing stored
    if not locked.rows:
        return []
    return [
        checks.Error(
            message(locked),
            hint=(
                "Put the key used then back in TANDEM_FIELD_KEYS (after the first key, which "
                "encrypts), then run `tandem rotate-field-keys` to re-encrypt with the first."
            ),
            id="tandem.E001",
        )
    ]
