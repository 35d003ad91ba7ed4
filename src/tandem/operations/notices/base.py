"""What a notice is, whoever sends it: a kind, a recipient, a short subject and body already
worded in the recipient's language, and a link to the page. Apps build these; the outbox
(``notices.outbox``) chooses the channels."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Recipient:
    """Where one person is reached: their email always, Slack when they chose chat (their
    member id, or found by email when empty)."""

    email: str
    language: str = "en"
    by_email: bool = True
    by_chat: bool = False
    slack_user: str = ""
    person_id: int | None = None


@dataclass(frozen=True)
class Notice:
    """One message to one person. ``chat=False`` keeps it to email (an invitation link is a
    secret; a calendar invitation needs an email client). ``calendar`` is an iTIP object sent
    as a ``text/calendar`` part with its ``calendar_method``."""

    kind: str
    recipient: Recipient
    subject: str
    body: str
    link: str = ""
    program_id: int | None = None
    chat: bool = True
    calendar: bytes = b""
    calendar_method: str = ""


@dataclass(frozen=True)
class ChannelPost:
    """One message to a program's channel (managers and coaches), by the program's Slack or
    Teams webhook; ``once_key`` makes it idempotent (a second post with it is dropped)."""

    kind: str
    program_id: int
    subject: str
    body: str
    link: str = ""
    language: str = "en"
    once_key: str = ""


def slack_enabled() -> bool:
    return bool(getattr(settings, "TANDEM_SLACK_BOT_TOKEN", ""))


def webhooks_enabled() -> bool:
    return bool(getattr(settings, "TANDEM_CHAT_WEBHOOKS", False))
