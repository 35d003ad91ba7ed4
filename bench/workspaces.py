"""Benchmark: the program cockpit and the dashboard of a program with 5,000 participants
(2,500 pairs, 25,000 meetings and their survey answers) on SQLite, through the real pages.

    .venv/bin/python bench/workspaces.py [--pairs 2500] [--meetings 25000] [--runs 7] [--small 50]
        [--postgres postgres://tandem:tandem-ci@127.0.0.1:5432/tandem_bench_workspaces]

A fresh database is migrated and filled as ``bench/insights.py`` does (raw inserts, then
``rebuild-insights``), the alerts are refreshed, then each page is requested through the test
client (every middleware, a signed-in program manager) ``--runs`` times: the cockpit (first
page, the pairs at risk, a name searched, page 50), the pairs' CSV, a pair's page, the
dashboard, the sponsor's page and the manager's home. Printed: best and median time and the
number of queries of each, next to the number of queries of the same page for a small program
(``--small`` pairs, built first in the same way), and the load average. Target: under 300 ms
for the cockpit and the dashboard, and the same number of queries as for the small program
(the query-count tests check that too). The CSV is the exception by design: it streams every
pair a thousand at a time, six queries a thousand.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def _pages(program_id: int, slug: str, pair_id: int) -> list[tuple[str, str]]:
    base = f"/programs/{slug}/pairs/"
    return [
        ("cockpit, first page", base),
        ("cockpit, pairs at risk", base + "?health=at-risk"),
        ("cockpit, a name searched", base + "?q=Person+42"),
        ("cockpit, page 50", base + "?page=50"),
        ("cockpit CSV (every pair)", base + "export.csv"),
        ("a pair's page", f"{base}{pair_id}/"),
        ("dashboard", f"/insights/programs/{program_id}/"),
        ("sponsor page", "/sponsor/"),
        ("home (manager and sponsor)", "/"),
    ]


def measure(program_id: int, runs: int) -> list[tuple[str, float, float, int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tandem.accounts.models import User
    from tandem.insights.services.alerts import refresh_alerts
    from tandem.people.models import Person
    from tandem.programs.models import Program

    program = Program.objects.get(pk=program_id)
    user = User.objects.get(email="bench@example.com")
    program.managers.add(user)
    sponsor = Person.objects.filter(organization__slug="bench").first()
    sponsor.user = user
    sponsor.save(update_fields=["user"])
    program.sponsor = sponsor
    program.save(update_fields=["sponsor"])
    refresh_alerts(program)
    pair_id = program.alerts.filter(closed_at__isnull=True).values_list("mentorship_id", flat=True)[
        0
    ]
    client = Client()
    client.force_login(user)
    out = []
    for label, url in _pages(program_id, program.slug, pair_id):
        client.get(url)  # warm: summaries refreshed, templates compiled
        times = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        out.append((label, min(times), statistics.median(times), len(queries)))
    return out


def child(args) -> None:
    import json

    import insights as data  # bench/insights.py: the same synthetic program

    data.fresh_database()
    from django.db import connection

    rng = random.Random(16)
    started = time.perf_counter()
    program_id = data.build(args.pairs, args.meetings, rng)
    n_answers, _refresh = data.answers(program_id, rng)
    data.rebuild(program_id)
    data.analyze()
    built = time.perf_counter() - started
    figures = measure(program_id, args.runs)
    Path(args.out).write_text(json.dumps(figures), encoding="utf-8")
    load = os.getloadavg()
    print(
        f"{connection.vendor}: {2 * args.pairs:,} participants, {args.pairs:,} pairs, "
        f"{args.meetings:,} meetings, {n_answers:,} answers (built in {built:.0f} s); "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    sys.stdout.flush()


def report(figures: list, small: list, small_pairs: int) -> None:
    """Times of the large program; its queries next to those of a small one (the same
    number: the pages read a fixed number of queries whatever the program's size)."""
    small_queries = {label: queries for label, _b, _m, queries in small}
    head = f"queries ({2 * small_pairs} participants)"
    print(f"  {'page':<30} {'best':>8} {'median':>8} {'queries':>8}  {head}")
    for label, best, median, queries in figures:
        print(
            f"  {label:<30} {1000 * best:>6.0f}ms {1000 * median:>6.0f}ms {queries:>8}  "
            f"{small_queries.get(label, '?'):>{len(head)}}"
        )


def _child(url: str, pairs: int, meetings: int, runs: int) -> list:
    import json

    out = Path(tempfile.mkdtemp()) / "figures.json"
    if url.startswith("sqlite"):  # a file of its own (PostgreSQL is emptied by the child)
        url = url.replace(".sqlite3", f"-{pairs}.sqlite3")
    env = dict(os.environ, DATABASE_URL=url, TANDEM_VAR_DIR=str(out.parent))
    command = [sys.executable, __file__, "--child", "--pairs", str(pairs), "--out", str(out)]
    command += ["--meetings", str(meetings), "--runs", str(runs)]
    subprocess.check_call(command, env=env)
    return json.loads(out.read_text(encoding="utf-8"))


def run(url: str, args) -> None:
    """The small program first (its queries only), then the large one."""
    small = _child(url, args.small, args.small * 10, 1)
    figures = _child(url, args.pairs, args.meetings, args.runs)
    report(figures, small, args.small)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=2_500)
    parser.add_argument("--meetings", type=int, default=25_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--small", type=int, default=50, help="pairs of the small program")
    parser.add_argument("--postgres", default="")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{tmp}/bench.sqlite3", args)
    if args.postgres.startswith("postgres"):
        run(args.postgres, args)


if __name__ == "__main__":
    main()
