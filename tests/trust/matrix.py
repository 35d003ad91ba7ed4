"""The permission matrix's machinery: walk every URL pattern Django resolves, name each one
the way the matrix does, fill a route's kwargs from the trust world, and call it as a role.

Each call runs in a savepoint that is rolled back, so a POST (ending a pair, publishing a run)
cannot change what the next route sees; each call gets a fresh client, so a sign-out or a
language switch does not leak either.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from tandem.accounts.tokens import create_token

LOGIN = "login"  # a 302 to the sign-in page (the admin's own for admin pages)
API = "api/v1/"


@dataclass(frozen=True)
class Call:
    """One request of the matrix: its path (``{name}`` filled from the world's ids), method,
    body, the status each role gets ("*": every role not named) and who may see the
    confidential texts in the answer (nobody else may)."""

    path: str
    expect: dict
    method: str = "get"
    data: dict | None = None
    shows: tuple = ()
    headers: dict = field(default_factory=dict)


def walk(resolver=None, prefix: str = ""):
    """Every (route, callback) Django can dispatch to, the routes written as in urls.py."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.callback


def ninja_methods(callback) -> list[str]:
    """The HTTP methods of a django-ninja path (one URL pattern serves them all)."""
    for cell in getattr(callback, "__closure__", None) or ():
        operations = getattr(cell.cell_contents, "operations", None)
        if operations is not None:
            return sorted({m.upper() for op in operations for m in op.methods})
    return []


def every_route() -> set[str]:
    """Page routes as written in urls.py; API routes as ``METHOD route`` (one per method)."""
    keys = set()
    for route, callback in walk():
        methods = ninja_methods(callback) if route.startswith(API) else []
        keys.update(f"{m} {route}" for m in methods)
        if not methods:
            keys.add(route)
    return keys


def fill(value, ids: dict):
    """``{name}`` placeholders in a path or a body replaced with the world's ids; a body value
    that is one placeholder alone becomes the id itself (a JSON number, as the API wants)."""
    whole = re.fullmatch(r"\{([\w.:]+)\}", value) if isinstance(value, str) else None
    if whole and not isinstance(ids[whole.group(1)], str):
        return ids[whole.group(1)]
    if isinstance(value, str):
        return re.sub(r"\{([\w.:]+)\}", lambda m: str(ids[m.group(1)]), value)
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    return value


class Caller:
    """Calls a route as a role: a signed-in session for pages, a personal token for the API."""

    def __init__(self, users: dict):
        self.users = users
        self.tokens: dict = {}

    def token(self, user) -> str:
        if user.pk not in self.tokens:
            self.tokens[user.pk] = create_token(user, "matrix")[1]
        return self.tokens[user.pk]

    def client(self, role: str, api: bool) -> tuple[Client, dict]:
        client, headers = Client(), {}
        user = self.users[role]
        if user is not None and api:
            headers["Authorization"] = f"Bearer {self.token(user)}"
        elif user is not None:
            client.force_login(user)
        return client, headers

    def call(self, role: str, call: Call, ids: dict):
        path, data = fill(call.path, ids), fill(call.data, ids)
        api = path.startswith("/" + API)
        client, headers = self.client(role, api)
        headers.update(call.headers)
        kwargs: dict = {"headers": headers}
        if data is not None and api:
            kwargs.update(data=json.dumps(data), content_type="application/json")
        elif data is not None:
            kwargs["data"] = data
        with transaction.atomic():
            response = getattr(client, call.method)(path, **kwargs)
            transaction.set_rollback(True)
        translation.activate("en")
        return response


def outcome(response) -> int | str:
    """The status, or ``LOGIN`` for a redirect to a sign-in page."""
    if response.status_code == 302:
        location = response["Location"]
        login_pages = (reverse("accounts:login"), reverse("admin:login"))
        if location.split("?")[0] in login_pages and f"{REDIRECT_FIELD_NAME}=" in location:
            return LOGIN
    return response.status_code


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def expected(call: Call, role: str):
    return call.expect.get(role, call.expect.get("*"))
