"""A local HTTP server (a thread of the test process) standing in for Slack's Web API, Slack
incoming webhooks and Teams incoming webhooks. It records every request and answers as the
services document: Slack's ``{"ok": true, ...}`` JSON (or ``{"ok": false, "error": ...}``),
a webhook's ``ok`` / ``1`` / 202, and rate limits as 429 with ``Retry-After``. A test scripts
the next answers of a path with ``answer``."""

from __future__ import annotations

import json
import threading
from collections import defaultdict, deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

SLACK_USER, SLACK_DM = "U0TANDEM1", "D0TANDEM1"


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict
    body: bytes

    @property
    def data(self) -> dict:
        """The body as Slack's clients send it: JSON, or a form; the query for a GET."""
        if self.headers.get("content-type", "").startswith("application/json"):
            return json.loads(self.body or b"{}")
        query = urlsplit(self.path).query if self.method == "GET" else self.body.decode()
        return {k: v[0] for k, v in parse_qs(query).items()}

    @property
    def route(self) -> str:
        return urlsplit(self.path).path


class ChatServer:
    def __init__(self):
        self.requests: list[Recorded] = []
        self.scripted: dict[str, deque] = defaultdict(deque)
        self.known_emails: set[str] | None = None  # None: every email has a Slack account
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def answer(self, route: str, status: int, body, headers: dict | None = None, times=1):
        """The next ``times`` requests to ``route`` get this answer."""
        for _ in range(times):
            self.scripted[route].append((status, body, headers or {}))

    def to(self, route: str) -> list[Recorded]:
        return [r for r in self.requests if r.route == route]

    def start(self) -> ChatServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _default(self, request: Recorded):
        route = request.route
        if route.endswith("/users.lookupByEmail"):
            email = request.data.get("email", "")
            if self.known_emails is not None and email not in self.known_emails:
                return 200, {"ok": False, "error": "users_not_found"}, {}
            return 200, {"ok": True, "user": {"id": SLACK_USER, "name": email}}, {}
        if route.endswith("/conversations.open"):
            return 200, {"ok": True, "channel": {"id": SLACK_DM}}, {}
        if route.endswith("/chat.postMessage"):
            channel = request.data.get("channel")
            return 200, {"ok": True, "channel": channel, "ts": "1700000000.000100"}, {}
        if route.startswith("/services/"):  # a Slack incoming webhook
            return 200, "ok", {}
        if route.startswith("/workflows/"):  # a Teams Workflows webhook
            return 202, "", {}
        if route.startswith("/webhookb2/"):  # a classic Teams connector
            return 200, "1", {}
        return 404, "not found", {}

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                request = Recorded(
                    self.command,
                    self.path,
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length),
                )
                server.requests.append(request)
                queue = server.scripted.get(request.route)
                status, body, headers = queue.popleft() if queue else server._default(request)
                data = body if isinstance(body, str) else json.dumps(body)
                kind = "text/plain" if isinstance(body, str) else "application/json"
                self.send_response(status)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                for key, value in headers.items():
                    self.send_header(key, str(value))
                self.send_header("Content-Length", str(len(data.encode())))
                self.end_headers()
                self.wfile.write(data.encode())

            do_GET = do_POST = _serve

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def chat(settings):
    """Slack and Teams on a local server; Slack direct messages and program channels on."""
    server = ChatServer().start()
    settings.TANDEM_SLACK_BOT_TOKEN = "xoxb-test-token"
    settings.TANDEM_SLACK_API_URL = server.url + "/api/"
    settings.TANDEM_CHAT_WEBHOOKS = True
    settings.TANDEM_CHAT_WEBHOOK_HOSTS = ["127.0.0.1"]
    yield server
    server.stop()
