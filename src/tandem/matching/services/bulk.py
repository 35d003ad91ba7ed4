"""Plain ``INSERT … VALUES`` for the tens of thousands of rows a run writes.

``bulk_create`` builds a model instance and prepares every value through its field, which
costs more than the solve for a 10,000-mentee run; these tables are simple (integers, text,
booleans, JSON), so the rows are adapted once here and sent with ``executemany``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, models


def insert(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert ``rows`` (values in ``fields`` order; JSON fields as Python values)."""
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    json_at = [k for k, f in enumerate(columns) if isinstance(f, models.JSONField)]
    adapt = connection.ops.adapt_json_value
    quote = connection.ops.quote_name
    # names come from the model's meta, quoted; every value is a parameter
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(meta.db_table),
        ", ".join(quote(f.column) for f in columns),
        ", ".join(["%s"] * len(columns)),
    )
    params = []
    for row in rows:
        row = list(row)
        for k in json_at:
            row[k] = adapt(row[k], None)
        params.append(row)
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)


def ids_of(model: type[models.Model], **filters) -> list[int]:
    """Primary keys of the rows just inserted, in insertion order."""
    return list(model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True))
