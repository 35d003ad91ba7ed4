"""How a try at delivering a notice failed: worth trying again (a rate limit, a server error,
the network) or not (a revoked token, a deleted channel, an unknown person)."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

from django.utils import timezone


class DeliveryFailed(Exception):
    def __init__(self, message: str, retry_after: float = 0.0):
        super().__init__(message[:300])
        self.retry_after = retry_after


class Transient(DeliveryFailed):
    """Try again later, not before ``retry_after`` seconds."""


class Permanent(DeliveryFailed):
    """Trying again cannot help: fall back to email."""


def retry_after(headers) -> float:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date); 0 without one."""
    raw = next((v for k, v in (headers or {}).items() if k.lower() == "retry-after"), None)
    if raw is None:
        return 0.0
    raw = str(raw).strip()
    if raw.isdecimal():
        return float(raw)
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - timezone.now()).total_seconds())


def by_status(status: int, detail: str, headers=None) -> DeliveryFailed:
    """A webhook's HTTP answer: 429 and 5xx are transient, any other error is permanent."""
    message = f"HTTP {status}: {detail}".strip()
    if status == 429 or status >= 500:
        return Transient(message, retry_after(headers))
    return Permanent(message)
