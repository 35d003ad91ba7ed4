"""Slack, with Slack's own client library (slack-sdk): a direct message from the bot
(``users.lookupByEmail`` when the person gave no member id, ``conversations.open``,
``chat.postMessage``) and a program channel's incoming webhook. The clients retry nothing
themselves: the task worker does, with back-off and Slack's ``Retry-After``."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from tandem.operations.notices.errors import Permanent, Transient, by_status, retry_after

TIMEOUT = 10
TRANSIENT_ERRORS = {
    "ratelimited",
    "internal_error",
    "fatal_error",
    "service_unavailable",
    "request_timeout",
}


def _escape(text: str) -> str:
    """Slack's mrkdwn reads &, < and > as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def message(subject: str, body: str, link: str, language: str) -> dict:
    """The text (notification and fallback) and blocks of one short message."""
    with translation.override(language):
        label = _("Open in Tandem")
    lines = [f"*{_escape(subject)}*"]
    if body:
        lines.append(_escape(body))
    if link:
        lines.append(f"<{link}|{_escape(label)}>")
    text = "\n".join(lines)
    return {
        "text": f"{subject} {link}".strip(),
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
    }


def web_client() -> WebClient:
    return WebClient(
        token=settings.TANDEM_SLACK_BOT_TOKEN,
        base_url=settings.TANDEM_SLACK_API_URL,
        timeout=TIMEOUT,
        retry_handlers=[],
    )


def send_direct(email: str, slack_user: str, content: dict) -> str:
    """Post ``content`` to the person's direct messages with the bot; returns their id."""
    client = web_client()
    try:
        user = slack_user or client.users_lookupByEmail(email=email)["user"]["id"]
        channel = client.conversations_open(users=user)["channel"]["id"]
        client.chat_postMessage(channel=channel, unfurl_links=False, **content)
    except SlackApiError as error:
        response = error.response
        code = response.get("error", "") if isinstance(response.data, dict) else ""
        detail = f"Slack: {code or response.status_code}"
        if response.status_code == 429 or response.status_code >= 500:
            raise Transient(detail, retry_after(response.headers)) from None
        if code in TRANSIENT_ERRORS:
            raise Transient(detail) from None
        raise Permanent(detail) from None
    except OSError as error:  # refused, reset, timed out, unknown host
        raise Transient(f"Slack: {error}") from None
    return user


def send_webhook(url: str, content: dict) -> None:
    client = WebhookClient(url, timeout=TIMEOUT, retry_handlers=[])
    try:
        response = client.send(text=content["text"], blocks=content["blocks"], unfurl_links=False)
    except OSError as error:
        raise Transient(f"Slack webhook: {error}") from None
    if response.status_code != 200:
        raise by_status(response.status_code, (response.body or "")[:120], response.headers)
