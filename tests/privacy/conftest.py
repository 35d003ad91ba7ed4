"""A program with six pairs: five built like the insights tests' (so every figure shows) and
the cast's mentor Léa with the mentee Jean, who wrote everywhere Tandem keeps text."""

import datetime as dt
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from tandem.accounts.audit import record
from tandem.accounts.models import Invitation
from tandem.accounts.tokens import create_token
from tandem.insights.models import Moment
from tandem.matching.models import MatchingRun, Proposal, ProposalMember
from tandem.mentorships.models import (
    CalendarFeed,
    ClosingReview,
    Goal,
    GoalProgress,
    Meeting,
    MeetingLog,
    Mentorship,
    Milestone,
    Preparation,
    SentReminder,
)
from tandem.people.models import Person
from tandem.programs.models import TrainingCompletion, TrainingModule
from tandem.recognition.models import Certificate, Testimonial
from tests.insights import builders as b

MENTEE_NAME = "Jean Moreau"
SECRET_LOG = "Jean Moreau admitted he never reads phishing alerts"
MENTEE_LOG = "With Léa Bernard I finally understood prompts; my burnout is behind me"
PARTNER_PREP = "Ask Jean Moreau about the board's view on AI"
MENTEE_PREP = "I feel anxious about the reorganisation"
GOAL_NOTES = "Private: my boss must not know I struggle"


@dataclass
class World:
    cast: object
    pair: Mentorship
    mentee: Person
    mentor: Person
    log: MeetingLog


def _texts(pair, mentor_p, mentee_p):
    """Meetings, preparations, logs and goals of the cast's pair, both authors."""
    held = Meeting.objects.create(
        mentorship=pair, starts_at=b.STARTED + dt.timedelta(days=20), status="held"
    )
    b.meeting(pair, Meeting.Status.HELD, 50)
    Preparation.objects.create(meeting=held, author=mentee_p, state_of_mind=MENTEE_PREP)
    Preparation.objects.create(meeting=held, author=mentor_p, topics_to_raise=PARTNER_PREP)
    log = MeetingLog.objects.create(
        meeting=held, author=mentee_p, acquired=MENTEE_LOG, mentor_learned="board politics"
    )
    second = Meeting.objects.create(
        mentorship=pair, starts_at=b.STARTED + dt.timedelta(days=80), status="held"
    )
    MeetingLog.objects.create(meeting=second, author=mentor_p, to_improve=SECRET_LOG)
    goal = Goal.objects.get(mentorship=pair, learner=mentee_p)
    goal.notes, goal.criteria = GOAL_NOTES, "Jean Moreau writes three prompts a day"
    goal.save()
    Milestone.objects.create(goal=goal, title="Jean's first prompt library")
    GoalProgress.objects.create(goal=goal, log=log, level=2, status="in_progress", comment="ok")
    ClosingReview.objects.create(
        participant=mentee_p, autonomy=4, next_steps="Teach my team", would_recommend=True
    )
    return log


def _traces(cast, pair, mentee, mentee_p):
    """Every other place a name or an email lands: accounts, matching, recognition, logs."""
    user = cast.mentee
    create_token(user, "HR system")
    CalendarFeed.objects.create(person=mentee, token_hash="c" * 64)
    Invitation.objects.create(
        person=mentee,
        email=mentee.email,
        token_hash="i" * 64,
        expires_at=b.STARTED + dt.timedelta(days=7),
    )
    record(cast.manager, "people.viewed", mentee, name=MENTEE_NAME, email=mentee.email)
    mentor = cast.mentor.person
    record(cast.manager, "people.viewed", mentor, name=mentor.full_name, email=mentor.email)
    SentReminder.objects.create(kind="meeting", key=f"m{pair.pk}", recipient=mentee.email)
    run = MatchingRun.objects.create(program=cast.program, status="published")
    proposal = Proposal.objects.create(
        run=run, score=812, reasons=[f"{MENTEE_NAME}: covers generative AI"]
    )
    ProposalMember.objects.create(proposal=proposal, person=mentee, role="mentee")
    pair.reasons = [f"{MENTEE_NAME}: covers generative AI"]
    pair.save(update_fields=["reasons"])
    Certificate.objects.create(
        participant=mentee_p,
        person=mentee,
        program=cast.program,
        full_name=MENTEE_NAME,
        program_name=cast.program.name,
        role="mentee",
        started_on=dt.date(2026, 1, 12),
        ended_on=dt.date(2026, 6, 1),
        code="CERT1234",
    )
    Testimonial.objects.create(
        program=cast.program, author=mentee, role="mentee", text="Léa changed how I work."
    )
    module = TrainingModule.objects.first()
    TrainingCompletion.objects.create(
        person=mentee, module=module, completed_at=b.STARTED, score=4, out_of=4
    )
    AccessAttempt.objects.create(
        username=mentee.email,
        ip_address="10.0.0.1",
        user_agent="pytest",
        http_accept="*/*",
        path_info="/accounts/login/",
        get_data="",
        post_data=f"username={mentee.email}",
        failures_since_start=1,
    )
    LogEntry.objects.create(
        user=cast.manager,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(mentee.pk),
        object_repr=MENTEE_NAME,
        action_flag=CHANGE,
        change_message="[]",
    )


@pytest.fixture
def world(cast):
    pairs = b.pairs(cast.program, 5)
    for i, m in enumerate(pairs):
        b.meeting(m, Meeting.Status.HELD, 10, "yes" if i % 2 else "")
        b.answer(m, "mentee", Moment.FINAL, "satisfaction", 3 + i % 3)
        b.answer(m, "mentor", Moment.FINAL, "satisfaction", 5 - i % 2)
    mentor, mentee = cast.mentor.person, cast.mentee.person
    pair = b.pair(cast.program, mentor, mentee)
    mentor_p, mentee_p = (pair.participants.get(role=r) for r in ("mentor", "mentee"))
    log = _texts(pair, mentor_p, mentee_p)
    b.answer(pair, "mentee", Moment.FINAL, "satisfaction", 2)
    b.answer(pair, "mentee", Moment.FINAL, "nps", 9)
    _traces(cast, pair, mentee, mentee_p)
    return World(cast=cast, pair=pair, mentee=mentee, mentor=mentor, log=log)
