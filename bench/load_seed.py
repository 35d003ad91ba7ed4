"""Prints the load test's cast as JSON, read from the demo organisation.

Run by ``bench/load.py`` in a subprocess with the server's environment (production settings,
its database), after ``tandem demo``, which already gives the running program its months of
history through the real services: goals from each side's needs, the meetings held and logged,
a few missed, and the schedule until the program ends. The load's participants rewrite the logs
of the meetings held, never of missed ones.

The cast (``load_users.cast``) is the simulated users, each with the account it uses, the pages
it may read and a session already signed in: people keep their session for weeks, so most of
them arrive signed in, and the load measures pages, not one Argon2 hash per user at once.

    .venv/bin/python bench/load_seed.py --users 100 --seed 2026   # with the server's environment
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
django.setup()
sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils import timezone  # noqa: E402
from load_users import cast  # noqa: E402

from tandem.accounts.models import User  # noqa: E402
from tandem.demo import builder  # noqa: E402
from tandem.mentorships.models import Goal, Meeting, Mentorship, Participant  # noqa: E402
from tandem.programs.models import Program  # noqa: E402


def _participant_rows() -> list[dict]:
    """Each participant of an active pair with the pages they read and the meetings they may
    log (past, neither cancelled nor missed)."""
    now = timezone.now()
    rows = []
    participants = Participant.objects.filter(
        mentorship__status=Mentorship.Status.ACTIVE
    ).select_related("person__user", "mentorship")
    for p in participants.order_by("pk"):
        meetings = Meeting.objects.filter(mentorship=p.mentorship_id).order_by("starts_at")
        past = meetings.filter(starts_at__lt=now).exclude(
            status__in=[Meeting.Status.CANCELLED, Meeting.Status.MISSED]
        )
        rows.append(
            {
                "email": p.person.user.email,
                "role": p.role,
                "mentorship": p.mentorship_id,
                "meetings": list(meetings.values_list("pk", flat=True)),
                "past_meetings": list(past.values_list("pk", flat=True)),
                "goals": list(
                    Goal.objects.filter(mentorship=p.mentorship_id).values_list("pk", flat=True)
                ),
            }
        )
    return rows


def plan() -> dict:
    programs = Program.objects.prefetch_related("managers", "coaches__user").select_related(
        "sponsor__user"
    )
    managers, coaches, sponsors = {}, set(), {}
    for program in programs.order_by("pk"):
        info = {"slug": program.slug, "pk": program.pk}
        for manager in program.managers.all():
            managers.setdefault(manager.email, []).append(info)
        coaches.update(c.user.email for c in program.coaches.all() if c.user)
        if program.sponsor and program.sponsor.user:
            sponsors.setdefault(program.sponsor.user.email, []).append(info)
    return {
        "password": builder.PASSWORD,
        "participants": _participant_rows(),
        "managers": [{"email": e, "programs": p} for e, p in sorted(managers.items())],
        "coaches": [{"email": e} for e in sorted(coaches)],
        "sponsors": [{"email": e, "programs": p} for e, p in sorted(sponsors.items())],
    }


def signed_in(email: str) -> str:
    """A session key as ``django.contrib.auth.login`` would have stored it."""
    user = User.objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def main() -> None:
    parser = argparse.ArgumentParser(description="Demo history and the load test's cast.")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    the_plan = plan()
    people = cast(the_plan, args.users, random.Random(args.seed))
    the_plan["cast"] = [
        {"role": p.role, "email": p.email, "info": p.info, "session": signed_in(p.email)}
        for p in people
    ]
    json.dump(the_plan, sys.stdout)


if __name__ == "__main__":
    main()
