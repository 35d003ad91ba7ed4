"""Goals both ways: proposed from needs, one for the mentor too, required before starting."""

import pytest

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import Goal, Mentorship, Participant
from tandem.mentorships.services import goals, journal, lifecycle
from tests import factories as f
from tests.factories import accept_all, participant, propose_pair, sign_all

MENTOR, MENTEE = Participant.Role.MENTOR, Participant.Role.MENTEE


def test_it_proposes_goals_from_the_mentees_needs_and_one_for_the_mentor(cast, clock):
    f.need(cast.mentee.person, "cyber", priority=1)
    f.need(cast.mentee.person, "automation", priority=2)  # not a topic of the program
    mentorship = accept_all(propose_pair(cast))
    mentee_goals = mentorship.goals.filter(learner__role=MENTEE).order_by("id")
    assert [g.topic.slug for g in mentee_goals] == ["genai", "cyber"]
    assert all(1 <= g.target_level <= 4 and g.status == Goal.Status.OPEN for g in mentee_goals)
    (mentor_goal,) = mentorship.goals.filter(learner__role=MENTOR)
    assert mentor_goal.topic.side == "senior"


def test_it_needs_a_goal_on_both_sides_to_start(cast, clock):
    mentorship = accept_all(propose_pair(cast))
    mentor_goal = mentorship.goals.get(learner__role=MENTOR)
    goals.set_goal_status(mentor_goal, cast.mentee, Goal.Status.DROPPED)
    mentorship = sign_all(mentorship)
    assert mentorship.status == Mentorship.Status.ACCEPTED
    with pytest.raises(MentorshipError, match="goal for the mentor"):
        lifecycle.activate(mentorship, cast.mentor)
    goals.add_goal(
        mentorship,
        cast.mentor,
        learner=participant(mentorship, cast.mentor),
        title="How the budget is decided",
        topic=f.topic("strategy"),
    )
    assert lifecycle.activate(mentorship, cast.mentor).status == Mentorship.Status.ACTIVE


def test_it_needs_goals_before_the_first_log(active_pair, cast, clock):
    active_pair.goals.filter(learner__role=MENTEE).update(status=Goal.Status.DROPPED)
    meeting = active_pair.meetings.order_by("starts_at").first()
    clock.move_to(meeting.ends_at)
    with pytest.raises(MentorshipError, match="learning goal for the mentee"):
        journal.write_log(meeting, cast.mentee, acquired="x")


def test_it_tracks_milestones_and_refuses_bad_values(active_pair, cast):
    goal = active_pair.goals.get(learner__role=MENTEE)
    milestone = goals.add_milestone(goal, cast.mentee, "Write a prompt library")
    assert goals.reach_milestone(milestone, cast.mentor).reached_at is not None
    with pytest.raises(MentorshipError, match="between 1 and 4"):
        goals.update_goal(goal, cast.mentee, target_level=7)
    with pytest.raises(MentorshipError, match="Unknown goal status"):
        goals.set_goal_status(goal, cast.mentee, "done")
    with pytest.raises(MentorshipError, match="participants"):
        goals.update_goal(goal, cast.coach, notes="peeking")
