"""Benchmark: match a 10,000-mentee program from the database (build, solve, store).

Creates a throw-away SQLite database, fills it with bulk_create (a host organisation with a
reporting tree, a partner university lending mentors, Zipf-popular topics, four time zones,
three languages), runs ``run_matching`` and prints the seconds of each step.

    .venv/bin/python bench/matching_db.py [--mentees 10000] [--mentors 6000] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

TIMEZONES = ["Europe/Paris"] * 7 + ["America/Toronto"] * 2 + ["Asia/Singapore"]
LANGUAGES = [["fr", "en"]] * 6 + [["fr"]] * 2 + [["en"]] + [["de", "en"]]
DAYS = ["mon", "tue", "wed", "thu", "fri"]


def setup_django(path: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _availability(rng) -> list[str]:
    out = []
    for _ in range(rng.integers(2, 4)):
        day = DAYS[rng.integers(0, 5)]
        start = int(rng.integers(8, 16))
        out.append(f"{day} {start:02d}:00-{start + int(rng.integers(2, 4)):02d}:00")
    return out


def _zipf(rng, k: int, size: int) -> np.ndarray:
    p = 1.0 / np.arange(1, k + 1) ** 1.1
    return rng.choice(k, size=size, p=p / p.sum())


def populate(n_mentees: int, n_mentors: int, seed: int = 7):
    """One program with its people, needs, competences and enrolments; returns the program."""
    from tandem.people.models import Competence, LearningNeed, Organization, Person, Topic
    from tandem.programs.models import Enrolment, Program

    rng = np.random.default_rng(seed)
    host = Organization.objects.create(name="Bench Corp", slug="bench-corp")
    uni = Organization.objects.create(
        name="Bench University", slug="bench-uni", kind=Organization.Kind.PARTNER
    )
    topics = list(Topic.objects.filter(side=Topic.Side.JUNIOR).values_list("id", flat=True))
    total = n_mentees + n_mentors
    people = []
    for k in range(total):
        partner = k >= n_mentees and rng.random() < 0.1
        people.append(
            Person(
                id=k + 1,
                employee_id=f"B{k + 1:06d}",
                email=f"b{k + 1}@bench.example",
                full_name=f"Bench Person {k + 1}",
                department=f"Dept {int(rng.integers(0, 12))}",
                site=f"Site {int(rng.integers(0, 5))}",
                timezone=TIMEZONES[int(rng.integers(0, len(TIMEZONES)))],
                languages=LANGUAGES[int(rng.integers(0, len(LANGUAGES)))],
                organization=uni if partner else host,
                manager_id=None if (k == 0 or partner) else (k - 1) // 6 + 1,
                birth_year=int(rng.integers(1960, 2004)),
                gender="fm"[int(rng.integers(0, 2))],
            )
        )
    Person.objects.bulk_create(people, batch_size=2000)
    start = dt.date(2027, 1, 11)
    program = Program.objects.create(
        name="Bench", slug="bench", start=start, end=start + dt.timedelta(days=180)
    )
    program.topics.set(topics)
    enrolments, needs, comps = [], [], []
    for k in range(total):
        mentee = k < n_mentees
        enrolments.append(
            Enrolment(
                program=program,
                person_id=k + 1,
                role=Enrolment.Role.MENTEE if mentee else Enrolment.Role.MENTOR,
                status=Enrolment.Status.ACCEPTED,
                capacity=1 if mentee else int(rng.integers(1, 4)),
                availability=_availability(rng),
            )
        )
        count = int(rng.integers(1, 4) if mentee else rng.integers(1, 5))
        chosen = {topics[t] for t in _zipf(rng, len(topics), count)}
        for topic_id in chosen:
            if mentee:
                needs.append(
                    LearningNeed(
                        person_id=k + 1, topic_id=topic_id, priority=int(rng.integers(0, 3))
                    )
                )
            else:
                evidence = int(rng.integers(0, 4))
                comps.append(
                    Competence(
                        person_id=k + 1,
                        topic_id=topic_id,
                        level=int(rng.integers(1, 5)),
                        evidence=evidence,
                        # evidence above self-declared has a source: HR's file, here
                        source="hr_import" if evidence else "self",
                        source_note="bench.csv" if evidence else "",
                        evidence_date=dt.date.today() if evidence else None,
                    )
                )
    Enrolment.objects.bulk_create(enrolments, batch_size=2000)
    LearningNeed.objects.bulk_create(needs, batch_size=2000)
    Competence.objects.bulk_create(comps, batch_size=2000)
    return program


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentees", type=int, default=10_000)
    parser.add_argument("--mentors", type=int, default=6_000)
    parser.add_argument("--keep", action="store_true", help="keep the database file")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="tandem-bench-")
    path = Path(folder) / "bench.sqlite3"
    setup_django(path)
    t0 = time.perf_counter()
    program = populate(args.mentees, args.mentors)
    print(
        f"populate: {time.perf_counter() - t0:.2f} s "
        f"({args.mentees} mentees, {args.mentors} mentors)"
    )

    from tandem.matching.services.run import run_matching

    outcome = run_matching(program, actor=None)
    t = outcome.totals
    timings = t["timings"]
    print(f"build:   {timings['build_s']:.2f} s")
    print(f"solve:   {timings['solve_s']:.2f} s")
    print(f"explain: {timings['explain_s']:.2f} s")
    print(f"store:   {timings['store_s']:.2f} s")
    print(f"total:   {timings['total_s']:.2f} s")
    print(
        f"matched mentees {t['matched_mentees']}/{t['mentees']}, mentors "
        f"{t['matched_mentors']}/{t['mentors']}, proposals {len(outcome.proposals)}, "
        f"unmatched {len(outcome.unmatched)}, score {t['score']}, bound {t['bound_score']}, "
        f"gap {t['gap']}"
    )
    if args.keep:
        print(f"database kept: {path}")
    else:
        path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
