"""Which webhook addresses Tandem will post to: HTTPS on a host of
``TANDEM_CHAT_WEBHOOK_HOSTS`` (Slack's and Microsoft's by default), so a program's settings
cannot make the server call an arbitrary address."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SLACK, TEAMS = "slack_webhook", "teams_webhook"


def host_allowed(host: str) -> bool:
    host = (host or "").lower()
    for entry in getattr(settings, "TANDEM_CHAT_WEBHOOK_HOSTS", []):
        entry = entry.lower()
        if host == entry or (entry.startswith(".") and host.endswith(entry)):
            return True
    return False


def allowed(url: str) -> bool:
    """HTTPS to an allowed host (plain HTTP only to a loopback host listed explicitly, for
    tests and local relays)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return False
    if parts.username or parts.password or not host_allowed(host):
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and host in LOOPBACK)
