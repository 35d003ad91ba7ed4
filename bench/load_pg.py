"""A fresh PostgreSQL database for the load run: starts the local cluster and creates the role
when they are missing (as root, on this machine), then (re)creates the database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
