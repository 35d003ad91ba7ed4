"""Encryption at rest for what people write in confidence (preparations, logs, goal notes…).

``EncryptedTextField`` stores ``fernet:<token>`` so a database dump shows no clear text. Keys
come from ``TANDEM_FIELD_KEYS`` (settings attribute first, then the environment): a
comma-separated list, the first key encrypts, every key decrypts, so rotating is "put the new key
first, run ``tandem rotate-field-keys``, drop the old key". A key is either a Fernet key (32
url-safe base64 bytes) or any passphrase (stretched with SHA-256).

When the variable is unset, a development key is derived from ``SECRET_KEY``. Production must
set it (and keep it: losing the keys loses the texts); settings should refuse to start without it
when ``TANDEM_DEBUG`` is off.
"""

from __future__ import annotations

import base64
import hashlib
import os
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.utils.translation import gettext

PREFIX = "fernet:"


def _fernet_key(raw: str) -> bytes:
    """A Fernet key as given, or one derived from a passphrase."""
    raw = raw.strip()
    try:
        if len(base64.urlsafe_b64decode(raw.encode())) == 32:
            return raw.encode()
    except ValueError:
        pass
    return base64.urlsafe_b64encode(hashlib.sha256(raw.encode()).digest())


def configured_keys() -> tuple[str, ...]:
    raw = getattr(settings, "TANDEM_FIELD_KEYS", None) or os.environ.get("TANDEM_FIELD_KEYS")
    if isinstance(raw, list | tuple):
        keys = tuple(str(k).strip() for k in raw if str(k).strip())
    else:
        keys = tuple(k.strip() for k in (raw or "").split(",") if k.strip())
    if keys:
        return keys
    return ("tandem-development-field-key:" + settings.SECRET_KEY,)


@lru_cache(maxsize=8)
def _multi(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(_fernet_key(k)) for k in keys])


def fernet() -> MultiFernet:
    return _multi(configured_keys())


def encrypt(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    """Stored value -> clear text; a value without the prefix is legacy clear text."""
    if not stored.startswith(PREFIX):
        return stored
    try:
        return fernet().decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ValueError(
            "A confidential text cannot be decrypted: TANDEM_FIELD_KEYS lacks the key it was "
            "written with."
        ) from None


def rotate(stored: str) -> str:
    """Re-encrypt with the first key (clear legacy values get encrypted)."""
    if not stored:
        return stored
    if not stored.startswith(PREFIX):
        return encrypt(stored)
    try:
        token = fernet().rotate(stored[len(PREFIX) :].encode("ascii"))
    except InvalidToken:
        return stored  # no key reads it: kept as it is (``tandem check`` names the key)
    return PREFIX + token.decode("ascii")


class UnavailableText(str):
    """A stored text that no key of ``TANDEM_FIELD_KEYS`` decrypts: pages show "text
    unavailable" instead of failing, and saving the row keeps the stored text as it was (it
    comes back once the key is put back; ``tandem check`` says which)."""

    stored: str

    def __new__(cls, stored: str):
        text = super().__new__(cls, gettext("[text unavailable: its encryption key is missing]"))
        text.stored = stored
        return text


class EncryptedTextField(models.TextField):
    """A text field encrypted with Fernet in the database; cannot be searched or sorted."""

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        try:
            return decrypt(value)
        except ValueError:
            return UnavailableText(value)

    def to_python(self, value):
        """Fixtures carry the encrypted form (see ``value_to_string``); anything else is text."""
        if isinstance(value, str) and value.startswith(PREFIX):
            try:
                return decrypt(value)
            except ValueError:
                return value
        return super().to_python(value)

    def value_to_string(self, obj):
        """``dumpdata`` writes the encrypted form too: no clear text in a dump."""
        value = self.value_from_object(obj)
        return encrypt(value) if value else value

    def get_prep_value(self, value):
        if isinstance(value, UnavailableText):
            return value.stored
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))


def confidential_texts(model: type[models.Model]) -> tuple[str, ...]:
    """The model's confidential texts (its encrypted fields) in the order it declares them:
    the one list its form, its API schema and its service read, so a new text is one line on
    the model (and its migration)."""
    return tuple(f.name for f in model._meta.fields if isinstance(f, EncryptedTextField))


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every installed model with encrypted columns, and those columns' attribute names."""
    found = []
    for model in apps.get_models():
        names = [
            f.attname for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)
        ]
        if names:
            found.append((model, names))
    return found


def rotate_all(batch_size: int = 500) -> int:
    """Re-encrypt every encrypted column with the first key; returns the rows rewritten."""
    count = 0
    for model, names in encrypted_fields():
        table = model._meta.db_table
        columns = [model._meta.get_field(n).column for n in names]
        pk = model._meta.pk.column
        with transaction.atomic():
            ids = list(model.objects.values_list("pk", flat=True).order_by("pk"))
            for start in range(0, len(ids), batch_size):
                count += _rotate_rows(table, pk, columns, ids[start : start + batch_size])
    return count


def _rotate_rows(table: str, pk: str, columns: list[str], ids: list) -> int:
    """Raw SQL, so the stored text is read as is and no ``auto_now`` moves."""
    qn = connection.ops.quote_name
    cols = ", ".join(qn(c) for c in columns)
    marks = ", ".join(["%s"] * len(ids))
    sets = ", ".join(f"{qn(c)} = %s" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {qn(pk)}, {cols} FROM {qn(table)} WHERE {qn(pk)} IN ({marks})",  # noqa: S608
            ids,
        )
        for row in cursor.fetchall():
            values = [rotate(v) if v else v for v in row[1:]]
            cursor.execute(
                f"UPDATE {qn(table)} SET {sets} WHERE {qn(pk)} = %s",  # noqa: S608
                [*values, row[0]],
            )
    return len(ids)
