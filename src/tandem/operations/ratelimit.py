"""Counting requests in the shared cache (see ``operations/cache.py``): one counter per key
and time window, incremented atomically, so N workers on M machines let through the limit
once, not N × M times. And the client's address behind ``TANDEM_TRUSTED_PROXY_COUNT`` proxies.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from redis.exceptions import RedisError

T = TypeVar("T")
logger = logging.getLogger("tandem.cache")
CACHE_DOWN = (DatabaseError, RedisError, OSError)

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``600/min`` → ``(600, 60)``."""
    number, _, period = rate.partition("/")
    return int(number), PERIODS[period.strip().lower()]


def hashed(text: str) -> str:
    """Cache keys never hold an email or a token in clear (nor characters a cache refuses)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def shielded(action: Callable[[], T], default: T) -> T:
    """Run a cache action; when the shared cache cannot be reached (its table missing, Redis
    down) log it and return ``default``, so that signing in and the API keep working (nothing
    is counted meanwhile; ``tandem check`` says what is wrong). A failed query must not spoil
    the caller's transaction either (PostgreSQL), hence the savepoint inside one."""
    try:
        if connection.in_atomic_block:
            with transaction.atomic():
                return action()
        return action()
    except CACHE_DOWN:
        logger.exception("The shared cache cannot be reached: limits are not counted")
        return default


def count(key: str, window: int) -> int:
    """Add one hit to ``key`` in the current window; returns the hits so far in it (0 when
    the cache cannot be reached)."""
    return shielded(lambda: _count(key, window), 0)


def _count(key: str, window: int) -> int:
    bucket = f"rl:{key}:{int(time.time() // window)}"
    if cache.add(bucket, 1, timeout=window + 1):
        return 1
    try:
        return cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.add(bucket, 1, timeout=window + 1)
        return 1


def allow(key: str, rate: str) -> bool:
    limit, window = parse_rate(rate)
    return count(key, window) <= limit


def client_ip(request) -> str:
    """The client's address: the connection's, or with ``TANDEM_TRUSTED_PROXY_COUNT`` = N the
    N-th address from the end of ``X-Forwarded-For`` (what the outermost trusted proxy saw;
    anything before it is the client's say and can be forged)."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = getattr(settings, "TANDEM_TRUSTED_PROXY_COUNT", 0)
    if trusted <= 0:
        return remote
    chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [a for a in chain if a]
    if not chain:
        return remote
    candidate = chain[-min(trusted, len(chain))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
