"""The matrix's rows for ``/api/v1/``. The API tests' own table (tests/api/test_permissions.py)
is reused as it stands, completed here with the two roles it lacks; every operation it does
not cover has its row below, keyed ``METHOD route`` as Django's resolver writes the route.
Anonymous calls get a 401 (a bearer token or a session is required)."""

import re

from django.urls import resolve

from tests.api.test_permissions import TABLE
from tests.trust.matrix import Call

V = "/api/v1"


def A(rest, **roles) -> dict:
    return {"anonymous": 401, "*": rest, **roles}


MGR = {"manager": 200, "superuser": 200}
HR = {"manager": 200, "other_manager": 200, "superuser": 200}  # the directory's managers
PAIR = {"mentor": 200, "mentee": 200}
SUPERVISORS = {"coach": 200, "manager": 200, "superuser": 200, **PAIR}
ACTORS = {**SUPERVISORS, "coach": 403}  # a coach watches a pair, never acts for it
WATCHERS = {"coach": 403, "manager": 403, "superuser": 403}  # see the pair, cannot write

# The table's rows, for the superuser and the manager of another program.
TABLE_EXTRA = {
    "people list": {"other_manager": 200, "superuser": 200},
    "person": {"other_manager": 200, "superuser": 200},
    "person bulk": {"other_manager": 200, "superuser": 200},
    "competences": {"other_manager": 200, "superuser": 200},
    "program": {"other_manager": 404, "superuser": 200},
    "program patch": {"other_manager": 404, "superuser": 200},
    "enrolments": {"other_manager": 404, "superuser": 200},
    "matching run": {"other_manager": 404, "superuser": 201},
    "decisions": {"other_manager": 404, "superuser": 200},
    "mentorship": {"other_manager": 404, "superuser": 200},
    "goals": {"other_manager": 404, "superuser": 200},
    "meetings": {"other_manager": 404, "superuser": 200},
    "accept": {"other_manager": 404, "superuser": 403},
    "log": {"other_manager": 404, "superuser": 404},
    "log write": {"other_manager": 404, "superuser": 404},
    "preparations": {"other_manager": 404, "superuser": 404},
    "preparation write": {"other_manager": 404, "superuser": 404},
    "metrics": {"other_manager": 404, "superuser": 200},
    "alerts": {"other_manager": 200, "superuser": 200},
    "my tokens": {"other_manager": 200, "superuser": 200},
}


# Where the table's answers carry what the pair wrote (to the pair alone).
TABLE_SHOWS = {name: ("mentor", "mentee") for name in ("goals", "log", "log write", "preparations")}


def table_rows() -> dict[str, list[Call]]:
    """The API tests' table as matrix rows (its role ``None`` is anonymous, answered 401)."""
    rows: dict[str, list[Call]] = {}
    for name, (method, template, body, statuses) in TABLE.items():
        assert name in TABLE_EXTRA, f"API table row {name!r}: add its superuser and other_manager"
        expect = {"anonymous": 401, **statuses, **TABLE_EXTRA[name]}
        route = resolve(_sample(template)).route
        key = f"{method.upper()} {route}"
        call = Call(V + template, expect, method, body, shows=TABLE_SHOWS.get(name, ()))
        rows.setdefault(key, []).append(call)
    return rows


def _sample(template: str) -> str:
    """A path of the template's shape (ids as 1), to ask the resolver for its route."""
    return V + re.sub(r"\{\w+\}", "1", template)


PERSON_IN = {
    "employee_id": "E99999",
    "email": "new.person@example.com",
    "full_name": "New Person",
    "organization": "acme",
}
GOAL_IN = {"learner": "{mentee_participant}", "title": "Read a contract with AI"}

ROWS: dict[str, list[Call]] = {
    "api/v1/": [Call(V + "/", A(404, anonymous=404))],
    "api/v1/openapi.json": [Call(V + "/openapi.json", A(200, anonymous=200))],
    "api/v1/docs": [Call(V + "/docs", A(200, anonymous=200))],
    "GET api/v1/me": [Call(V + "/me", A(200))],
    "POST api/v1/tokens": [Call(V + "/tokens", A(201), "post", {"name": "phone"})],
    "DELETE api/v1/tokens/<token_id>": [
        Call(V + "/tokens/{api_token}", A(404, mentee=200), "delete")
    ],
    "GET api/v1/organizations": [Call(V + "/organizations", A(200))],
    "POST api/v1/organizations": [
        Call(
            V + "/organizations",
            A(403, manager=201, other_manager=201, superuser=201),
            "post",
            {"name": "Partner Co"},
        )
    ],
    "GET api/v1/organizations/<organization_id>": [
        Call(V + "/organizations/{organization}", A(200))
    ],
    "PATCH api/v1/organizations/<organization_id>": [
        Call(V + "/organizations/{organization}", A(403, **HR), "patch", {"name": "Acme SA"})
    ],
    "GET api/v1/topics": [Call(V + "/topics", A(200))],
    "GET api/v1/topics/<topic_id>": [Call(V + "/topics/{topic}", A(200))],
    "POST api/v1/people": [
        Call(
            V + "/people", A(403, manager=201, other_manager=201, superuser=201), "post", PERSON_IN
        )
    ],
    "PATCH api/v1/people/<person_id>": [
        Call(V + "/people/{mentee_person}", A(404, mentee=403, **HR), "patch", {"title": "CFO"})
    ],
    "PUT api/v1/people/<person_id>/competences": [
        Call(V + "/people/{mentor_person}/competences", A(404, mentor=200, **HR), "put", [])
    ],
    "POST api/v1/competences/<competence_id>/assessment": [
        Call(V + "/competences/{competence}/assessment", A(404, **HR), "post", {"note": "Seen"})
    ],
    "POST api/v1/competences/<competence_id>/certification": [
        Call(
            V + "/competences/{competence}/certification",
            A(404, **HR),
            "post",
            {"name": "PIX", "obtained_on": "2025-01-02"},
        )
    ],
    "POST api/v1/competences/<competence_id>/endorsement-requests": [
        Call(
            V + "/competences/{self_competence}/endorsement-requests",
            A(404, mentor=201),
            "post",
            {"colleague_email": "{coach_email}"},
        )
    ],
    "GET api/v1/endorsement-requests": [Call(V + "/endorsement-requests", A(200))],
    "POST api/v1/endorsement-requests/<request_id>/answer": [
        Call(
            V + "/endorsement-requests/{endorsement}/answer",
            A(404, outsider=200),
            "post",
            {"give": False},
        )
    ],
    "GET api/v1/people/<person_id>/needs": [
        Call(V + "/people/{mentee_person}/needs", A(404, mentee=200, **HR))
    ],
    "PUT api/v1/people/<person_id>/needs": [
        Call(V + "/people/{mentee_person}/needs", A(404, mentee=200, **HR), "put", [])
    ],
    "GET api/v1/programs": [Call(V + "/programs", A(200))],
    "POST api/v1/programs": [
        Call(
            V + "/programs",
            A(403, manager=201, other_manager=201, superuser=201),
            "post",
            {"name": "Data literacy"},
        )
    ],
    "POST api/v1/programs/<program_id>/status": [
        Call(
            V + "/programs/{program}/status",
            A(403, outsider=404, other_manager=404, **MGR),
            "post",
            {"status": "closed"},
        )
    ],
    "POST api/v1/programs/<program_id>/enrolments/bulk": [
        Call(
            V + "/programs/{program}/enrolments/bulk",
            A(403, outsider=404, other_manager=404, **MGR),
            "post",
            {"rows": []},
        )
    ],
    "GET api/v1/programs/<program_id>/integrations": [
        Call(V + "/programs/{program}/integrations", A(403, outsider=404, other_manager=404, **MGR))
    ],
    "PUT api/v1/programs/<program_id>/integrations": [
        Call(
            V + "/programs/{program}/integrations",
            A(403, outsider=404, other_manager=404, **MGR),
            "put",
            {
                "chat_kind": "",
                "chat_language": "en",
                "chat_alerts": True,
                "chat_digest": True,
                "calendar_invitations": False,
            },
        )
    ],
    "GET api/v1/programs/<program_id>/failed-deliveries": [
        Call(
            V + "/programs/{program}/failed-deliveries",
            A(403, outsider=404, other_manager=404, **MGR),
        )
    ],
    "GET api/v1/training-modules": [Call(V + "/training-modules", A(200))],
    "GET api/v1/programs/<program_id>/training-completions": [
        Call(
            V + "/programs/{program}/training-completions",
            A(403, outsider=404, other_manager=404, **MGR),
        )
    ],
    "POST api/v1/programs/<program_id>/training-completions": [
        # the world's program completes modules by quiz: a supervisor's sign-off is refused
        Call(
            V + "/programs/{program}/training-completions",
            A(403, outsider=404, other_manager=404, coach=400, manager=400, superuser=400),
            "post",
            {"employee_id": "{mentor_eid}", "module": "{module}"},
        )
    ],
    "GET api/v1/training-modules/<slug>/quiz": [
        Call(V + "/training-modules/{module}/quiz", A(200))
    ],
    "POST api/v1/programs/<program_id>/training/<slug>/quiz": [
        Call(
            V + "/programs/{program}/training/{module}/quiz",
            A(403, outsider=404, other_manager=404, mentor=200, other_member=200),
            "post",
            {"answers": []},
        )
    ],
    "POST api/v1/programs/<program_id>/invitations": [
        Call(
            V + "/programs/{program}/invitations",
            A(403, outsider=404, other_manager=404, **MGR),
            "post",
            {"dry_run": True},
        )
    ],
    "GET api/v1/programs/<program_id>/qualified-mentors": [
        Call(
            V + "/programs/{program}/qualified-mentors",
            A(403, outsider=404, other_manager=404, **MGR),
        )
    ],
    "POST api/v1/programs/<program_id>/competences/<competence_id>/assessment": [
        Call(
            V + "/programs/{program}/competences/{competence}/assessment",
            A(403, outsider=404, other_manager=404, coach=200, **MGR),
            "post",
            {"note": "Seen"},
        )
    ],
    "POST api/v1/programs/<program_id>/competences/<competence_id>/certification": [
        Call(
            V + "/programs/{program}/competences/{competence}/certification",
            A(403, outsider=404, other_manager=404, coach=200, **MGR),
            "post",
            {"name": "PIX", "obtained_on": "2025-01-02"},
        )
    ],
    "GET api/v1/programs/<program_id>/matching/runs": [
        Call(
            V + "/programs/{program}/matching/runs", A(403, outsider=404, other_manager=404, **MGR)
        )
    ],
    "GET api/v1/matching/runs/<run_id>": [Call(V + "/matching/runs/{run}", A(404, **MGR))],
    "POST api/v1/matching/runs/<run_id>/publish": [
        Call(V + "/matching/runs/{run}/publish", A(404, **MGR), "post", {})
    ],
    "POST api/v1/programs/<program_id>/matching/decisions": [
        Call(
            V + "/programs/{program}/matching/decisions",
            A(403, outsider=404, other_manager=404, manager=201, superuser=201),
            "post",
            {"mentee": "{mentee_eid}", "mentor": "{mentor_eid}", "kind": "forbid"},
        )
    ],
    "POST api/v1/programs/<program_id>/matching/swaps": [
        Call(
            V + "/programs/{program}/matching/swaps",
            A(403, outsider=404, other_manager=404, manager=400, superuser=400),
            "post",
            {
                "first": {"mentee": "{mentee_eid}", "mentor": "{mentor_eid}"},
                "second": {"mentee": "{mentee_eid}", "mentor": "{mentor_eid}"},
            },
        )
    ],
    "DELETE api/v1/programs/<program_id>/matching/decisions": [
        Call(
            V + "/programs/{program}/matching/decisions?mentee={mentee_eid}&mentor={mentor_eid}",
            A(403, outsider=404, other_manager=404, manager=204, superuser=204),
            "delete",
        )
    ],
    "GET api/v1/mentorships": [Call(V + "/mentorships", A(200))],
    "POST api/v1/mentorships/<mentorship_id>/decline": [
        Call(
            V + "/mentorships/{pair}/decline",
            A(404, mentor=400, mentee=400, coach=403, manager=403, superuser=403),
            "post",
            {"reason": "no time"},
        )
    ],
    "POST api/v1/mentorships/<mentorship_id>/charter": [
        Call(
            V + "/mentorships/{pair}/charter",
            A(404, mentor=400, mentee=400, coach=403, manager=403, superuser=403),
            "post",
            {},
        )
    ],
    "POST api/v1/mentorships/<mentorship_id>/activate": [
        Call(
            V + "/mentorships/{pair}/activate",
            A(404, mentor=400, mentee=400, coach=403, manager=400, superuser=400),
            "post",
            {},
        )
    ],
    "POST api/v1/mentorships/<mentorship_id>/end": [
        Call(V + "/mentorships/{pair}/end", A(404, **ACTORS), "post", {"reason": "moved abroad"})
    ],
    "POST api/v1/mentorships/<mentorship_id>/schedule": [
        Call(V + "/mentorships/{pair}/schedule", A(404, **ACTORS), "post", {})
    ],
    "POST api/v1/mentorships/<mentorship_id>/goals": [
        Call(
            V + "/mentorships/{pair}/goals",
            A(404, mentor=201, mentee=201, **WATCHERS),
            "post",
            GOAL_IN,
        )
    ],
    "PATCH api/v1/goals/<goal_id>": [
        Call(
            V + "/goals/{goal}",
            A(404, **PAIR),
            "patch",
            {"title": "Prompting"},
            shows=("mentor", "mentee"),
        )
    ],
    "GET api/v1/meetings/<meeting_id>": [Call(V + "/meetings/{meeting}", A(404, **SUPERVISORS))],
    "POST api/v1/meetings/<meeting_id>/move": [
        Call(
            V + "/meetings/{next_meeting}/move",
            A(404, **ACTORS),
            "post",
            {"starts_at": "2026-03-03T10:00:00+01:00"},
        )
    ],
    "POST api/v1/meetings/<meeting_id>/status": [
        Call(
            V + "/meetings/{next_meeting}/status", A(404, **ACTORS), "post", {"status": "cancelled"}
        )
    ],
    "POST api/v1/calendar/link": [Call(V + "/calendar/link", A(201, superuser=403), "post", {})],
    "DELETE api/v1/calendar/link": [Call(V + "/calendar/link", A(204, superuser=403), "delete")],
    "GET api/v1/surveys/due": [Call(V + "/surveys/due", A(200))],
    "POST api/v1/surveys/due/<due_id>/answers": [
        Call(V + "/surveys/due/{due}/answers", A(404, mentee=400), "post", {"answers": {}})
    ],
    "GET api/v1/surveys/due/<due_id>/answers": [
        Call(V + "/surveys/due/{due}/answers", A(404, mentee=200))
    ],
    "GET api/v1/mentorships/<mentorship_id>/project": [
        Call(V + "/mentorships/{pair}/project", A(404, **SUPERVISORS), shows=("mentor", "mentee"))
    ],
    "PATCH api/v1/mentorships/<mentorship_id>/project": [
        Call(
            V + "/mentorships/{pair}/project",
            A(404, **PAIR, **WATCHERS),
            "patch",
            {},
            shows=("mentor", "mentee"),
        )
    ],
    "POST api/v1/mentorships/<mentorship_id>/project/milestones": [
        Call(
            V + "/mentorships/{pair}/project/milestones",
            A(404, **WATCHERS, mentor=201, mentee=201),
            "post",
            {"title": "Ten prompts"},
        )
    ],
    "PATCH api/v1/project-milestones/<milestone_id>": [
        Call(
            V + "/project-milestones/{project_milestone}",
            A(404, **PAIR),
            "patch",
            {},
            shows=("mentor", "mentee"),
        )
    ],
    "DELETE api/v1/project-milestones/<milestone_id>": [
        Call(
            V + "/project-milestones/{project_milestone}",
            A(404, mentor=204, mentee=204),
            "delete",
        )
    ],
    "GET api/v1/certificates/verify/<code>": [
        Call(V + "/certificates/verify/{code}", A(200, anonymous=200))
    ],
    "GET api/v1/certificates": [Call(V + "/certificates", A(200))],
    # Self-matching: the cast's program lets managers make the pairs, so nobody may choose.
    "GET api/v1/programs/<program_id>/mentor-suggestions": [
        Call(
            V + "/programs/{program}/mentor-suggestions",
            A(
                404,
                mentor=403,
                mentee=403,
                other_member=403,
                coach=403,
                sponsor=403,
                manager=403,
                superuser=403,
            ),
        )
    ],
    "GET api/v1/mentor-requests": [Call(V + "/mentor-requests", A(200), shows=("mentor",))],
    "POST api/v1/mentor-requests": [
        Call(  # the mentee's request is already open; the others are no mentee of the program
            V + "/mentor-requests",
            A(400, other_manager=404, outsider=404, superuser=403),
            "post",
            {"program": "{program}", "mentor": "{mentor_person}"},
        ),
        Call(  # strict: ids are JSON numbers, never strings, for everyone
            V + "/mentor-requests", A(422), "post", {"program": "1", "mentor": "2"}
        ),
    ],
    "GET api/v1/mentor-requests/<request_id>": [
        Call(V + "/mentor-requests/{mentor_request}", A(404, **PAIR, **MGR), shows=("mentor",))
    ],
    "POST api/v1/mentor-requests/<request_id>/accept": [
        Call(
            V + "/mentor-requests/{mentor_request}/accept",
            A(404, mentor=400, mentee=403, manager=403, superuser=403),
            "post",
            {},
            shows=("mentor",),
        )
    ],
    "POST api/v1/mentor-requests/<request_id>/decline": [
        Call(
            V + "/mentor-requests/{mentor_request}/decline",
            A(404, mentor=200, mentee=403, manager=403, superuser=403),
            "post",
            {"answer": ""},
            shows=("mentor",),
        )
    ],
    "POST api/v1/mentor-requests/<request_id>/withdraw": [
        Call(
            V + "/mentor-requests/{mentor_request}/withdraw",
            A(404, mentee=200, mentor=403, manager=403, superuser=403),
            "post",
            {},
        )
    ],
    "POST api/v1/mentor-requests/<request_id>/approve": [
        Call(
            V + "/mentor-requests/{mentor_request}/approve",
            A(404, mentor=403, mentee=403, manager=400, superuser=400),
            "post",
            {},
        )
    ],
    "POST api/v1/mentor-requests/<request_id>/refuse": [
        Call(
            V + "/mentor-requests/{mentor_request}/refuse",
            A(404, mentor=403, mentee=403, manager=400, superuser=400),
            "post",
            {},
        )
    ],
}
