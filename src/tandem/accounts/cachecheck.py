"""``tandem check``: the shared cache (rate limits, sign-in lock-outs) answers.

When it does not, signing in and the API still work but nothing is counted (see
``operations.ratelimit.shielded``): the operator must hear of it before an attacker does.
Run by ``tandem check`` only, like the field keys scan: ``migrate``, which makes the cache's
table, must not be stopped by its absence.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.db import connection

from tandem.accounts.keycheck import REQUESTED
from tandem.operations.ratelimit import CACHE_DOWN


@checks.register(checks.Tags.database)
def shared_cache_answers(app_configs=None, databases=None, **kwargs):
    if not REQUESTED["scan"] or not databases or "default" not in databases:
        return []
    if "django_migrations" not in connection.introspection.table_names():
        return []  # nothing migrated yet: ``migrate`` makes the cache's table with the rest
    key = f"check:{secrets.token_hex(8)}"
    try:
        cache.set(key, 1, timeout=10)
        answered = cache.get(key) == 1
        cache.delete(key)
    except CACHE_DOWN as error:
        answered, why = False, f"{type(error).__name__}: {error}".strip()
    else:
        why = "a value written was not read back"
    if answered:
        return []
    where = _where(settings.CACHES["default"])
    return [
        checks.Error(
            f"The shared cache ({where}) does not answer ({why}); rate limits and sign-in "
            "lock-outs are not counted until it does.",
            hint=(
                "With the database cache (TANDEM_CACHE_URL empty) run `tandem migrate`, which "
                "makes its table; with Redis, check that TANDEM_CACHE_URL points at a server "
                "this machine reaches."
            ),
            id="tandem.E002",
        )
    ]


def _where(config: dict) -> str:
    """The cache named without its password (a Redis URL may carry one)."""
    location = str(config.get("LOCATION") or "")
    if "://" not in location:
        return f"table {location}" if location else config["BACKEND"]
    url = urlsplit(location)
    return f"{url.scheme}://{url.hostname}:{url.port or 6379}"
