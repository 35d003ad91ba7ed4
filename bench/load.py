"""Load benchmark: gunicorn with the production settings, 100 people using Tandem for 60 s.

For each database (SQLite in a fresh file, then PostgreSQL), it migrates a fresh database,
loads the demo organisation (``tandem demo``, three months of history; ``load_seed.py`` prints
the cast),
starts gunicorn on loopback with the production settings (``TANDEM_DEBUG=0``, a secret key,
field keys; plain HTTP behind a pretend TLS proxy, so ``TANDEM_SSL_REDIRECT=0`` and requests say
``X-Forwarded-Proto: https``) and lets simulated people use it (``load_users.py``): pairs sign
in, read their home, mentorship, meetings, goals and calendar and write meeting logs; managers
read program pages and dashboards; the coach and the sponsor read theirs. Everyone thinks 1-3 s
between requests. It prints requests, errors, throughput and latency percentiles by role and by
page, and exits with 1 if any request failed (status >= 500, or any status a browser would not
expect, with a sample).

    .venv/bin/python bench/load.py [--users 100] [--duration 60] [--databases sqlite,postgres]
        [--postgres postgres://tandem:tandem-ci@127.0.0.1:5432/tandem_bench_load]
        [--workers 2*CPUs+1] [--threads 1] [--instances 1] [--think 1 3] [--seed 2026]

``--instances 2`` starts two gunicorn instances on two ports sharing the database (two
"machines" behind a load balancer, which the simulated people take in turn). Each instance
stands for a machine with its share of this one's CPUs, so the default ``--workers`` is
gunicorn's 2 x CPUs + 1 counted on that share (two instances on 2 CPUs: 3 workers each, not
5 each: ten processes on two cores spent a quarter more CPU a request and doubled the p95).

The PostgreSQL database is created (dropped first if it exists and its name contains
"bench"); the cluster is started and the role created when missing and possible (as root).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_browser import Recorder  # noqa: E402
from load_pg import BackendCpu, drop_postgres, prepare_postgres  # noqa: E402
from load_report import p95_ms, report  # noqa: E402
from load_server import Server, free_port  # noqa: E402
from load_users import Person, Settings, User  # noqa: E402

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
DEFAULT_POSTGRES = "postgres://tandem:tandem-ci@127.0.0.1:5432/tandem_bench_load"
TARGET_P95_MS = 300


def server_env(var_dir: Path, database_url: str) -> dict[str, str]:
    """The production settings (see settings.py), with fresh keys for this run."""
    env = dict(os.environ)
    for name in list(env):
        if name.startswith("TANDEM_") or name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
            del env[name]
    env.update(
        {
            "TANDEM_DEBUG": "0",
            "TANDEM_SECRET_KEY": secrets.token_urlsafe(50),
            "TANDEM_FIELD_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
            "TANDEM_ALLOWED_HOSTS": "127.0.0.1",
            "TANDEM_SSL_REDIRECT": "0",  # plain HTTP on loopback; requests say X-Forwarded-Proto
            "TANDEM_VAR_DIR": str(var_dir),
            "TANDEM_CONN_MAX_AGE": "60",  # as the README's deployment advises
            "TANDEM_LOG_LEVEL": "WARNING",
            "DATABASE_URL": database_url,
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _run(command: list[str], env: dict[str, str], what: str) -> str:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{what} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    return result.stdout


def prepare(env: dict[str, str], args) -> dict:
    """A migrated database with the demo and its history; returns the plan and its cast."""
    tandem = str(BIN / "tandem")
    started = time.perf_counter()
    _run([tandem, "migrate", "--no-input", "-v0"], env, "tandem migrate")
    _run([tandem, "demo"], env, "tandem demo")
    seed = [sys.executable, str(HERE / "load_seed.py"), f"--users={args.users}"]
    plan = json.loads(_run([*seed, f"--seed={args.seed}"], env, "load_seed.py"))
    print(
        f"  database ready in {time.perf_counter() - started:.0f} s: "
        f"{len(plan['participants'])} participants, {len(plan['managers'])} manager(s), "
        f"{len(plan['coaches'])} coach(es), {len(plan['sponsors'])} sponsor(s)",
        flush=True,
    )
    return plan


def drive(ports: list[int], plan: dict, args) -> tuple[Recorder, float]:
    """``args.users`` people for ``args.duration`` seconds; they arrive over the first tenth
    of the run (at most 10 s), as people do not all click at the same instant. With several
    instances, people are spread over them in turn, as a load balancer would."""
    recorder, stop = Recorder(), threading.Event()
    password, think = plan["password"], tuple(args.think)
    by_port = [Settings("127.0.0.1", p, password, think, stop, recorder) for p in ports]
    rng = random.Random(args.seed)
    people = [Person(**row) for row in plan["cast"]]
    ramp = min(10.0, args.duration / 10)
    users = [User(p, by_port[i % len(by_port)], rng.randrange(2**32)) for i, p in enumerate(people)]
    threads = [
        threading.Thread(target=u.run, args=(ramp * i / len(users),), daemon=True)
        for i, u in enumerate(users)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    stop.wait(args.duration)
    stop.set()
    elapsed = time.perf_counter() - started
    for thread in threads:
        thread.join(timeout=40)
    return recorder, elapsed


def warm_pages(plan: dict) -> list[tuple[str, str]]:
    """One person of each role's pages (``load_users.ACTIONS``), read before the clock starts."""
    first = {}
    for row in plan["cast"]:
        first.setdefault(row["role"], row)
    pages = []
    if person := first.get("participant"):
        info = person["info"]
        pages += ["/", "/mentorships/", f"/mentorships/{info['mentorship']}/"]
        pages += [f"/mentorships/meetings/{info['meetings'][0]}/", "/mentorships/calendar/"]
        pages += [f"/mentorships/goals/{info['goals'][0]}/"] if info["goals"] else []
        past = info["past_meetings"][:1]
        pages += [f"/mentorships/meetings/{m}/log/" for m in past]
    found = [(p, person["session"]) for p in pages] if person else []
    if person := first.get("manager"):
        program = person["info"]["programs"][0]
        slug = program["slug"]
        paths = ["/", "/programs/", f"/programs/{slug}/", f"/insights/programs/{program['pk']}/"]
        paths += [f"/programs/{slug}/matching/", f"/programs/{slug}/competences/"]
        found += [(p, person["session"]) for p in [*paths, "/insights/alerts/"]]
    for role, path in (("coach", "/coach/"), ("sponsor", "/sponsor/")):
        if person := first.get(role):
            found += [("/", person["session"]), (path, person["session"])]
    return found


def run_one(label: str, database_url: str, var_dir: Path, args) -> tuple[bool, float]:
    """One database's run; returns (no error, p95 in ms)."""
    print(f"\n{label}: preparing {database_url}", flush=True)
    env = server_env(var_dir, database_url)
    plan = prepare(env, args)
    _run([str(BIN / "tandem"), "collectstatic", "--no-input", "-v0"], env, "collectstatic")
    ports = [free_port() for _ in range(args.instances)]
    logs = [var_dir / f"gunicorn-{label.lower()}-{n}.log" for n in range(args.instances)]
    with contextlib.ExitStack() as stack:
        servers = []
        for port, log in zip(ports, logs, strict=True):
            command = [str(BIN / "gunicorn"), "tandem.wsgi", "--bind", f"127.0.0.1:{port}"]
            command += ["--workers", str(args.workers), "--threads", str(args.threads)]
            command += ["--no-control-socket", "--timeout", "60"]
            servers.append(stack.enter_context(Server(command, env, log, port)))
        for server in servers:
            server.warm_up(args.workers * 2, warm_pages(plan))
        before = os.getloadavg()[0]
        cpu = time.process_time()
        server_cpu = sum(server.cpu_seconds() for server in servers)
        print(
            f"  {args.users} users for {args.duration} s against {args.instances} gunicorn "
            f"instance(s) ({args.workers} workers x {args.threads} threads each) on port(s) "
            f"{', '.join(map(str, ports))}",
            flush=True,
        )
        with BackendCpu(database_url) as database:
            recorder, elapsed = drive(ports, plan, args)
        client_cpu = time.process_time() - cpu
        server_cpu = sum(server.cpu_seconds() for server in servers) - server_cpu
        log = ", ".join(map(str, logs))
    after = os.getloadavg()[0]
    samples = recorder.samples
    count = max(1, len(samples))
    per_request = server_cpu / count
    stack = (server_cpu + database.seconds() + client_cpu) / count
    cpus = os.cpu_count() or 1
    load = (
        f"load average {before:.1f} before, {after:.1f} after on {cpus} CPUs;\n"
        f"   gunicorn used {server_cpu:.1f} CPU s ({per_request * 1000:.0f} ms a request: "
        f"{cpus} idle CPUs would serve about {cpus / max(per_request, 1e-6):.0f} req/s, "
        f"the database's own CPU aside), the database {database.seconds():.1f} CPU s "
        f"({database.seconds() / count * 1000:.0f} ms a request), the client {client_cpu:.1f} "
        f"CPU s; {stack * 1000:.0f} ms of CPU a request in all"
    )
    print("\n".join(report(label, samples, elapsed, load)))
    ok = not any(s.error for s in samples) and bool(samples)
    if not ok:
        print(f"  server log: {log}")
    return ok, p95_ms(samples)


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100, help="concurrent simulated people")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite,postgres")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="PostgreSQL URL")
    parser.add_argument("--workers", type=int, default=0, help="per instance (see above)")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument(
        "--instances",
        type=int,
        default=1,
        help="gunicorn instances (machines) sharing the database",
    )
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    if args.workers <= 0:
        args.workers = 2 * max(1, (os.cpu_count() or 1) // max(1, args.instances)) + 1
    args.databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    if unknown := set(args.databases) - {"sqlite", "postgres"}:
        parser.error(f"--databases: unknown {', '.join(sorted(unknown))}")
    if args.users < 1 or args.duration <= 0 or not 0 <= args.think[0] <= args.think[1]:
        parser.error("--users and --duration must be positive, --think MIN <= MAX")
    return args


def main() -> int:
    args = _parse()
    var_dir = Path(tempfile.mkdtemp(prefix="tandem-load-"))
    results, pg = {}, False
    try:
        if "sqlite" in args.databases:
            url = f"sqlite:///{var_dir / 'load.sqlite3'}"
            results["SQLite"] = run_one("SQLite", url, var_dir, args)
        if "postgres" in args.databases:
            prepare_postgres(args.postgres)
            pg = True
            results["PostgreSQL"] = run_one("PostgreSQL", args.postgres, var_dir, args)
    finally:
        failed = not all(ok for ok, _ in results.values())
        if args.keep or failed:
            kept = f" and the database {args.postgres}" if pg else ""
            print(f"\nkept: the files in {var_dir}{kept}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
            if pg:
                drop_postgres(args.postgres)
    print()
    for label, (ok, p95) in results.items():
        target = f", target p95 < {TARGET_P95_MS} ms {'met' if p95 < TARGET_P95_MS else 'MISSED'}"
        print(f"{label}: {'no error' if ok else 'ERRORS'}, p95 {p95:.0f} ms{target}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
