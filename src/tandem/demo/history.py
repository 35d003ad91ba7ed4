"""Months of life for the demo's mentorships, written through the real services so the
summaries, alerts, reminders and certificates read them as they would read real use.

Everything is relative to ``today`` and drawn from one ``Random``. Services that stamp the
current time (a meeting marked held, a survey answered, a mentorship completed) get their
timestamps set back afterwards, then the program's summary is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import F

from tandem.accounts.audit import record
from tandem.accounts.models import AuditEvent
from tandem.demo import stories
from tandem.insights.models import Alert, Kind, Moment, SurveyDue
from tandem.insights.services import alerts, summary, surveys
from tandem.mentorships.models import Goal, Meeting, Mentorship, Participant, SentReminder
from tandem.mentorships.services import goals, inactivity, journal, schedule
from tandem.programs.models import Program

STALLED = {5: "missed", 11: "silent"}  # pair index -> how the pair ran out of steam
KICK_OFF = dt.timedelta(days=7)  # the silent pair met once, at least 77 days ago; then it was
NUDGED, NOTICED = dt.timedelta(days=12), dt.timedelta(days=5)  # nudged, then given its notice
MIDPOINT_SKIPPED = {8, 14, 17}  # pairs where one person has not answered the midpoint survey


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour)).replace(tzinfo=dt.UTC)


def sides(mentorship: Mentorship) -> dict[str, Participant]:
    rows = mentorship.participants.select_related("person__user")
    return {p.role: p for p in rows}


def ensure_goals(mentorship: Mentorship) -> None:
    """Goals proposed from the needs; a mentee with no need inside the program's topics
    writes one by hand, as the page asks before the first log."""
    if not mentorship.goals.exists():
        goals.propose_initial_goals(mentorship)
    if goals.missing_goal_messages(mentorship):
        mentee = sides(mentorship)[Participant.Role.MENTEE]
        goals.add_goal(
            mentorship,
            mentee.person.user,
            learner=mentee,
            title=stories.TEAM_GOAL,
            target_level=2,
        )


def past_starts(mentorship: Mentorship, until: dt.datetime) -> list[dt.datetime]:
    """The meetings at the program's cadence from the pair's start until ``until``."""
    program = mentorship.program
    cadence = dt.timedelta(days=program.cadence_days)
    starts, moment = [], mentorship.started_at + cadence
    while moment + dt.timedelta(minutes=program.meeting_minutes) < until:
        starts.append(moment)
        moment += cadence
    return starts


def log_texts(rng: random.Random, number: int) -> dict:
    """The ``number``-th meeting's log, most of them saying what the mentor learned."""
    texts = dict(stories.LOGS[number % len(stories.LOGS)])
    if rng.random() < 0.2:
        texts["mentor_learned"] = ""
    return texts


def hold(mentorship, meeting, number, rng, people, *, can_reach: bool) -> None:
    """One held meeting: its log by one side or the other, the goals moving up slowly (and
    reached only when ``can_reach``, late in the pair's life)."""
    writer = people[rng.choice([Participant.Role.MENTOR, Participant.Role.MENTEE])]
    progress = []
    for goal in mentorship.goals.filter(status__in=journal.OPEN_GOALS).order_by("pk"):
        level = min(goal.target_level, (goal.level or 0) + (1 if rng.random() < 0.4 else 0))
        reached = can_reach and level >= goal.target_level and rng.random() < 0.6
        status = Goal.Status.REACHED if reached else None
        progress.append({"goal": goal, "level": level, "status": status})
    journal.write_log(meeting, writer.person.user, progress=progress, **log_texts(rng, number))


def live_pair(mentorship: Mentorship, rng: random.Random, today: dt.date, stalled: str) -> None:
    """Past meetings held and logged (or missed, or never planned, for a stalled pair), then
    the schedule until the program ends."""
    people = sides(mentorship)
    starts = past_starts(mentorship, at(today, 8))
    if stalled == "silent":  # a kick-off a week in, then nothing: nudged, noticed, closing soon
        starts = [mentorship.started_at + KICK_OFF]
    offset = rng.randrange(5)  # where in the series of logs the pair starts
    for number, starts_at in enumerate(starts):
        meeting = Meeting.objects.create(
            mentorship=mentorship,
            starts_at=starts_at + dt.timedelta(hours=rng.choice([0, 2, 4, 6])),
            minutes=mentorship.program.meeting_minutes,
        )
        if stalled == "missed" and number >= len(starts) - 2:
            mentee = people[Participant.Role.MENTEE].person.user
            schedule.set_meeting_status(meeting, mentee, Meeting.Status.MISSED)
        else:
            hold(mentorship, meeting, number + offset, rng, people, can_reach=number >= 3)
    schedule.generate_schedule(mentorship, start=today + dt.timedelta(days=1))


def answer_value(key: str, kind: str, moment: str, rng: random.Random, low: bool) -> int:
    """A plausible answer: modest levels and tool use before, satisfied pairs after."""
    if kind == Kind.NPS:
        return rng.choice([6, 7, 8, 8, 9, 9, 10, 10])
    if key in ("satisfaction", "usefulness"):
        return rng.choice([1, 2]) if low else rng.choice([3, 4, 4, 5, 5])
    if kind == Kind.FREQUENCY:
        return rng.choice([0, 0, 1]) if moment == Moment.BASELINE else rng.choice([1, 2, 2, 3])
    if kind == Kind.LEVEL:
        return rng.choice([1, 1, 2]) if moment == Moment.BASELINE else rng.choice([2, 3, 3, 4])
    return rng.choice([2, 3, 3, 4]) if moment == Moment.BASELINE else rng.choice([3, 4, 4, 5])


def answer(due: SurveyDue, rng: random.Random, low: bool = False) -> None:
    moment = due.survey.moment
    data = {
        name: answer_value(question.key, question.kind, moment, rng, low)
        for name, question, _topic in surveys.form_items(due)
    }
    surveys.submit_answers(due, due.person.user, data)


def answer_surveys(program: Program, rng: random.Random, today: dt.date, skip=(), low=()):
    """Everyone answers what is open on ``today``, except the midpoint survey of the
    (mentorship, person) pairs in ``skip``; the mentorships in ``low`` are unhappy."""
    surveys.refresh_dues(program)
    dues = (
        SurveyDue.objects.filter(survey__program=program, answered_at=None, due_on__lte=today)
        .select_related("survey", "person__user", "mentorship")
        .order_by("due_on", "mentorship_id", "survey__role")
    )
    for due in dues:
        key = (due.mentorship_id, due.person_id)
        if due.survey.moment != Moment.MIDPOINT or key not in skip:
            answer(due, rng, low=due.mentorship_id in low)
    _backdate_answers(program, today)


def _backdate_answers(program: Program, today: dt.date) -> None:
    """Answers were given in the days after each survey opened, not when the demo was built."""
    answered = SurveyDue.objects.filter(survey__program=program).exclude(answered_at=None)
    for pk, due_on in answered.values_list("pk", "due_on"):
        moment = min(at(due_on, 9) + dt.timedelta(days=pk % 5), at(today, 8))
        SurveyDue.objects.filter(pk=pk).update(answered_at=moment)


def backdate_meetings(program: Program) -> None:
    """A meeting marked held or missed was marked on its day, not when the demo was built."""
    Meeting.objects.filter(mentorship__program=program).exclude(
        status=Meeting.Status.PLANNED
    ).update(status_changed_at=F("starts_at") + dt.timedelta(hours=2))


def running(program: Program, rng: random.Random, today: dt.date) -> None:
    """The running program's active pairs: goals, meetings, surveys, and the alerts today."""
    active = list(program.mentorships.filter(status=Mentorship.Status.ACTIVE).order_by("pk"))
    for index, mentorship in enumerate(active):
        ensure_goals(mentorship)
        live_pair(mentorship, rng, today, STALLED.get(index, ""))
    backdate_meetings(program)
    low = {active[i].pk for i in STALLED if i < len(active)}
    skip = set()
    if surveys.midpoint(program) <= today:
        for i in MIDPOINT_SKIPPED & set(range(len(active))):
            skip.add((active[i].pk, sides(active[i])[Participant.Role.MENTOR].person_id))
    answer_surveys(program, rng, today, skip=skip, low=low)
    summary.rebuild([program.pk])
    silent_steps(program, today)
    alerts.refresh_alerts(program, at(today, 9))
    for pk, params in program.alerts.filter(kind=Alert.Kind.INACTIVE).values_list("pk", "params"):
        noticed = dt.date.fromisoformat(params["noticed_on"])  # open since the notice went out
        Alert.objects.filter(pk=pk).update(opened_at=at(noticed, 8))


def silent_steps(program: Program, today: dt.date) -> None:
    """The silent pair was nudged and given its closing notice (its coach and manager
    alerted) as ``tandem remind`` would have done: the step claims, each member's and
    supervisor's email marked sent, the history lines — all dated in the past, so the pair
    closes in nine days unless it meets."""
    for silence in inactivity.silences(at(today, 9), [program]):
        mentorship = Mentorship.objects.select_related("program").get(pk=silence.mentorship_id)
        members = [p.person.email for p in sides(mentorship).values()]
        supervisors = [email for email, _language in inactivity.supervisors(mentorship)]
        steps = (
            (inactivity.NUDGE, NUDGED, "mentorship.inactivity_nudge", members),
            (inactivity.NOTICE, NOTICED, "mentorship.inactivity_notice", members + supervisors),
        )
        for kind, ago, action, recipients in steps:
            when = at(today - ago, 8)
            details = {
                "since": silence.since.date().isoformat(),
                "days": (when - silence.since).days,
            }
            if kind == inactivity.NOTICE:
                closes = when + dt.timedelta(days=silence.notice)
                details["closes_on"] = closes.date().isoformat()
            for recipient in [inactivity.STEP, *recipients]:
                SentReminder.objects.create(kind=kind, key=silence.key, recipient=recipient)
            SentReminder.objects.filter(kind=kind, key=silence.key).update(sent_at=when)
            event = record(None, action, mentorship, **details)
            AuditEvent.objects.filter(pk=event.pk).update(at=when)


def backdate_proposals(*programs: Program) -> None:
    """Pairs that started were proposed and accepted before, not when the demo was built."""
    Mentorship.objects.filter(program__in=programs, started_at__isnull=False).update(
        created_at=F("started_at") - dt.timedelta(days=12),
        accepted_at=F("started_at") - dt.timedelta(days=3),
    )
