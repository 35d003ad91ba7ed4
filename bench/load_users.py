"""What the load test's simulated people do: read their pages, write meeting logs, think
between requests; some sign in as they arrive, some sign out after a visit and sign in again.

Every user is a thread with its own seeded random generator, so a run with the same seed and
the same plan asks for the same pages in the same order (the server's timing aside).
"""

from __future__ import annotations

import random
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from load_browser import Browser, Recorder, Unexpected, form_fields, redirect_path

STATIC_FILES = re.compile(r'(?:href|src)="(/static/[^"]+)"')
LOG_TEXTS = {
    "acquired": "Tried the assistant on a real memo; compared two prompts.",
    "to_improve": "Always check the sources it gives.",
    "exercises": "Summarised a meeting transcript without personal data.",
    "next_topics": "Automating the monthly reporting.",
    "mentor_learned": "How a decision goes through the executive committee.",
    "mentee_learned": "Why an answer can sound right and be wrong.",
}


@dataclass(frozen=True)
class Person:
    """One account of the plan and what it may read or write."""

    role: str  # participant, manager, coach, sponsor
    email: str
    info: dict
    session: str = ""  # a session key already signed in, if any


@dataclass
class Settings:
    host: str
    port: int
    password: str
    think: tuple[float, float]
    stop: threading.Event
    recorder: Recorder
    sign_in_share: float = 0.1  # of arrivals, and of visits that end by signing out


class User:
    """One simulated person in one browser, looping over sessions until ``stop`` is set."""

    def __init__(self, person: Person, settings: Settings, seed: int):
        self.person, self.settings = person, settings
        self.rng = random.Random(seed)
        language = self.rng.choice(["fr-FR,fr;q=0.9,en;q=0.5", "en-GB,en;q=0.9"])
        self.browser = Browser(
            settings.host, settings.port, person.role, settings.recorder, language
        )
        self.static_loaded = False

    def run(self, delay: float) -> None:
        if self.settings.stop.wait(delay):
            return
        if self.person.session and self.rng.random() >= self.settings.sign_in_share:
            self.browser.cookies["sessionid"] = self.person.session
        while not self.settings.stop.is_set():
            try:
                self.visit()
            except Unexpected:
                self.browser.cookies.clear()  # start again from the sign-in page, as a person would
                self.think()

    def think(self) -> bool:
        """Waits like a person reading the page; False once the test is over."""
        return not self.settings.stop.wait(self.rng.uniform(*self.settings.think))

    def visit(self) -> None:
        """Signs in unless the session is still there, reads 8-20 pages, sometimes signs out."""
        if "sessionid" not in self.browser.cookies:
            self.sign_in()
        else:
            self.home()
        actions = ACTIONS[self.person.role]
        names = list(actions)
        weights = [actions[name][0] for name in names]
        for _ in range(self.rng.randint(8, 20)):
            if not self.think():
                return
            name = self.rng.choices(names, weights)[0]
            actions[name][1](self)
        if self.rng.random() < self.settings.sign_in_share and self.think():
            self.sign_out()
        self.think()

    def sign_in(self) -> None:
        browser = self.browser
        browser.cookies.pop("sessionid", None)
        page = browser.get("/accounts/login/", "sign-in page")
        self.load_static(page.body)
        if not self.think():
            return
        token = browser.csrf_token(page.body, "sign-in page")
        form = {
            "csrfmiddlewaretoken": token,
            "username": self.person.email,
            "password": self.settings.password,
        }
        answer = browser.post("/accounts/login/", "sign in (POST)", form)
        target = redirect_path(answer)
        if target.startswith("/accounts/login"):
            browser.fail("sign in (POST)", f"sign-in refused: redirected to {target}")
        browser.get(target, "home")

    def sign_out(self) -> None:
        page = self.browser.get("/", "home")
        token = self.browser.csrf_token(page.body, "home")
        self.browser.post("/accounts/logout/", "sign out (POST)", {"csrfmiddlewaretoken": token})
        self.browser.cookies.pop("sessionid", None)

    def load_static(self, html: str) -> None:
        """Style sheets and scripts, once per browser (then cached, as WhiteNoise allows)."""
        if self.static_loaded:
            return
        for path in dict.fromkeys(STATIC_FILES.findall(html)):
            self.browser.get(path, "static file")
        self.static_loaded = True

    def pick(self, key: str) -> int | str:
        return self.rng.choice(self.person.info[key])

    # Participants -----------------------------------------------------------------------------
    def home(self) -> None:
        self.browser.get("/", "home")

    def mentorships(self) -> None:
        self.browser.get("/mentorships/", "my mentorships")

    def mentorship(self) -> None:
        self.browser.get(f"/mentorships/{self.person.info['mentorship']}/", "mentorship page")

    def meeting(self) -> None:
        self.browser.get(f"/mentorships/meetings/{self.pick('meetings')}/", "meeting page")

    def goal(self) -> None:
        self.browser.get(f"/mentorships/goals/{self.pick('goals')}/", "goal page")

    def calendar(self) -> None:
        self.browser.get("/mentorships/calendar/", "calendar")

    def write_log(self) -> None:
        """Opens a past meeting's log form, writes for a while, saves: the page redirects to the
        meeting (a form shown again means the log was refused, which counts as an error)."""
        if not self.person.info["past_meetings"]:
            return self.meeting()
        meeting = self.pick("past_meetings")
        action = f"/mentorships/meetings/{meeting}/log/"
        page = self.browser.get(action, "log form")
        if not self.think():
            return
        fields = [(k, v) for k, v in form_fields(page.body, action) if k not in LOG_TEXTS]
        if not any(k == "csrfmiddlewaretoken" for k, _ in fields):
            self.browser.fail("log form", f"no log form in {action}")
        fields += list(LOG_TEXTS.items())
        answer = self.browser.post(action, "write log (POST)", fields)
        self.browser.get(redirect_path(answer), "meeting page")

    # Managers, coaches, sponsors --------------------------------------------------------------
    def program_list(self) -> None:
        self.browser.get("/programs/", "program list")

    def program_page(self) -> None:
        self.browser.get(f"/programs/{self.pick('programs')['slug']}/", "program page")

    def dashboard(self) -> None:
        self.browser.get(f"/insights/programs/{self.pick('programs')['pk']}/", "dashboard")

    def matching(self) -> None:
        self.browser.get(f"/programs/{self.pick('programs')['slug']}/matching/", "matching")

    def competences(self) -> None:
        slug = self.pick("programs")["slug"]
        self.browser.get(f"/programs/{slug}/competences/", "program competences")

    def alerts(self) -> None:
        self.browser.get("/insights/alerts/", "alerts")

    def coach_page(self) -> None:
        self.browser.get("/coach/", "coach page")

    def sponsor_page(self) -> None:
        self.browser.get("/sponsor/", "sponsor page")


Action = tuple[int, Callable[[User], None]]
# Role -> action -> (weight, what the user does).
ACTIONS: dict[str, dict[str, Action]] = {
    "participant": {
        "home": (15, User.home),
        "mentorships": (5, User.mentorships),
        "mentorship": (20, User.mentorship),
        "meeting": (20, User.meeting),
        "goal": (15, User.goal),
        "calendar": (10, User.calendar),
        "write log": (15, User.write_log),
    },
    "manager": {
        "home": (10, User.home),
        "program list": (10, User.program_list),
        "program page": (25, User.program_page),
        "dashboard": (30, User.dashboard),
        "matching": (10, User.matching),
        "competences": (10, User.competences),
        "alerts": (5, User.alerts),
    },
    "coach": {
        "home": (20, User.home),
        "coach page": (60, User.coach_page),
        "alerts": (20, User.alerts),
    },
    "sponsor": {
        "home": (20, User.home),
        "sponsor page": (50, User.sponsor_page),
        "dashboard": (30, User.dashboard),
    },
}
# Share of the simulated users by role: mostly pairs, as in a real program.
MIX = {"participant": 0.80, "manager": 0.10, "coach": 0.05, "sponsor": 0.05}


def cast(plan: dict, users: int, rng: random.Random) -> list[Person]:
    """``users`` people following ``MIX``; accounts are reused round-robin when there are more
    simulated users than accounts (the same person on a phone and a laptop)."""
    pools = {
        "participant": [Person("participant", p["email"], p) for p in plan["participants"]],
        "manager": [Person("manager", m["email"], m) for m in plan["managers"]],
        "coach": [Person("coach", c["email"], c) for c in plan["coaches"]],
        "sponsor": [Person("sponsor", s["email"], s) for s in plan["sponsors"]],
    }
    people = []
    for role, share in MIX.items():
        pool = pools[role]
        if not pool:
            raise SystemExit(f"The plan has no {role}: is the demo organisation loaded?")
        count = max(1, round(users * share)) if role != "participant" else 0
        people += [pool[i % len(pool)] for i in range(count)]
    participants = pools["participant"]
    people += [participants[i % len(participants)] for i in range(max(0, users - len(people)))]
    rng.shuffle(people)
    return people[:users]
