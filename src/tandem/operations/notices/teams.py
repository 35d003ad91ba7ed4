"""Microsoft Teams: a program channel's incoming webhook (a Workflows "post to a channel when a
webhook request is received" flow, or a classic connector), posted an Adaptive Card message as
Microsoft documents it. There is no client library for this: it is one HTTPS POST of JSON."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from django.utils import translation
from django.utils.translation import gettext as _

from tandem.operations.notices.errors import Transient, by_status

TIMEOUT = 10


def message(subject: str, body: str, link: str, language: str) -> dict:
    with translation.override(language):
        label = _("Open in Tandem")
    blocks = [{"type": "TextBlock", "text": subject, "weight": "Bolder", "wrap": True}]
    if body:
        blocks.append({"type": "TextBlock", "text": body, "wrap": True})
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": blocks,
    }
    if link:
        card["actions"] = [{"type": "Action.OpenUrl", "title": label, "url": link}]
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": card,
            }
        ],
    }


def send_webhook(url: str, content: dict) -> None:
    request = urllib.request.Request(  # noqa: S310 - the URL's scheme and host were checked
        url,
        data=json.dumps(content).encode("utf-8"),
        headers={"Content-Type": "application/json", "User-Agent": "Tandem"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            text = response.read(2000).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        detail = error.read(200).decode("utf-8", "replace")
        raise by_status(error.code, detail, dict(error.headers.items())) from None
    except OSError as error:
        raise Transient(f"Teams webhook: {error}") from None
    # Classic connectors answer 200 even when throttled, with the error in the text.
    if "HTTP error 429" in text:
        raise Transient(f"Teams: {text[:120]}")
