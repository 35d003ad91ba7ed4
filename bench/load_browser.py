"""A minimal browser for the load test: cookies, CSRF tokens and forms, over ``http.client``.

It talks plain HTTP to gunicorn on loopback but says ``X-Forwarded-Proto: https``, as the
TLS-terminating proxy of a production deployment does: Django then treats the request as
secure, sets ``Secure`` cookies and checks the ``Origin`` and ``Referer`` of every POST, so the
production code path is the one measured. Standard library only.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

TIMEOUT = 30
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Sample:
    """One request as measured: which page, for which role, how long, and whether it was
    what a browser expected."""

    role: str
    page: str
    status: int
    seconds: float
    error: str = ""


@dataclass
class Recorder:
    """Collects samples from every user thread."""

    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


@dataclass(frozen=True)
class Response:
    status: int
    location: str
    body: str


class Unexpected(Exception):
    """A response a real browser session would not have got; already recorded as an error."""


class Browser:
    """One person's browser session against ``host:port``, recording every request."""

    def __init__(self, host: str, port: int, role: str, recorder: Recorder, language: str):
        self.host, self.port, self.role = host, port, role
        self.recorder = recorder
        self.language = language
        self.cookies: dict[str, str] = {}
        self.origin = f"https://{host}:{port}"
        self.last_page = "/"

    def get(self, path: str, page: str, expect: tuple[int, ...] = (200,)) -> Response:
        response = self._request("GET", path, page, None, expect)
        if response.status == 200:
            self.last_page = path
        return response

    def post(self, path: str, page: str, data: dict | list, expect=(302,)) -> Response:
        return self._request("POST", path, page, urlencode(data, doseq=True), expect)

    def csrf_token(self, html: str, page: str) -> str:
        match = CSRF_INPUT.search(html)
        if match is None:
            self.fail(page, f"no CSRF token in {self.last_page}")
        return match.group(1)

    def fail(self, page: str, detail: str) -> None:
        """Counts a page that answered but not as a browser expects (no form, refused sign-in)
        as an error, and abandons the visit."""
        self.recorder.add(Sample(self.role, page, 200, 0.0, detail))
        raise Unexpected(detail)

    def _headers(self, body: str | None) -> dict[str, str]:
        headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Accept": "text/html,application/xhtml+xml",
            "Accept-Language": self.language,
            "User-Agent": "tandem-bench-load",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + self.last_page
        return headers

    def _request(self, method, path, page, body, expect) -> Response:
        started = time.perf_counter()
        try:
            response = self._send(method, path, body)
        except (OSError, http.client.HTTPException) as error:
            self._record(page, 0, started, f"{method} {path}: {type(error).__name__}: {error}")
            raise Unexpected(str(error)) from error
        if response.status not in expect:
            text = " ".join(re.sub(r"<[^>]+>", " ", response.body).split())[:160]
            detail = f"{method} {path} -> {response.status} {response.location} {text}".strip()
            self._record(page, response.status, started, detail)
            raise Unexpected(detail)
        self._record(page, response.status, started, "")
        return response

    def _send(self, method: str, path: str, body: str | None) -> Response:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=self._headers(body))
            raw = connection.getresponse()
            content = raw.read().decode("utf-8", "replace")
            for header in raw.msg.get_all("Set-Cookie") or []:
                self._store_cookie(header)
            return Response(raw.status, raw.getheader("Location", ""), content)
        finally:
            connection.close()

    def _store_cookie(self, header: str) -> None:
        jar = SimpleCookie()
        jar.load(header)
        for name, morsel in jar.items():
            if morsel.value == "" or morsel["max-age"] == "0":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def _record(self, page: str, status: int, started: float, error: str) -> None:
        seconds = time.perf_counter() - started
        self.recorder.add(Sample(self.role, page, status, seconds, error))


def redirect_path(response: Response) -> str:
    """The path of a redirect's target (Django answers with a relative URL)."""
    return urlsplit(response.location).path or "/"


class FormFields(HTMLParser):
    """The fields a browser would submit for the form posting to ``action``, as displayed:
    hidden and text inputs, checked boxes, each select's selected option, textareas."""

    def __init__(self, action: str):
        super().__init__()
        self.action = action
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("action") == self.action
        if not self.inside or "name" not in a and tag in ("input", "select", "textarea"):
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = a["name"], None, False
        elif tag == "option" and self._select is not None:
            if self._select_first is None:
                self._select_first = a.get("value", "")
            if "selected" in a:
                self.fields.append((self._select, a.get("value", "")))
                self._select_chosen = True
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and self._select_first is not None:
                self.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None


def form_fields(html: str, action: str) -> list[tuple[str, str]]:
    parser = FormFields(action)
    parser.feed(html)
    return parser.fields
