"""Benchmark: import 100,000 people with a realistic reporting tree into a fresh SQLite file.

    .venv/bin/python bench/import_people.py [--people 100000] [--keep]

Generates a CSV (a CEO, spans of control 3-10, about 8 levels, departments, sites, time zones,
languages, and a partner organisation with its own tree) in a temporary directory, migrates a
new SQLite database there, imports the file through the service, imports it again (which
must report everything unchanged), then a copy with 10 % of titles and 1 % of managers
changed. Prints the times. Target: under 60 s on a 2-core machine.
"""

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

DEPARTMENTS = ["Finance", "HR", "Digital", "Sales", "Marketing", "Legal", "Operations", "R&D"]
SITES = [
    ("Paris", "Europe/Paris"),
    ("Lyon", "Europe/Paris"),
    ("Montréal", "America/Toronto"),
    ("Singapore", "Asia/Singapore"),
    ("Berlin", "Europe/Berlin"),
    ("New York", "America/New_York"),
]
LANGUAGES = ["fr", "en", "de", "es", "it", "zh", "pt"]
HEADER = [
    "employee_id",
    "email",
    "full_name",
    "title",
    "department",
    "manager_id",
    "organization",
    "site",
    "timezone",
    "languages",
    "gender",
    "birth_year",
]


def generate(path: Path, count: int, seed: int = 7) -> int:
    """Write ``count`` people, breadth first under two heads (host and partner); return depth."""
    rng = random.Random(seed)
    from collections import deque

    rows, depth_of = [], {}
    partner_size = count // 20
    heads = [("H000001", "Acme", count - partner_size), ("P000001", "Partner Co", partner_size)]
    for head, org, size in heads:
        prefix = head[0]
        queue, made = deque([head]), 1
        rows.append(_row(rng, head, "", org, 0, "Chief Executive Officer"))
        depth_of[head] = 0
        while queue and made < size:
            manager = queue.popleft()
            if queue and rng.random() > 0.55:
                continue  # an individual contributor: about half the people manage no one
            for _ in range(rng.randint(3, 10)):
                if made >= size:
                    break
                made += 1
                eid = f"{prefix}{made:06d}"
                depth_of[eid] = depth_of[manager] + 1
                rows.append(_row(rng, eid, manager, org, depth_of[eid], "Employee"))
                queue.append(eid)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return max(depth_of.values())


def _row(rng, eid, manager, org, depth, title):
    site, zone = rng.choice(SITES)
    languages = "|".join(rng.sample(LANGUAGES, rng.randint(1, 3)))
    return [
        eid,
        f"{eid.lower()}@{org.split()[0].lower()}.example",
        f"Person {eid}",
        title if depth == 0 else f"{title} L{depth}",
        rng.choice(DEPARTMENTS),
        manager,
        org,
        site,
        zone,
        languages,
        rng.choice("fmx "),
        rng.choice([str(rng.randint(1960, 2004)), ""]),
    ]


def _change(source: Path, target: Path) -> None:
    """Every 10th person gets a new title; every 100th moves under their manager's manager."""
    with source.open(encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    manager_of = {row[0]: row[5] for row in rows[1:]}
    for index, row in enumerate(rows[1:], start=1):
        if index % 10 == 0:
            row[3] += " (promoted)"
        if index % 100 == 0 and manager_of.get(row[5]):
            row[5] = manager_of[row[5]]
    with target.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    os.environ["TANDEM_VAR_DIR"] = str(tmp)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from tandem.people.models import Person
    from tandem.people.services.people_import import import_people

    csv_path = tmp / "people.csv"
    started = time.perf_counter()
    depth = generate(csv_path, args.people)
    print(
        f"generated {args.people:,} people (depth {depth}) in {time.perf_counter() - started:.1f} s"
    )
    call_command("migrate", verbosity=0)
    changed_path = tmp / "people-changed.csv"
    _change(csv_path, changed_path)
    runs = [("import", csv_path), ("re-import", csv_path), ("changed file", changed_path)]
    for label, path in runs:
        started, cpu = time.perf_counter(), time.process_time()
        report = import_people(path)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        # CPU time too: on a shared machine the wall time also measures the neighbours.
        print(f"{label}: {elapsed:.1f} s wall, {cpu:.1f} s CPU — {report.summary()}")
        if report.errors:
            print("errors:", *report.errors[:5], sep="\n  ")
            sys.exit(1)
    deepest = Person.objects.order_by("-tree_depth").values_list("tree_depth", flat=True).first()
    print(f"people in database: {Person.objects.count():,}; deepest tree_depth {deepest}")
    if not args.keep:
        import shutil

        shutil.rmtree(tmp)
    else:
        print(f"kept {tmp}")


if __name__ == "__main__":
    main()
