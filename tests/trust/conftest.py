"""The trust tests' world: the API tests' two active pairs (time frozen in their program), the
pair's confidential texts written through the services, each starting with a marker no page may
show, and one object of every kind a route can name (run, task, certificate, testimonial…),
plus the two roles the shared cast lacks: a superuser and the manager of another program."""

import datetime as dt
import secrets
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType

from tandem.accounts.models import Invitation, User
from tandem.accounts.services.invitations import hash_token
from tandem.accounts.tokens import create_token
from tandem.insights.models import SurveyDue
from tandem.insights.services.surveys import refresh_dues
from tandem.matching.models import MatchingRun, Proposal, ProposalMember
from tandem.matching.services.run import run_matching
from tandem.mentorships.models import Meeting, MentorRequest, Mentorship, Participant, Project
from tandem.mentorships.services import calendar, closing, goals, journal, projects
from tandem.people.models import EndorsementRequest
from tandem.programs.models import Program, TrainingCompletion, TrainingModule
from tandem.recognition.models import Certificate
from tandem.recognition.services import testimonials
from tests import factories as f
from tests.api.conftest import World
from tests.factories import START
from tests.people.scim_helpers import make_directory

MARKER = "Zqxv"  # starts every confidential text; no page, file, mail or log may contain it
PREPARATION = {
    "state_of_mind": f"{MARKER}1 anxious about the board meeting",
    "topics_to_raise": f"{MARKER}2 I never understood our cloud bill",
    "targeted_learning": f"{MARKER}3 prompt writing for memos",
}
LOG = {
    "acquired": f"{MARKER}4 wrote a first prompt",
    "to_improve": f"{MARKER}5 still afraid of phishing",
    "exercises": f"{MARKER}6 rewrote the budget memo",
    "next_topics": f"{MARKER}7 spreadsheets with AI",
    "mentor_learned": f"{MARKER}8 how the budget is decided",
    "mentee_learned": f"{MARKER}9 that the tool makes things up",
}
GOAL_NOTES = f"{MARKER}10 I hide this weakness from my team"
PROGRESS_COMMENT = f"{MARKER}11 better than expected"
NEXT_STEPS = f"{MARKER}12 ask for a second mentor"
REQUEST_MESSAGE = f"{MARKER}13 please teach me prompting"  # the mentor alone reads it
DELIVERABLE = f"{MARKER}14 a prompt library for the committee"
PROJECT_MILESTONE = f"{MARKER}15 first ten prompts"


@dataclass
class Trust:
    """Everything a route's kwargs can point at, and every role's user (None: anonymous)."""

    world: World
    users: dict
    ids: dict


def _superuser() -> User:
    return User.objects.create_superuser(email="root@example.com", password=f.PASSWORD)


def _other_manager() -> tuple[User, Program]:
    """An HR program manager who manages another program, not the cast's."""
    person = f.person("Sophie Blanc", department="HR", with_user=True)
    person.user.is_program_manager = True
    person.user.save()
    other = f.program("Cyber reflexes", slug="cyber-reflexes", status=Program.Status.RECRUITING)
    other.managers.add(person.user)
    return person.user, other


def write_confidential_texts(world: World, clock) -> dict:
    """The mentee prepares the first meeting and notes a goal, the mentor logs it afterwards,
    the mentee writes a closing review: every confidential field, with its marker."""
    cast, pair = world.cast, world.pair
    meeting = world.meeting
    journal.write_preparation(meeting, cast.mentee, **PREPARATION)
    goal = pair.goals.get(learner__role=Participant.Role.MENTEE)
    goals.update_goal(goal, cast.mentee, notes=GOAL_NOTES)
    milestone = goals.add_milestone(goal, cast.mentee, "Write one prompt a day")
    clock.move_to(meeting.ends_at + dt.timedelta(minutes=5))
    progress = [{"goal": goal, "level": 2, "comment": PROGRESS_COMMENT}]
    journal.write_log(meeting, cast.mentor, progress=progress, **LOG)
    review = closing.submit_closing_review(
        pair.participants.get(person=cast.mentee.person),
        cast.mentee,
        goals_reached={goal: True},
        autonomy=3,
        next_steps=NEXT_STEPS,
        would_recommend=True,
    )
    project = Project.objects.create(mentorship=pair)  # the world's pair works on a project too
    projects.update_project(project, cast.mentee, deliverable=DELIVERABLE)
    step = projects.add_milestone(project, cast.mentor, PROJECT_MILESTONE)
    return {"goal": goal, "milestone": milestone, "review": review, "project_milestone": step}


def _admin_rows(world: World) -> dict:
    """A row of every model the admin lists (some only fill up in production), and the ids
    the admin routes take: ``pk:<app.Model>``."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib import admin
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tandem.insights.models import Alert, MeetingMonth, StaleMentorship

    Group.objects.create(name="HR")
    pair = {"program": world.program, "mentorship": world.pair}
    Alert.objects.create(kind=Alert.Kind.TWO_MISSED, opened_at=START, **pair)
    StaleMentorship.objects.create(mentorship=world.pair)
    if not MeetingMonth.objects.exists():
        MeetingMonth.objects.create(month=dt.date(2026, 1, 1), **pair)
    seen = {"ip_address": "10.0.0.1", "user_agent": "test", "username": "x@example.com"}
    AccessAttempt.objects.create(failures_since_start=1, **seen)
    AccessLog.objects.create(**seen)
    AccessFailureLog.objects.create(**seen)
    device_owner = world.cast.mentee
    TOTPDevice.objects.create(user=device_owner, name="Authenticator", confirmed=True)
    StaticDevice.objects.create(user=device_owner, name="Recovery codes")
    ids = {}
    for model in admin.site._registry:
        row = model._default_manager.order_by("pk").first()
        assert row is not None, f"no {model._meta.label} row for the admin pages"
        ids[f"pk:{model._meta.label}"] = row.pk
    return ids


def finished_report_task(program, actor) -> str:
    """A background impact report, built and kept (the task run here, not by a worker)."""
    from django_tasks_db.models import DBTaskResult

    from tandem.insights.tasks import build_report_task

    kwargs = {"program_id": program.pk, "actor_id": actor.pk, "language": "en"}
    result = build_report_task.enqueue(**kwargs)
    row = DBTaskResult.objects.get(id=result.id)
    row.claim("trust-tests")
    row.set_successful(build_report_task.func(**kwargs))
    return str(result.id)


def _task_id(program, actor) -> str:
    """A matching run waiting in the task queue (the database backend runs nothing here)."""
    from tandem.matching.tasks import run_matching_task

    result = run_matching_task.using(backend="default").enqueue(
        program_id=program.pk, actor_id=actor.pk, dry_run=True, language="en"
    )
    return result.id


def _proposal(run, cast) -> Proposal:
    """A proposal of the run for the decide and swap pages (the cast is already paired)."""
    proposal = Proposal.objects.create(run=run, score=10)
    ProposalMember.objects.create(proposal=proposal, person=cast.mentor.person, role="mentor")
    ProposalMember.objects.create(proposal=proposal, person=cast.mentee.person, role="mentee")
    return proposal


def _objects(world: World, users: dict) -> dict:
    """One object of each kind the routes name, with the ids the route kwargs take."""
    cast, program = world.cast, world.program
    mentee = world.pair.participants.get(person=cast.mentee.person)
    certificate = Certificate.objects.create(
        participant=mentee,
        person=mentee.person,
        program=program,
        full_name=mentee.person.full_name,
        program_name=program.name,
        role=mentee.role,
        started_on=dt.date(2026, 1, 6),
        ended_on=dt.date(2026, 6, 30),
        code=secrets.token_hex(8),
    )
    testimonial = testimonials.write(program, cast.mentee, "It changed how I work.", True)
    refresh_dues(program)
    due = SurveyDue.objects.filter(person=cast.mentee.person, mentorship=world.pair).first()
    token = secrets.token_urlsafe(16)
    newcomer = f.person("Nina Vidal", department="Sales")
    Invitation.objects.create(
        person=newcomer,
        email=newcomer.email,
        token_hash=hash_token(token),
        expires_at=START + dt.timedelta(days=14),
    )
    run = run_matching(program, actor=cast.manager).run
    assert MatchingRun.objects.filter(pk=run.pk).exists()
    proposal = run.proposals.first() or _proposal(run, cast)
    api_token = create_token(cast.mentee, "calendar app")[0]
    module = TrainingModule.objects.order_by("position").first()
    program.required_modules.add(module)
    TrainingCompletion.objects.create(
        person=cast.mentor.person, module=module, completed_at=START, score=4, out_of=4
    )
    genai = cast.mentor.person.competences.get(topic__slug="genai")
    own = f.competence(cast.mentor.person, "prompting", 2, 0)
    endorsement = EndorsementRequest.objects.create(
        competence=own, colleague=cast.outsider.person, level=2
    )
    return {
        "slug": program.slug,
        "program": program.pk,
        "self_competence": own.pk,
        "endorsement": endorsement.pk,
        "coach_email": cast.coach.email,
        "pair": world.pair.pk,
        "meeting": world.meeting.pk,
        "next_meeting": world.pair.meetings.filter(status=Meeting.Status.PLANNED)
        .order_by("starts_at")[0]
        .pk,
        "mentee_person": cast.mentee.person.pk,
        "mentor_person": cast.mentor.person.pk,
        "newcomer": newcomer.pk,
        "mentor_enrolment": program.enrolments.get(person=cast.mentor.person).pk,
        "module": module.slug,
        "task": _task_id(program, cast.manager),
        "report_task": finished_report_task(program, cast.manager),
        "mentee_user": cast.mentee.pk,
        "mentee_eid": cast.mentee.person.employee_id,
        "mentor_eid": cast.mentor.person.employee_id,
        "mentee_participant": mentee.pk,
        "pair_type": ContentType.objects.get_for_model(Mentorship).pk,
        "run": run.pk,
        "proposal": proposal.pk,
        "proposal_mentor": proposal.members.get(role="mentor").person_id,
        "proposal_mentee": proposal.members.get(role="mentee").person_id,
        "certificate": certificate.pk,
        "code": certificate.code,
        "testimonial": testimonial.pk,
        "due": due.pk if due else 0,
        "invitation": token,
        "calendar": calendar.issue_feed_token(cast.mentee.person, cast.mentee),
        "api_token": api_token.pk,
        "organization": cast.mentee.person.organization_id,
        "topic": f.topic("genai").pk,
        "competence": genai.pk,
        "mentor_request": _mentor_request(world).pk,
        "directory": make_directory().directory.pk,
    }


def _mentor_request(world: World) -> MentorRequest:
    """A self-matching request the mentee sent the mentor, still waiting for the answer."""
    return MentorRequest.objects.create(
        program=world.program,
        mentee=world.cast.mentee.person,
        mentor=world.cast.mentor.person,
        message=REQUEST_MESSAGE,
        expires_at=START + dt.timedelta(days=7),
    )


ROLES = [
    "anonymous",
    "mentor",
    "mentee",
    "other_member",
    "coach",
    "other_manager",
    "manager",
    "sponsor",
    "outsider",
    "superuser",
]


@pytest.fixture
def trust(cast, clock, settings) -> Trust:
    settings.TANDEM_API_RATE = "100000/min"  # one token answers a hundred calls in a row
    world = World(cast)
    written = write_confidential_texts(world, clock)
    users = {name: getattr(cast, name, None) for name in ROLES}
    other_manager, other_program = _other_manager()
    users.update(anonymous=None, superuser=_superuser(), other_manager=other_manager)
    ids = _objects(world, users)
    ids.update(goal=written["goal"].pk, milestone=written["milestone"].pk)
    ids.update(project_milestone=written["project_milestone"].pk)
    ids.update(other_program=other_program.pk, other_slug=other_program.slug)
    ids.update(_admin_rows(world))
    return Trust(world=world, users=users, ids=ids)
