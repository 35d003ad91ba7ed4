"""The database cache with an atomic ``incr`` that keeps the entry's expiry, so counters
(API rate limits, sign-in failures) are counted exactly once by every worker on every machine.

Django's ``DatabaseCache.incr`` reads then writes (two workers can both read 4 and write 5) and
resets the expiry. Here the row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's
``IMMEDIATE`` transactions already hold the write lock) and only its value is rewritten. The
table is created by ``migrate`` (see ``operations/apps.py``).
"""

from __future__ import annotations

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, models, router, transaction
from django.utils import timezone


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT value, expires FROM {table} WHERE cache_key = %s{lock}",  # noqa: S608
                [key],
            )
            row = cursor.fetchone()
            if row is None or self._expired(connection, row[1]):
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode()))  # noqa: S301 - our own rows
            value += delta
            stored = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET value = %s WHERE cache_key = %s",  # noqa: S608
                [stored, key],
            )
        return value

    @staticmethod
    def _expired(connection, expires) -> bool:
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in connection.ops.get_db_converters(
            expression
        ) + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return expires < timezone.now()
