"""API fixtures: the cast with two active pairs (time frozen in their program), and a client
that calls ``/api/v1/`` as any of them with a personal token."""

import json

import pytest

from tandem.accounts.tokens import create_token
from tandem.programs.models import Enrolment
from tests import factories as f

BASE = "/api/v1"


@pytest.fixture(autouse=True)
def no_throttle(settings):
    settings.TANDEM_API_RATE = "100000/min"


class World:
    """The cast, their pair, and another pair (``cast.other_member`` mentors someone else)."""

    def __init__(self, cast):
        self.cast = cast
        self.program = cast.program
        other_mentee = f.person("Zoé Lambert", department="Sales", with_user=True)
        f.need(other_mentee, "genai", 1)
        f.competence(cast.other_member.person, "genai", 3, 2)
        f.enrol(other_mentee, cast.program, Enrolment.Role.MENTEE)
        self.other_mentee = other_mentee.user
        self.pair = f.active_pair(cast)
        self.other_pair = f.active_pair(cast, mentor=cast.other_member, mentee=other_mentee.user)
        self.meeting = self.pair.meetings.order_by("starts_at").first()
        self.other_meeting = self.other_pair.meetings.order_by("starts_at").first()


@pytest.fixture
def world(cast, clock) -> World:
    return World(cast)


class Api:
    """``api.get("/people", as_=user)``: one token per user, made on first use."""

    def __init__(self, client):
        self.client = client
        self.tokens = {}

    def token(self, user) -> str:
        if user.pk not in self.tokens:
            self.tokens[user.pk] = create_token(user, "tests")[1]
        return self.tokens[user.pk]

    def call(self, method, path, as_=None, json_body=None, headers=None):
        headers = dict(headers or {})
        if as_ is not None:
            headers["Authorization"] = f"Bearer {self.token(as_)}"
        kwargs = {"headers": headers}
        if json_body is not None:
            kwargs.update(data=json.dumps(json_body), content_type="application/json")
        return getattr(self.client, method)(BASE + path, **kwargs)

    def get(self, path, as_=None, **kw):
        return self.call("get", path, as_, **kw)

    def post(self, path, body=None, as_=None, **kw):
        return self.call("post", path, as_, body if body is not None else {}, **kw)

    def patch(self, path, body, as_=None, **kw):
        return self.call("patch", path, as_, body, **kw)

    def put(self, path, body, as_=None, **kw):
        return self.call("put", path, as_, body, **kw)

    def delete(self, path, as_=None, **kw):
        return self.call("delete", path, as_, **kw)


@pytest.fixture
def api(client) -> Api:
    return Api(client)
