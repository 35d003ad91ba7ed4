"""What a pair writes is read by the pair alone — checked for every confidential field against
every other role — and is stored encrypted."""

import pytest
from django.db import connection
from django.http import Http404

from tandem.accounts.fields import encrypted_fields
from tandem.accounts.models import User
from tandem.mentorships import permissions
from tandem.mentorships.models import (
    ClosingReview,
    Goal,
    GoalProgress,
    MeetingLog,
    MentorRequest,
    Participant,
    Preparation,
    Project,
    ProjectMilestone,
)
from tandem.mentorships.services import (
    calendar,
    closing,
    goals,
    journal,
    lifecycle,
    projects,
)
from tandem.programs.models import Enrolment
from tests import factories as f
from tests.factories import accept_all, participant, sign_all

CONFIDENTIAL = [
    (Preparation, "state_of_mind"),
    (Preparation, "topics_to_raise"),
    (Preparation, "targeted_learning"),
    (MeetingLog, "acquired"),
    (MeetingLog, "to_improve"),
    (MeetingLog, "exercises"),
    (MeetingLog, "next_topics"),
    (MeetingLog, "mentor_learned"),
    (MeetingLog, "mentee_learned"),
    (Goal, "notes"),
    (GoalProgress, "comment"),
    (ClosingReview, "next_steps"),
    (Project, "deliverable"),
    (ProjectMilestone, "title"),
]
FIELD_IDS = [f"{model.__name__}.{name}" for model, name in CONFIDENTIAL]
GETTERS = {
    Preparation: lambda user, obj: permissions.get_preparation_for(user, obj.pk),
    MeetingLog: lambda user, obj: permissions.get_meeting_log_for(user, obj.meeting_id),
    Goal: lambda user, obj: permissions.get_goal_for(user, obj.pk),
    GoalProgress: lambda user, obj: permissions.get_goal_progress_for(user, obj.pk),
    ClosingReview: lambda user, obj: permissions.get_closing_review_for(user, obj.pk),
    Project: lambda user, obj: permissions.get_project_for(user, obj.mentorship_id),
    ProjectMilestone: lambda user, obj: permissions.get_project_milestone_for(user, obj.pk),
}
READERS = ["coach", "manager", "sponsor", "other_member", "outsider", "superuser"]


def secret(model, name) -> str:
    return f"SECRET-{model.__name__}-{name}"


def _other_pair(cast):
    """Inès becomes the mentor of another pair, so she is "another pair's member"."""
    mentee = f.person("Zoé Lambert", with_user=True)
    f.need(mentee, "genai")
    f.competence(cast.other_member.person, "genai")
    f.enrol(mentee, cast.program, Enrolment.Role.MENTEE)
    other = lifecycle.create_mentorship(
        cast.program, [cast.other_member.person], [mentee], cast.manager
    )
    sign_all(accept_all(other))


@pytest.fixture
def written(active_pair, cast, clock):
    """Every confidential field of the pair filled with its own secret."""
    _other_pair(cast)
    meeting = active_pair.meetings.order_by("starts_at").first()
    texts = {name: secret(Preparation, name) for m, name in CONFIDENTIAL if m is Preparation}
    prep = journal.write_preparation(meeting, cast.mentee, **texts)
    goal = active_pair.goals.get(learner__role=Participant.Role.MENTEE)
    goals.update_goal(goal, cast.mentee, notes=secret(Goal, "notes"))
    clock.move_to(meeting.ends_at)
    texts = {name: secret(MeetingLog, name) for m, name in CONFIDENTIAL if m is MeetingLog}
    progress = [{"goal": goal, "level": 2, "comment": secret(GoalProgress, "comment")}]
    log = journal.write_log(meeting, cast.mentor, progress=progress, **texts)
    review = closing.submit_closing_review(
        participant(active_pair, cast.mentee),
        cast.mentee,
        goals_reached={goal: True},
        autonomy=3,
        next_steps=secret(ClosingReview, "next_steps"),
        would_recommend=True,
    )
    project = Project.objects.create(mentorship=active_pair)
    projects.update_project(project, cast.mentee, deliverable=secret(Project, "deliverable"))
    milestone = projects.add_milestone(project, cast.mentor, secret(ProjectMilestone, "title"))
    return {
        Preparation: prep,
        MeetingLog: log,
        Goal: goal,
        GoalProgress: log.progress.get(),
        ClosingReview: review,
        Project: project,
        ProjectMilestone: milestone,
    }


def _reader(cast, who) -> User:
    if who == "superuser":
        return User.objects.create_superuser(email="root@example.com", password="x" * 12)
    return getattr(cast, who)


def test_it_covers_every_encrypted_field_of_the_app():
    """A self-matching request's texts are between one mentee and one mentor, not a pair's:
    tests/mentorships/test_requests.py checks them."""
    found = {
        (model, name)
        for model, names in encrypted_fields()
        if model._meta.app_label == "mentorships" and model is not MentorRequest
        for name in names
    }
    assert found == set(CONFIDENTIAL)


@pytest.mark.parametrize(("model", "name"), CONFIDENTIAL, ids=FIELD_IDS)
def test_it_lets_both_participants_read(written, cast, model, name):
    for user in (cast.mentor, cast.mentee):
        obj = GETTERS[model](user, written[model])
        assert getattr(obj, name) == secret(model, name)


@pytest.mark.parametrize(("model", "name"), CONFIDENTIAL, ids=FIELD_IDS)
def test_it_hides_from_everyone_else(written, cast, model, name):
    """Coach, manager, sponsor, another pair's member, an outsider, a superuser: all 404."""
    for who in READERS:
        with pytest.raises(Http404):
            GETTERS[model](_reader(cast, who), written[model])
            pytest.fail(f"{who} could read {model.__name__}.{name}")


@pytest.mark.parametrize(("model", "name"), CONFIDENTIAL, ids=FIELD_IDS)
def test_it_stores_no_clear_text(written, model, name):
    column = model._meta.get_field(name).column
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s",  # noqa: S608
            [written[model].pk],
        )
        (raw,) = cursor.fetchone()
    assert raw.startswith("fernet:")
    assert secret(model, name) not in raw


def test_it_keeps_confidential_text_out_of_calendars(written, cast):
    meeting = written[MeetingLog].meeting
    assert b"SECRET" not in calendar.meeting_ics(meeting)
    assert b"SECRET" not in calendar.person_feed(cast.mentee.person)


def test_it_lets_supervisors_see_the_mentorship_but_not_the_agenda(written, cast):
    meeting = written[MeetingLog].meeting
    assert permissions.get_mentorship_for(cast.coach, meeting.mentorship_id)
    assert permissions.get_meeting_for(cast.manager, meeting.pk)
    with pytest.raises(Http404):
        permissions.get_pair_meeting_for(cast.coach, meeting.pk)
    with pytest.raises(Http404):
        permissions.get_mentorship_for(cast.other_member, meeting.mentorship_id)
