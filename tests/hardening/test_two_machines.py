"""Tandem deployed as a company outgrows one machine: two gunicorn instances on two ports (two
"machines") and one task worker, sharing one PostgreSQL. A session started on one is valid on
the other, the API rate limit and the sign-in lock-out are counted once across both, a
background matching run is executed exactly once, and ``tandem remind`` started on both at
once sends each email once (to a real SMTP server, aiosmtpd, that parses them)."""

from __future__ import annotations

import email
import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from email.policy import default as default_policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from tandem.accounts.tokens import create_token
from tandem.mentorships.services import lifecycle
from tandem.programs.models import Enrolment
from tests import factories as f

BIN = Path(sys.executable).parent
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="two machines share one PostgreSQL (SQLite is a file on one machine): "
        "runs in CI's PostgreSQL leg",
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def machine_env(tmp_path, smtp_port: int) -> dict:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_")}
    env.update(
        DATABASE_URL=url,
        TANDEM_DEBUG="1",
        TANDEM_SECRET_KEY="shared-secret-of-the-two-machines-" + "x" * 20,
        TANDEM_FIELD_KEYS="shared-field-key",
        TANDEM_API_RATE="5/min",
        TANDEM_VAR_DIR=str(tmp_path),
        TANDEM_EMAIL_HOST="127.0.0.1",
        TANDEM_EMAIL_PORT=str(smtp_port),
        TANDEM_CONN_MAX_AGE="0",
    )
    return env


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((tuple(envelope.rcpt_tos), str(message["Subject"])))
        return "250 OK"


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture
def machines(tmp_path, smtp):
    env = machine_env(tmp_path, smtp[1])
    processes, urls = [], []
    for name in ("a", "b"):
        port = free_port()
        log = open(tmp_path / f"gunicorn-{name}.log", "w")  # noqa: SIM115 - closed below
        command = [str(BIN / "gunicorn"), "tandem.wsgi", "--bind", f"127.0.0.1:{port}"]
        command += ["--workers", "2", "--no-control-socket", "--timeout", "60"]
        processes.append((subprocess.Popen(command, env=env, stdout=log, stderr=log), log))
        urls.append(f"http://127.0.0.1:{port}")
    worker = subprocess.Popen(
        [str(BIN / "tandem"), "db_worker", "--interval", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "worker.log", "w"),  # noqa: SIM115
    )
    try:
        for url in urls:
            wait_for(url)
        yield urls, env
    finally:
        worker.terminate()
        for process, _log in processes:
            process.terminate()
        for process, log in processes:
            process.wait(timeout=20)
            log.close()
        worker.wait(timeout=20)


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/accounts/login/", timeout=10)  # noqa: S310
            return
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{url} answers {error.code}: {error.read()[:500]!r}") from None
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise AssertionError(f"{url} did not start")


class Browser:
    """Cookies shared across both machines, as behind one load balancer's host name."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        handler = urllib.request.HTTPCookieProcessor(self.jar)
        self.opener = urllib.request.build_opener(handler, NoRedirect())

    def get(self, url: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(url))  # noqa: S310 - our own server

    def post(self, url: str, fields: dict) -> tuple[int, str]:
        token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})  # noqa: S310
        return self._open(request)

    def _open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(browser: Browser, base: str, email_address: str, password: str) -> int:
    browser.get(base + "/accounts/login/")
    status, _ = browser.post(
        base + "/accounts/login/", {"username": email_address, "password": password}
    )
    return status


def api_get(base: str, token: str) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    request = urllib.request.Request(base + "/api/v1/me", headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_two_web_machines_and_a_worker_share_one_database(
    reference_data_present, cast, machines, smtp, settings
):
    (a, b), env = machines
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    for user in (cast.mentor, cast.mentee):  # hashed as the servers' settings can check
        user.set_password(f.PASSWORD)
        user.save()
    browser = Browser()
    assert sign_in(browser, a, cast.mentor.email, f.PASSWORD) == 302
    assert browser.get(b + "/")[0] == 200  # the session started on A is valid on B

    token = create_token(cast.manager, "machines")[1]
    statuses = [api_get((a, b)[n % 2], token) for n in range(6)]
    assert statuses == [200] * 5 + [429]  # 5/min across both, not 5 on each

    intruder = Browser()
    failures = [sign_in(intruder, (a, b)[n % 2], cast.mentee.email, "wrong") for n in range(5)]
    assert failures[:4] == [200] * 4 and failures[4] == 429
    assert sign_in(intruder, b, cast.mentee.email, f.PASSWORD) == 429  # locked on both

    from django_tasks_db.models import DBTaskResult

    from tandem.matching.models import MatchingRun
    from tandem.matching.tasks import run_matching_task

    run_matching_task.enqueue(program_id=cast.program.pk, actor_id=cast.manager.pk)
    deadline = time.monotonic() + 60
    while (
        time.monotonic() < deadline and DBTaskResult.objects.filter(status="SUCCESSFUL").count() < 1
    ):
        time.sleep(0.3)
    time.sleep(1)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert MatchingRun.objects.filter(program=cast.program).count() == 1

    for n, name in enumerate(("Zoé Lambert", "Yann Leroy", "Xavier Morel")):
        mentee = f.person(name, with_user=True)
        mentor = f.person(f"Mentor Number{n}", with_user=True)
        f.need(mentee, "genai")
        f.competence(mentor, "genai", 3, 2)
        f.enrol(mentee, cast.program, Enrolment.Role.MENTEE)
        f.enrol(mentor, cast.program, Enrolment.Role.MENTOR)
        lifecycle.create_mentorship(cast.program, [mentor], [mentee], cast.manager)
    remind = [str(BIN / "tandem"), "remind"]
    both = [
        subprocess.Popen(remind, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in "ab"
    ]
    for process in both:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    inbox, _port = smtp
    sent = [m for m in inbox.messages if "awaits your answer" in m[1]]
    assert len(sent) == len(set(sent)) == 6  # 3 mentees + their mentor, thrice: each once
