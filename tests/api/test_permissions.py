"""The permission table of the API: one row per route, the status each role gets. The same
helpers as the web pages decide, so a pair's log is a 404 for everyone outside the pair."""

import datetime as dt

import pytest

from tandem.mentorships.models import MeetingLog

ROLES = ["manager", "mentor", "mentee", "other_member", "coach", "sponsor", "outsider", None]

# route → (method, path template, body, {role: status}); "*" is every signed-in role not named.
TABLE = {
    "people list": ("get", "/people", None, {"manager": 200, "*": 403}),
    "person": ("get", "/people/{mentee_person}", None, {"manager": 200, "mentee": 200, "*": 404}),
    "person bulk": ("post", "/people/bulk", {"rows": []}, {"manager": 200, "*": 403}),
    "competences": (
        "get",
        "/people/{mentor_person}/competences",
        None,
        {"manager": 200, "mentor": 200, "*": 404},
    ),
    "program": ("get", "/programs/{program}", None, {"outsider": 404, "*": 200}),
    "program patch": (
        "patch",
        "/programs/{program}",
        {"deliverables": "A use case each", "version": 1},
        {"manager": 200, "outsider": 404, "*": 403},
    ),
    "enrolments": (
        "get",
        "/programs/{program}/enrolments",
        None,
        {"manager": 200, "outsider": 404, "*": 403},
    ),
    "matching run": (
        "post",
        "/programs/{program}/matching/runs",
        {"dry_run": True},
        {"manager": 201, "outsider": 404, "*": 403},
    ),
    "decisions": (
        "get",
        "/programs/{program}/matching/decisions",
        None,
        {"manager": 200, "outsider": 404, "*": 403},
    ),
    "mentorship": (
        "get",
        "/mentorships/{pair}",
        None,
        {"manager": 200, "mentor": 200, "mentee": 200, "coach": 200, "*": 404},
    ),
    "goals": (
        "get",
        "/mentorships/{pair}/goals",
        None,
        {"manager": 200, "mentor": 200, "mentee": 200, "coach": 200, "*": 404},
    ),
    "meetings": (
        "get",
        "/mentorships/{pair}/meetings",
        None,
        {"manager": 200, "mentor": 200, "mentee": 200, "coach": 200, "*": 404},
    ),
    "accept": (
        "post",
        "/mentorships/{pair}/accept",
        {},
        {"manager": 403, "coach": 403, "mentor": 400, "mentee": 400, "*": 404},
    ),
    "log": ("get", "/meetings/{meeting}/log", None, {"mentor": 200, "mentee": 200, "*": 404}),
    "log write": (
        "put",
        "/meetings/{meeting}/log",
        {"acquired": "x"},
        {"mentor": 200, "mentee": 200, "*": 404},
    ),
    "preparations": (
        "get",
        "/meetings/{meeting}/preparations",
        None,
        {"mentor": 200, "mentee": 200, "*": 404},
    ),
    "preparation write": (
        "put",
        "/meetings/{next_meeting}/preparation",
        {"topics_to_raise": "x"},
        {"mentor": 200, "mentee": 200, "*": 404},
    ),
    "metrics": (
        "get",
        "/programs/{program}/metrics",
        None,
        {"manager": 200, "sponsor": 200, "*": 404},
    ),
    "alerts": ("get", "/alerts", None, {"*": 200}),
    "my tokens": ("get", "/tokens", None, {"*": 200}),
}


def expected(row: dict, role: str | None) -> int:
    if role is None:
        return 401
    return row.get(role, row["*"])


@pytest.fixture
def held_meeting(world, clock):
    """The pair's first meeting, taken place, with its log."""
    meeting = world.meeting
    clock.move_to(meeting.starts_at + dt.timedelta(hours=2))
    meeting.status = "held"
    meeting.save()
    MeetingLog.objects.create(meeting=meeting, acquired="secret", author=None)
    return meeting


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_it_answers_each_role_as_the_table_says(api, world, held_meeting, role):
    """One role per test, every route in turn (one world per role keeps the table fast)."""
    ids = {
        "program": world.program.pk,
        "pair": world.pair.pk,
        "meeting": held_meeting.pk,
        "next_meeting": world.pair.meetings.filter(status="planned").order_by("starts_at")[0].pk,
        "mentee_person": world.cast.mentee.person.pk,
        "mentor_person": world.cast.mentor.person.pk,
    }
    user = getattr(world.cast, role) if role else None
    wrong = []
    for route, (method, template, body, statuses) in TABLE.items():
        path = template.format(**ids)
        args = (path, body) if method in ("post", "put", "patch") else (path,)
        response = getattr(api, method)(*args, as_=user)
        if response.status_code != expected(statuses, role):
            wrong.append((route, response.status_code, response.content[:200]))
        elif response.status_code >= 400:
            assert set(response.json()) == {"detail", "errors"}
    assert wrong == []
