"""Outgoing notices: the one seam every app's emails and chat messages go through.

Apps build a ``Notice`` (to a person: kind, recipient, subject, body, link) or a
``ChannelPost`` (to a program's channel) and call ``send``/``send_all``/``post``; the outbox
picks the channels (``outbox``), the task worker delivers chat messages with retries and falls
back to email (``worker``).
"""

from tandem.operations.notices.base import (
    ChannelPost,
    Notice,
    Recipient,
    slack_enabled,
    webhooks_enabled,
)
from tandem.operations.notices.outbox import post, send, send_all

__all__ = [
    "ChannelPost",
    "Notice",
    "Recipient",
    "post",
    "send",
    "send_all",
    "slack_enabled",
    "webhooks_enabled",
]
