"""Strict little readers for environment variables, so a typo fails loudly at start-up."""

import os

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name} must be one of 1/0/true/false/yes/no, not {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer, not {raw!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


CACHE_TABLE = "tandem_cache"


def cache_from_url(url: str) -> dict:
    """``TANDEM_CACHE_URL``: empty means the database cache (a table made by ``migrate``,
    shared by every worker that shares the database); ``redis://`` or ``rediss://`` Django's
    Redis cache; ``locmem://`` one process's memory (a single-process development server only)."""
    url = (url or "").strip()
    if not url:
        return {"BACKEND": "tandem.operations.cache.DatabaseCache", "LOCATION": CACHE_TABLE}
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme in ("redis", "rediss", "unix"):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            # A Redis that does not answer costs a sign-in a second or two, never a hang.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ValueError(
        f"TANDEM_CACHE_URL must be empty, redis://…, rediss://… or locmem://, not {url!r}"
    )
