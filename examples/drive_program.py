"""Drive a whole Tandem program through the REST API only (standard library, no install).

Usage::

    python examples/drive_program.py BASE_URL MANAGER_TOKEN \\
        --mentor-token MENTOR_TOKEN --mentee-token MENTEE_TOKEN
    # ...once the first meeting has taken place:
    python examples/drive_program.py BASE_URL MANAGER_TOKEN \\
        --mentor-token MENTOR_TOKEN --mentee-token MENTEE_TOKEN --after-meeting

``BASE_URL`` is the site (``https://tandem.example.com``); each token is a personal API
token (``tandem api-token create EMAIL --name demo``) of an HR program manager, and of two
people of the directory with an account, who will be paired (the mentor teaches generative
AI, the mentee learns it).

The first run imports a few people, creates a program with its charter and weights, enrols
everyone, locks the pair, matches (a dry run, then for real), publishes, has both people
accept and sign the charter (which plans the meetings) and the mentee prepare the first
meeting. The second run, after that meeting, has the mentor write its log, the mentee answer
the survey that is due (surveys are due once ``tandem remind`` has run), and the manager read
the program's metrics and alerts — and check that the log is not readable by HR.
"""

import argparse
import datetime as dt
import json
import sys
import urllib.error
import urllib.request

DEMO_PEOPLE = [
    ("DEMO-CEO", "Diane Carpentier", "Chief Executive Officer", "Board", ""),
    ("DEMO-M1", "Nina Okafor", "Data analyst", "Digital", "DEMO-CEO"),
    ("DEMO-M2", "Lucas Meyer", "Developer", "IT", "DEMO-CEO"),
    ("DEMO-S1", "Bernard Lefèvre", "Chief Financial Officer", "Finance", "DEMO-CEO"),
    ("DEMO-S2", "Sylvie Caron", "Head of Sales", "Sales", "DEMO-CEO"),
]
WEEK = "mon 09:00-18:00|tue 09:00-18:00|wed 09:00-18:00|thu 09:00-18:00|fri 09:00-18:00"


class ApiError(Exception):
    def __init__(self, status: int, body: dict):
        self.status, self.body = status, body
        errors = "; ".join(f"{e['field']}: {e['message']}" for e in body.get("errors", []))
        super().__init__(f"{status} {body.get('detail', '')} {errors}".strip())


class Client:
    """One caller of the API, identified by its token."""

    def __init__(self, base_url: str, token: str, name: str):
        if not base_url.startswith(("http://", "https://")):
            raise SystemExit(f"The base URL must start with http:// or https://, not {base_url}")
        self.base = base_url.rstrip("/") + "/api/v1"
        self.token, self.name = token, name

    def call(self, method: str, path: str, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)  # noqa: S310
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as error:
            raw = error.read()
            raise ApiError(error.code, json.loads(raw or b"{}")) from None
        return json.loads(raw) if raw else None

    def get(self, path):
        return self.call("GET", path)

    def post(self, path, body=None, **kw):
        return self.call("POST", path, body if body is not None else {}, **kw)

    def put(self, path, body):
        return self.call("PUT", path, body)

    def patch(self, path, body, **kw):
        return self.call("PATCH", path, body, **kw)


def say(text: str) -> None:
    print(text, flush=True)


def import_people(manager: Client) -> None:
    rows = [
        {
            "employee_id": eid,
            "email": f"{eid.lower()}@demo.example.com",
            "full_name": name,
            "title": title,
            "department": department,
            "manager_id": boss,
            "organization": "Tandem Demo",
            "site": "Paris",
            "timezone": "Europe/Paris",
            "languages": "fr|en",
        }
        for eid, name, title, department, boss in DEMO_PEOPLE
    ]
    report = manager.post("/people/bulk", {"rows": rows})
    say(
        f"People: {report['created']} created, {report['updated']} updated, "
        f"{report['unchanged']} unchanged"
    )


def create_program(manager: Client) -> dict:
    today = dt.date.today()
    program = manager.post(
        "/programs",
        {
            "name": f"Generative AI for leaders {today:%Y-%m-%d %H%M%S}",
            "objective": "Every leader uses generative AI safely in their own work.",
            "format": "one-to-one",
            "start": today.isoformat(),
            "end": (today + dt.timedelta(days=180)).isoformat(),
            "cadence_days": 14,
            "topics": ["genai", "prompting", "cyber"],
            "require_training": False,
        },
    )
    say(f"Program {program['id']} “{program['name']}” created (version {program['version']})")
    program = manager.patch(
        f"/programs/{program['id']}",
        {
            "deliverables": "One use case of generative AI put to work by each mentee.",
            "weights": {"other_department": 40},
        },
        headers={"If-Match": str(program["version"])},
    )
    say(f"Charter and weights saved (version {program['version']})")
    return program


def enrol(manager: Client, program: dict, mentor: dict, mentee: dict) -> None:
    pid = program["id"]
    manager.post(f"/programs/{pid}/status", {"status": "recruiting"})

    def row(eid, role, topics):
        return {
            "employee_id": eid,
            "role": role,
            "topics": topics,
            "capacity": "1",
            "languages": "fr|en",
            "availability": WEEK,
        }

    rows = [
        row(mentor["employee_id"], "mentor", "genai:3:assessed"),
        row(mentee["employee_id"], "mentee", "genai:high"),
        row("DEMO-M1", "mentor", "genai:4:certified|prompting:3:assessed"),
        row("DEMO-M2", "mentor", "cyber:3:endorsed"),
        row("DEMO-S1", "mentee", "prompting:high"),
        row("DEMO-S2", "mentee", "cyber:medium"),
    ]
    report = manager.post(f"/programs/{pid}/enrolments/bulk", {"rows": rows})
    say(f"Enrolments: {report['created']} created, {report['updated']} updated")
    manager.post(f"/programs/{pid}/status", {"status": "matching"})


def match(manager: Client, program: dict, mentor: dict, mentee: dict) -> dict:
    pid = program["id"]
    manager.post(
        f"/programs/{pid}/matching/decisions",
        {"mentee": mentee["employee_id"], "mentor": mentor["employee_id"], "kind": "lock"},
    )
    say(f"Pair locked: {mentee['full_name']} with {mentor['full_name']}")
    dry = manager.post(f"/programs/{pid}/matching/runs", {"dry_run": True})
    say(f"Dry run: {len(dry['proposals'])} proposals, {len(dry['unmatched'])} unmatched")
    run = manager.post(f"/programs/{pid}/matching/runs", {"dry_run": False})
    for proposal in run["proposals"]:
        names = " + ".join(m["full_name"] for m in proposal["mentors"] + proposal["mentees"])
        say(f"  {names}: score {proposal['score']} — {'; '.join(proposal['reasons'])}")
    for person in run["unmatched"]:
        reasons = "; ".join(person["reasons"])
        say(f"  unmatched {person['person']['full_name']} ({person['role']}): {reasons}")
    manager.post(f"/matching/runs/{run['id']}/publish")
    say(f"Run {run['id']} published")
    return run


def start_pair(program: dict, mentor: Client, mentee: Client) -> dict:
    pid = program["id"]
    mine = mentee.get(f"/mentorships?program={pid}&status=proposed&role=mentee")["items"]
    mentorship = mine[0]
    for person in (mentee, mentor):
        person.post(f"/mentorships/{mentorship['id']}/accept")
    for person in (mentee, mentor):
        mentorship = person.post(f"/mentorships/{mentorship['id']}/charter")
    say(f"Mentorship {mentorship['id']} is {mentorship['status']}")
    return mentorship


def first_meeting(client: Client, mentorship_id: int) -> dict | None:
    meetings = client.get(f"/mentorships/{mentorship_id}/meetings?status=planned")["items"]
    return min(meetings, key=lambda m: m["starts_at"]) if meetings else None


def before_meeting(mentorship: dict, mentee: Client) -> dict | None:
    meeting = first_meeting(mentee, mentorship["id"])
    if meeting is None:
        say("No meeting planned.")
        return None
    say(f"First meeting: {meeting['starts_at']} ({meeting['minutes']} min)")
    mentee.put(
        f"/meetings/{meeting['id']}/preparation",
        {"topics_to_raise": "Summarising long reports", "targeted_learning": "Write a prompt"},
    )
    link = mentee.post("/calendar/link")
    say(f"Mentee's private calendar link: {link['url']}")
    return meeting


def after_meeting(manager: Client, mentor: Client, mentee: Client) -> dict:
    mentorship = mentor.get("/mentorships?status=active&role=mentor&limit=500")["items"][-1]
    meeting = first_meeting(mentor, mentorship["id"])
    now = dt.datetime.now(dt.UTC).isoformat()
    if meeting is None or meeting["starts_at"] > now:
        raise SystemExit("The first meeting has not taken place yet; run this again later.")
    goals = mentor.get(f"/mentorships/{mentorship['id']}/goals")["items"]
    progress = [{"goal": goals[0]["id"], "level": 1, "comment": "A first prompt."}] if goals else []
    log = mentor.put(
        f"/meetings/{meeting['id']}/log",
        {
            "acquired": "Wrote a first prompt to summarise a report.",
            "mentor_learned": "How the budget is built.",
            "next_topic_refs": ["prompting"],
            "progress": progress,
        },
    )
    say(f"Meeting {meeting['id']} held and logged (log {log['id']})")
    try:
        manager.get(f"/meetings/{meeting['id']}/log")
    except ApiError as error:
        say(f"HR reading the log gets {error.status}: logs are for the pair alone")
    answer_survey(mentee)
    metrics = manager.get(f"/programs/{mentorship['program_id']}/metrics")
    for key, figure in {**metrics["participation"], **metrics["meetings"]}.items():
        say(f"  {key}: {figure['text']}")
    alerts = manager.get(f"/alerts?program={mentorship['program_id']}")
    say(f"Alerts: {alerts['count']}")
    return {"mentorship": mentorship["id"], "meeting": meeting["id"], "metrics": metrics}


def answer_survey(mentee: Client) -> None:
    due = mentee.get("/surveys/due")["items"]
    if not due:
        say("No survey due yet (they appear once `tandem remind` has run).")
        return
    survey = due[0]
    values = {
        q["field"]: q["choices"][len(q["choices"]) // 2]["value"] for q in survey["questions"]
    }
    mentee.post(f"/surveys/due/{survey['id']}/answers", {"answers": values})
    say(f"Survey {survey['moment']} answered ({len(values)} answers)")


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url")
    parser.add_argument("manager_token")
    parser.add_argument("--mentor-token", required=True)
    parser.add_argument("--mentee-token", required=True)
    parser.add_argument("--after-meeting", action="store_true")
    args = parser.parse_args(argv)
    manager = Client(args.base_url, args.manager_token, "manager")
    mentor = Client(args.base_url, args.mentor_token, "mentor")
    mentee = Client(args.base_url, args.mentee_token, "mentee")
    if args.after_meeting:
        return after_meeting(manager, mentor, mentee)
    me_mentor, me_mentee = mentor.get("/me"), mentee.get("/me")
    if not me_mentor["employee_id"] or not me_mentee["employee_id"]:
        raise SystemExit("The mentor and the mentee must be people of the directory.")
    import_people(manager)
    program = create_program(manager)
    enrol(manager, program, me_mentor, me_mentee)
    run = match(manager, program, me_mentor, me_mentee)
    mentorship = start_pair(program, mentor, mentee)
    meeting = before_meeting(mentorship, mentee)
    say("Next: once the first meeting has taken place, run again with --after-meeting.")
    return {
        "program": program["id"],
        "run": run["id"],
        "mentorship": mentorship["id"],
        "meeting": meeting and meeting["id"],
    }


if __name__ == "__main__":
    try:
        main()
    except ApiError as error:
        sys.exit(f"API error: {error}")
