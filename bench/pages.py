"""Benchmark: the program manager's pages for a program of 5,000 participants, on SQLite.

Builds a throw-away database with bulk_create (the population of ``matching_db.py``: 3,000
mentees, 2,000 mentors), runs and publishes the matching, then times ``Client().get`` of each
page over 20 requests and prints the median and 95th percentile.

    .venv/bin/python bench/pages.py [--mentees 3000] [--mentors 2000] [--requests 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("TANDEM_ALLOWED_HOSTS", "testserver,localhost")

from matching_db import populate, setup_django  # noqa: E402


def _time(client, url: str, n: int) -> tuple[float, float, float, int]:
    """Median and p95 wall time, median CPU time (the figure that does not depend on what
    else the machine runs), response size."""
    client.get(url, secure=True)  # warm up caches and templates
    seconds, cpu = [], []
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(url, secure=True)
        seconds.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        assert response.status_code == 200, (url, response.status_code)
    seconds.sort()
    p95 = seconds[min(len(seconds) - 1, round(0.95 * len(seconds)) - 1)]
    return statistics.median(seconds), p95, statistics.median(cpu), len(response.content)


def _plain_static_files() -> None:
    """Production settings want collected static files (a manifest); the bench needs none."""
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


class QueryTimer:
    """Counts and times the queries of one request (``connection.execute_wrapper``)."""

    def __init__(self):
        self.queries: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((time.perf_counter() - t0, sql))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentees", type=int, default=3_000)
    parser.add_argument("--mentors", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--slow", action="store_true", help="print each page's slowest queries")
    parser.add_argument("--profile", help="cProfile one request of the page with this name")
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="tandem-pages-")) / "bench.sqlite3"
    setup_django(path)
    _plain_static_files()

    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from tandem.accounts.models import User
    from tandem.matching.services.publish import publish_run
    from tandem.matching.services.run import run_matching

    program = populate(args.mentees, args.mentors)
    manager = User.objects.create_user(email="hr@bench.example")
    program.managers.add(manager)
    run = run_matching(program, actor=manager).run
    proposals = run.proposals.count()
    publish_run(run, actor=manager)
    fresh = run_matching(program, actor=manager).run  # a run to review beside the published one
    client = Client()
    client.force_login(manager)
    last = (fresh.proposals.count() + 49) // 50
    pages = {
        "program page": reverse("programs:detail", args=[program.slug]),
        "program page, mentors, search": reverse("programs:detail", args=[program.slug])
        + "?role=mentor&q=Person+12",
        "program page, page 60": reverse("programs:detail", args=[program.slug]) + "?page=60",
        "matching index": reverse("matching:index", args=[program.slug]),
        "proposals page 1": reverse("matching:run", args=[program.slug, fresh.pk]),
        f"proposals page {last}": reverse("matching:run", args=[program.slug, fresh.pk])
        + f"?page={last}",
        "competences": reverse("programs:competences", args=[program.slug]),
    }
    participants = args.mentees + args.mentors
    print(f"{participants} participants, {proposals} proposals published, sqlite {path.name}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'page':<34} {'median ms':>9} {'p95 ms':>7} {'cpu ms':>7} {'queries':>7} {'KiB':>5}")
    for name, url in pages.items():
        timer = QueryTimer()
        with connection.execute_wrapper(timer):
            client.get(url, secure=True)
        median, p95, cpu, size = _time(client, url, args.requests)
        print(
            f"{name:<34} {median * 1000:>9.1f} {p95 * 1000:>7.1f} {cpu * 1000:>7.1f} "
            f"{len(timer.queries):>7} {size // 1024:>5}"
        )
        if args.slow:
            for seconds, sql in sorted(timer.queries, reverse=True)[:3]:
                print(f"    {seconds * 1000:7.1f} ms  {sql[:150]}")
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(client.get, pages[args.profile], secure=True)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
