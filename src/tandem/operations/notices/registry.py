"""What the notice machinery needs to know from apps above it, registered from their
``AppConfig.ready()``: a program's chat webhook (read when the message goes out, so a changed
or removed webhook is honoured by retries) and who gets a program's messages by email when
its channel fails."""

from __future__ import annotations

from collections.abc import Callable

from tandem.operations.notices.base import Recipient

Webhook = tuple[str, str]  # (channel: "slack_webhook" | "teams_webhook", url)

_webhook_of: Callable[[int], Webhook | None] = lambda program_id: None  # noqa: E731
_fallback_of: Callable[[int], list[Recipient]] = lambda program_id: []  # noqa: E731


def register_program_channels(
    webhook_of: Callable[[int], Webhook | None], fallback_of: Callable[[int], list[Recipient]]
) -> None:
    global _webhook_of, _fallback_of
    _webhook_of, _fallback_of = webhook_of, fallback_of


def webhook_of(program_id: int) -> Webhook | None:
    return _webhook_of(program_id)


def fallback_of(program_id: int) -> list[Recipient]:
    return _fallback_of(program_id)
