"""Benchmark: the insights dashboard of one program with 10,000 mentorships, 1,000,000 meetings
and their survey answers, on SQLite and on PostgreSQL.

    .venv/bin/python bench/insights.py [--mentorships 10000] [--meetings 1000000]
        [--postgres postgres://tandem:tandem-ci@127.0.0.1:5432/tandem_bench_insights] [--no-sqlite]

Each backend runs in its own process: a fresh database is migrated (a temporary SQLite file;
the PostgreSQL database is emptied first), the data is bulk-inserted (raw ``executemany`` in
batches of 10,000), survey dues come from ``refresh_dues``, answers are inserted raw. Raw
inserts bypass the receivers that keep the dashboard's summaries (meetings per month, answer
pairs), so ``tandem rebuild-insights`` runs next (timed), then ``VACUUM ANALYZE`` (what
autovacuum does after a bulk load). The dashboard (all metrics, charts and the rendered page)
is timed five times. Target: under 1 s. Also times one meeting's change with the refresh of
its summary, ``refresh_alerts`` and the CSV export.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 10_000
T0 = dt.datetime(2025, 1, 6, 8, 0, tzinfo=dt.UTC)


def _insert(cursor, table: str, columns: list[str], rows) -> None:
    from django.db import connection

    qn = connection.ops.quote_name
    sql = (
        f"INSERT INTO {qn(table)} ({', '.join(qn(c) for c in columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            cursor.executemany(sql, batch)
            batch = []
    if batch:
        cursor.executemany(sql, batch)


def _ids(model, **filters) -> list[int]:
    return list(model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True))


def build(n_pairs: int, n_meetings: int, rng: random.Random) -> int:
    """Insert the program and everything under it; returns the program's id."""
    from django.db import connection, transaction

    from tandem.accounts.models import User
    from tandem.mentorships.models import Mentorship, Participant
    from tandem.people.models import Organization, Person, Topic
    from tandem.programs.models import Program

    org = Organization.objects.create(name="Bench", slug="bench")
    program = Program.objects.create(
        name="Bench program",
        slug="bench-program",
        start=T0.date(),
        end=T0.date() + dt.timedelta(days=700),
        status=Program.Status.RUNNING,
    )
    User.objects.create_superuser(email="bench@example.com", password="bench-password-1")  # noqa: S106
    topics = {t.slug: t.pk for t in Topic.objects.all()}
    now = dt.datetime.now(dt.UTC)
    with transaction.atomic(), connection.cursor() as c:
        _insert(
            c,
            Person._meta.db_table,
            [
                "employee_id",
                "email",
                "full_name",
                "title",
                "department",
                "site",
                "timezone",
                "languages",
                "organization_id",
                "gender",
                "tree_pre",
                "tree_post",
                "tree_depth",
                "is_active",
                "updated_at",
            ],
            (
                (
                    f"B{i:06d}",
                    f"b{i}@example.com",
                    f"Person {i}",
                    "",
                    "D",
                    "",
                    "Europe/Paris",
                    '["en"]',
                    org.pk,
                    "",
                    0,
                    0,
                    0,
                    True,
                    now,
                )
                for i in range(2 * n_pairs)
            ),
        )
        people = _ids(Person, organization=org)
        mentors, mentees = people[:n_pairs], people[n_pairs:]
        _insert(
            c,
            "programs_enrolment",
            [
                "program_id",
                "person_id",
                "role",
                "status",
                "motivation",
                "capacity",
                "availability",
                "languages",
                "created_at",
                "updated_at",
            ],
            (
                (program.pk, p, role, "accepted", "", 1, "[]", "[]", now, now)
                for role, group in (("mentor", mentors), ("mentee", mentees))
                for p in group
            ),
        )
        statuses = rng.choices(
            ["active", "completed", "ended", "proposed"], weights=[70, 20, 5, 5], k=n_pairs
        )
        _insert(
            c,
            Mentorship._meta.db_table,
            [
                "program_id",
                "status",
                "reasons",
                "created_at",
                "started_at",
                "ended_at",
                "version",
                "end_reason",
                "updated_at",
            ],
            (
                (
                    program.pk,
                    s,
                    "[]",
                    T0,
                    None if s == "proposed" else T0 + dt.timedelta(days=rng.randint(0, 60)),
                    T0 + dt.timedelta(days=600) if s in ("completed", "ended") else None,
                    1,
                    "",
                    now,
                )
                for s in statuses
            ),
        )
        pairs = _ids(Mentorship, program=program)
        _insert(
            c,
            Participant._meta.db_table,
            ["mentorship_id", "person_id", "role", "answer", "decline_reason"],
            (
                (m, person, role, "accepted", "")
                for i, m in enumerate(pairs)
                for person, role in ((mentors[i], "mentor"), (mentees[i], "mentee"))
            ),
        )
        by_pair = {}
        for pk, m, role in Participant.objects.filter(mentorship__program=program).values_list(
            "pk", "mentorship_id", "role"
        ):
            by_pair.setdefault(m, {})[role] = pk
        _insert(
            c,
            "mentorships_goal",
            [
                "mentorship_id",
                "learner_id",
                "topic_id",
                "title",
                "start_level",
                "level",
                "target_level",
                "criteria",
                "notes",
                "status",
                "created_at",
                "updated_at",
            ],
            (
                (m, roles[role], topics[slug], slug, 1, 2, 3, "", "", "in_progress", now, now)
                for m, roles in by_pair.items()
                for role, slug in (
                    ("mentee", rng.choice(["genai", "cyber"])),
                    ("mentor", "business-context"),
                )
            ),
        )
        per_pair = max(1, n_meetings // n_pairs)
        meeting_status = ["held"] * 7 + ["missed", "planned", "cancelled"]
        _insert(
            c,
            "mentorships_meeting",
            [
                "mentorship_id",
                "starts_at",
                "minutes",
                "status",
                "sequence",
                "fallback_time",
                "created_at",
                "updated_at",
            ],
            (
                (
                    m,
                    T0 + dt.timedelta(days=7 * k, hours=rng.randint(0, 9)),
                    60,
                    meeting_status[rng.randrange(10)],
                    0,
                    False,
                    now,
                    now,
                )
                for m in pairs
                for k in range(per_pair)
            ),
        )
        c.execute("SELECT id FROM mentorships_meeting WHERE status = 'held' AND id % 10 = 0")
        held = c.fetchall()
        _insert(
            c,
            "mentorships_meetinglog",
            [
                "meeting_id",
                "acquired",
                "to_improve",
                "exercises",
                "next_topics",
                "mentor_learned",
                "mentee_learned",
                "mentor_learned_something",
                "created_at",
                "updated_at",
            ],
            ((mid, "", "", "", "", "", "", rng.random() < 0.6, now, now) for (mid,) in held),
        )
    return program.pk


def answers(program_id: int, rng: random.Random) -> tuple[int, float]:
    """Dues from the service, answers inserted raw; returns (answers, refresh seconds)."""
    from django.db import connection, transaction

    from tandem.insights.models import Question, SurveyDue
    from tandem.insights.services.surveys import refresh_dues
    from tandem.mentorships.models import Goal
    from tandem.programs.models import Program

    program = Program.objects.get(pk=program_id)
    started = time.perf_counter()
    refresh_dues(program)
    refresh_seconds = time.perf_counter() - started
    topic_of = dict(
        Goal.objects.filter(mentorship__program=program).values_list(
            "learner__person_id", "topic_id"
        )
    )
    questions = {}
    for q in Question.objects.filter(survey__program=program):
        questions.setdefault(q.survey_id, []).append(q)
    values = {
        "scale": (1, 5),
        "agree": (1, 5),
        "frequency": (0, 3),
        "level": (1, 4),
        "nps": (0, 10),
    }
    count = 0

    def rows():
        nonlocal count
        for due_id, survey_id, person_id in SurveyDue.objects.filter(
            survey__program=program
        ).values_list("pk", "survey_id", "person_id"):
            for q in questions[survey_id]:
                low, high = values[q.kind]
                count += 1
                topic = topic_of.get(person_id) if q.per_topic else None
                yield (due_id, person_id, q.pk, topic, rng.randint(low, high))

    with transaction.atomic(), connection.cursor() as c:
        columns = ["due_id", "person_id", "question_id", "topic_id", "value"]
        _insert(c, "insights_answer", columns, rows())
        SurveyDue.objects.filter(survey__program=program).update(answered_at=T0)
    return count, refresh_seconds


def rebuild(program_id: int) -> tuple[float, int, int]:
    from tandem.insights.services import summary

    started = time.perf_counter()
    months, pairs = summary.rebuild([program_id])
    return time.perf_counter() - started, months, pairs


def one_change(program_id: int) -> float:
    """A meeting marked held, committed, and its mentorship's summary refreshed."""
    from django.db import transaction

    from tandem.mentorships.models import Meeting

    meeting = Meeting.objects.filter(
        mentorship__program_id=program_id, status=Meeting.Status.PLANNED
    ).first()
    started = time.perf_counter()
    with transaction.atomic():
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status", "updated_at"])
    return time.perf_counter() - started


def measure(program_id: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from tandem.insights.services import alerts, exports
    from tandem.insights.views import dashboard
    from tandem.programs.models import Program

    user = get_user_model().objects.get(email="bench@example.com")
    program = Program.objects.get(pk=program_id)
    times, cpu = [], []
    for _ in range(5):
        request = RequestFactory().get(f"/insights/programs/{program_id}/")
        request.user = user
        started, cpu_started = time.perf_counter(), time.process_time()
        response = dashboard.dashboard(request, program_id)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        assert response.status_code == 200, response.status_code
    started = time.perf_counter()
    counts = alerts.refresh_alerts(program)
    alert_seconds = time.perf_counter() - started
    started = time.perf_counter()
    exports.aggregates_csv(program, user)
    csv_seconds = time.perf_counter() - started
    return {
        "dashboard_best": min(times),
        "dashboard_median": statistics.median(times),
        "dashboard_cpu": min(cpu),
        "page_bytes": len(response.content),
        "alerts_seconds": alert_seconds,
        "alerts_opened": counts["opened"],
        "csv_seconds": csv_seconds,
    }


def fresh_database() -> None:
    """Django set up on ``DATABASE_URL``, emptied (PostgreSQL) and migrated."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tandem.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def analyze() -> None:
    """What autovacuum does after a bulk load."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def child(args) -> None:
    fresh_database()
    from django.db import connection

    rng = random.Random(11)
    started = time.perf_counter()
    program_id = build(args.mentorships, args.meetings, rng)
    n_answers, refresh_seconds = answers(program_id, rng)
    build_seconds = time.perf_counter() - started
    rebuild_seconds, months, pairs = rebuild(program_id)
    analyze()
    figures = measure(program_id)
    change_seconds = one_change(program_id)
    print(
        f"{connection.vendor}: {args.mentorships:,} mentorships, {args.meetings:,} meetings, "
        f"{n_answers:,} answers; built in {build_seconds:.1f} s (refresh_dues "
        f"{refresh_seconds:.2f} s)\n"
        f"  rebuild-insights {rebuild_seconds:.1f} s ({months:,} monthly meeting rows, "
        f"{pairs:,} answer pairs); one meeting changed and its summary refreshed "
        f"{1000 * change_seconds:.0f} ms\n"
        f"  dashboard (metrics + charts + page): best {figures['dashboard_best']:.3f} s, "
        f"median {figures['dashboard_median']:.3f} s ({figures['page_bytes']:,} bytes); "
        f"CPU of this process (all of SQLite's work, none of PostgreSQL's) best "
        f"{figures['dashboard_cpu']:.3f} s\n"
        f"  refresh_alerts {figures['alerts_seconds']:.2f} s ({figures['alerts_opened']:,} "
        f"opened); CSV export {figures['csv_seconds']:.3f} s",
        flush=True,
    )


def run(url: str, args) -> int:
    env = dict(os.environ, DATABASE_URL=url, TANDEM_VAR_DIR=tempfile.mkdtemp())
    command = [
        sys.executable,
        __file__,
        "--child",
        "--mentorships",
        str(args.mentorships),
        "--meetings",
        str(args.meetings),
    ]
    return subprocess.call(command, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentorships", type=int, default=10_000)
    parser.add_argument("--meetings", type=int, default=1_000_000)
    parser.add_argument("--postgres", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            run(f"sqlite:///{tmp}/bench.sqlite3", args)
    if args.postgres.startswith("postgres"):
        run(args.postgres, args)
    else:
        print("postgresql: skipped (give --postgres URL or DATABASE_URL)")


if __name__ == "__main__":
    main()
