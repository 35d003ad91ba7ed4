"""Batched INSERT and UPDATE through ``executemany``: the one raw bulk writer, for the
100,000 people of an import, the tens of thousands of rows a matching run writes and the
summary rows insights rebuilds.

Django's ``bulk_create``/``bulk_update`` cap a batch at 999 parameters on SQLite (about 50
people per INSERT), build a model instance per row and ``bulk_update`` one CASE per field and
row: importing 100,000 people took minutes. One parametrised statement run with
``executemany`` does the same in seconds on SQLite and PostgreSQL alike. Values go through
each field's ``get_db_prep_save`` where the database needs it (JSON, dates), so what is stored
is what the ORM would store. Fields are named as in the model (``run`` or ``run_id``).
"""

from collections.abc import Iterable, Sequence

from django.db import connection, models

CHUNK = 5000
_CONVERTED = (models.JSONField, models.DateField, models.DateTimeField)


def _converters(model, fields: Sequence[str]):
    converters = []
    for name in fields:
        field = model._meta.get_field(name)
        if isinstance(field, _CONVERTED):
            converters.append(lambda value, f=field: f.get_db_prep_save(value, connection))
        else:
            converters.append(None)
    return converters


def _columns(model, fields: Sequence[str]) -> list[str]:
    return [connection.ops.quote_name(model._meta.get_field(name).column) for name in fields]


def _run(sql: str, rows: Iterable[Sequence], converters) -> int:
    count, chunk = 0, []
    with connection.cursor() as cursor:
        for row in rows:
            chunk.append(
                [
                    value if conv is None else conv(value)
                    for value, conv in zip(row, converters, strict=True)
                ]
            )
            if len(chunk) >= CHUNK:
                cursor.executemany(sql, chunk)
                count, chunk = count + len(chunk), []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def insert_rows(model, fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """INSERT each row (values in ``fields`` order); returns how many."""
    table = connection.ops.quote_name(model._meta.db_table)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({', '.join(_columns(model, fields))}) VALUES ({placeholders})"  # noqa: S608 - names from the model, values as parameters
    return _run(sql, rows, _converters(model, fields))


def update_rows(model, fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """UPDATE by primary key; each row is the values in ``fields`` order, then the pk."""
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(f"{column} = %s" for column in _columns(model, fields))
    pk = connection.ops.quote_name(model._meta.pk.column)
    sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608 - as above
    return _run(sql, rows, [*_converters(model, fields), None])
