"""Gives the demo organisation ten weeks of history, then prints the load test's cast as JSON.

Run by ``bench/load.py`` in a subprocess with the server's environment (production settings,
its database), after ``tandem demo``. The demo has active pairs but no goals or meetings yet;
a realistic load needs them: goals proposed from each side's needs, the meetings that already
took place (all logged but the last, which the load's participants log), and the schedule
until the program ends. Idempotent: a pair that already has meetings is left as it is.

The cast (``load_users.cast``) is the simulated users, each with the account it uses, the pages
it may read and a session already signed in: people keep their session for weeks, so most of
them arrive signed in, and the load measures pages, not one Argon2 hash per user at once.

    .venv/bin/python bench/load_seed.py --users 100 --seed 2026   # with the server's environment
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from load_users import cast  # noqa: E402

from tandem.accounts.models import User  # noqa: E402
from tandem.mentorships.models import Goal, Meeting, Mentorship, Participant  # noqa: E402
from tandem.mentorships.services import goals, journal, schedule  # noqa: E402
from tandem.programs.models import Program  # noqa: E402
from tandem.web import demo  # noqa: E402

LOG = {
    "acquired": "Wrote three prompts for the weekly report and compared their answers.",
    "to_improve": "Check the sources an assistant gives before quoting them.",
    "exercises": "Summarised a supplier contract with the approved assistant.",
    "next_topics": "Data confidentiality with AI tools.",
    "mentor_learned": "How the budget of a department is negotiated.",
    "mentee_learned": "Where an assistant invents facts, and how to spot it.",
}


def _ensure_goals(mentorship: Mentorship) -> None:
    """Goals proposed from the needs; a mentee whose needs are all outside the program's topics
    writes one goal by hand, as the page asks before the first log."""
    if not mentorship.goals.exists():
        goals.propose_initial_goals(mentorship)
    if goals.missing_goal_messages(mentorship):
        mentee = mentorship.participants.get(role=Participant.Role.MENTEE)
        goals.add_goal(
            mentorship,
            mentee.person.user,
            learner=mentee,
            title="Use an AI assistant every week",
            target_level=2,
        )


def _history(mentorship: Mentorship, now: dt.datetime) -> None:
    """Past meetings at the program's cadence since the pair started, logged but the last one;
    then the schedule until the end of the program."""
    program = mentorship.program
    cadence = dt.timedelta(days=program.cadence_days)
    starts, moment = [], mentorship.started_at + cadence
    while moment + dt.timedelta(minutes=program.meeting_minutes) < now - dt.timedelta(hours=2):
        starts.append(moment)
        moment += cadence
    past = [
        Meeting.objects.create(mentorship=mentorship, starts_at=s, minutes=program.meeting_minutes)
        for s in starts
    ]
    mentor = mentorship.participants.get(role=Participant.Role.MENTOR).person.user
    for meeting in past[:-1]:
        journal.write_log(meeting, mentor, **LOG)
    schedule.generate_schedule(mentorship)


def seed() -> None:
    now = timezone.now()
    active = Mentorship.objects.filter(status=Mentorship.Status.ACTIVE).select_related("program")
    for mentorship in active:
        with transaction.atomic():
            _ensure_goals(mentorship)
            if not mentorship.meetings.exists():
                _history(mentorship, now)


def _participant_rows() -> list[dict]:
    """Each participant of an active pair with the pages they read and the meetings they may
    log (past, not cancelled)."""
    now = timezone.now()
    rows = []
    participants = Participant.objects.filter(
        mentorship__status=Mentorship.Status.ACTIVE
    ).select_related("person__user", "mentorship")
    for p in participants.order_by("pk"):
        meetings = Meeting.objects.filter(mentorship=p.mentorship_id).order_by("starts_at")
        past = meetings.filter(starts_at__lt=now).exclude(status=Meeting.Status.CANCELLED)
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
        "password": demo.PASSWORD,
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
    seed()
    the_plan = plan()
    people = cast(the_plan, args.users, random.Random(args.seed))
    the_plan["cast"] = [
        {"role": p.role, "email": p.email, "info": p.info, "session": signed_in(p.email)}
        for p in people
    ]
    json.dump(the_plan, sys.stdout)


if __name__ == "__main__":
    main()
