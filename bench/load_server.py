"""Starts and stops the gunicorn of one load run, on a free loopback port."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

# Workers import the project in parallel: on a busy 2-core machine that took over a minute.
READY_SECONDS = 180


def free_port() -> int:
    """A port nobody listens on now (others may run servers on this machine)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str, session: str = "") -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Host": f"127.0.0.1:{port}", "X-Forwarded-Proto": "https"}
        if session:
            headers["Cookie"] = f"sessionid={session}"
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


class Server:
    """``with Server(command, env, log, port):`` gunicorn runs inside the block; its output
    goes to ``log``. Startup fails loudly if our process dies or never answers."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path, port: int):
        self.command, self.env, self.log, self.port = command, env, log, port
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self._out = self.log.open("w")
        self.process = subprocess.Popen(
            self.command, env=self.env, stdout=self._out, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail("gunicorn exited")
            try:
                status = _get(self.port, "/accounts/login/")
            except OSError:
                time.sleep(0.3)
                continue
            if status != 200:
                self._fail(f"the sign-in page answered {status}")
            return self
        self._fail(f"gunicorn did not answer within {READY_SECONDS} s")
        return self

    def warm_up(self, requests: int, pages: list[tuple[str, str]] = ()) -> None:
        """Every worker imports the project and fills its caches before the clock starts:
        ``requests`` times the sign-in page and each of ``pages`` (path, session key), so the
        first page of each kind a worker serves (its templates compiled, its queries
        prepared) is not counted in the figures."""
        for _ in range(requests):
            _get(self.port, "/accounts/login/")
            for path, session in pages:
                _get(self.port, path, session)

    def cpu_seconds(self) -> float:
        """CPU time used so far by gunicorn and its workers (Linux ``/proc``; 0 elsewhere): the
        figure that does not depend on what else the machine runs."""
        pid = self.process.pid if self.process else 0
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return 0.0
        ticks = 0
        for each in [str(pid), *children]:
            try:
                fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._out.close()

    def _fail(self, why: str) -> None:
        self.stop()
        tail = self.log.read_text(errors="replace")[-3000:]
        sys.exit(f"{why}; the end of {self.log}:\n{tail}")
