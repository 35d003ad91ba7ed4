"""A fresh PostgreSQL database for the load run: starts the local cluster and creates the role
when they are missing (as root, on this machine), then (re)creates the database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg import sql


def _connect(url: str):
    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        dbname="postgres",
        autocommit=True,
        connect_timeout=10,
    )


def _start_cluster(port: int) -> None:
    """``pg_ctlcluster VERSION NAME start`` for the Debian cluster on ``port`` if it is down."""
    if not shutil.which("pg_lsclusters"):
        return
    listing = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=False)
    for line in listing.stdout.splitlines():
        version, name, cluster_port, status = line.split()[:4]
        if int(cluster_port) == port and status != "online":
            print(f"  starting PostgreSQL cluster {version}/{name}", flush=True)
            subprocess.run(["pg_ctlcluster", version, name, "start"], check=False)


def _create_role(user: str, password: str) -> None:
    """As the postgres superuser, through psql (possible as root on the database's machine)."""
    if os.geteuid() != 0 or not shutil.which("psql"):
        return
    role = '"' + user.replace('"', '""') + '"'
    name = "'" + user.replace("'", "''") + "'"
    secret = "'" + password.replace("'", "''") + "'"
    statement = (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {name}) THEN "
        f"CREATE ROLE {role} LOGIN SUPERUSER PASSWORD {secret}; END IF; END $$;"
    )
    print(f"  creating the PostgreSQL role {user}", flush=True)
    subprocess.run(
        ["su", "postgres", "-c", "psql -v ON_ERROR_STOP=1 -q"],
        input=statement,
        text=True,
        check=False,
    )


def _reachable(url: str):
    parts = urlsplit(url)
    try:
        return _connect(url)
    except psycopg.OperationalError as error:
        message = str(error)
    if "refused" in message or "No such file" in message:
        _start_cluster(parts.port or 5432)
    elif "authentication failed" in message or "does not exist" in message:
        _create_role(unquote(parts.username or ""), unquote(parts.password or ""))
    try:
        return _connect(url)
    except psycopg.OperationalError as error:
        sys.exit(f"PostgreSQL at {parts.hostname}:{parts.port or 5432} is not usable: {error}")


def prepare_postgres(url: str) -> None:
    """An empty database named as in ``url``. An existing one is dropped only when its name
    says it is a bench database, so a wrong URL cannot wipe real data."""
    name = unquote(urlsplit(url).path.lstrip("/"))
    if not name:
        sys.exit(f"--postgres {url}: the URL names no database")
    with _reachable(url) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone():
            if "bench" not in name:
                sys.exit(
                    f"The database {name} exists and its name does not contain 'bench': "
                    "give a new database name (the load test fills it with demo data)."
                )
            connection.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_postgres(url: str) -> None:
    """Removes the bench database once its figures are printed."""
    name = unquote(urlsplit(url).path.lstrip("/"))
    with _connect(url) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


class BackendCpu:
    """CPU time spent by the PostgreSQL backends serving ``url``'s database (Linux ``/proc``,
    the database on this machine; 0 otherwise). Backends come and go (a worker's connection
    lives ``TANDEM_CONN_MAX_AGE`` seconds), so a thread samples them every second and keeps
    each one's last figure."""

    def __init__(self, url: str):
        self.title = f" {unquote(urlsplit(url).path.lstrip('/'))} ".encode()
        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                if self.title not in Path(f"/proc/{pid}/cmdline").read_bytes():
                    continue
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            self.seen[int(pid)] = (int(fields[11]) + int(fields[12])) / tick

    def _run(self) -> None:
        while not self.stop.wait(1.0):
            self._sample()

    def __enter__(self) -> BackendCpu:
        self._sample()
        self.before = dict(self.seen)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()
        self._sample()

    def seconds(self) -> float:
        return sum(t - self.before.get(pid, 0.0) for pid, t in self.seen.items())
