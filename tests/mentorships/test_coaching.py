"""A coach's overview: the pairs they supervise, statuses, dates and health flags."""

import dataclasses
import datetime as dt

from tandem.mentorships.models import Goal, Meeting
from tandem.mentorships.services import coaching, schedule
from tandem.people.models import Person
from tests import factories as f


def _mark(meeting, user, status, clock):
    clock.move_to(meeting.ends_at)
    schedule.set_meeting_status(meeting, user, status)


def test_it_lists_supervised_pairs_with_statuses_and_no_confidential_field(active_pair, cast):
    (health,) = coaching.coach_overview(cast.coach)
    assert health.mentorship_id == active_pair.pk and health.status == "active"
    assert {g.learner_role for g in health.goals} == {"mentor", "mentee"}
    names = {field.name for field in dataclasses.fields(health)}
    names |= {field.name for field in dataclasses.fields(health.goals[0])}
    assert not names & {"notes", "comment", "acquired", "state_of_mind", "next_steps"}


def test_it_shows_nothing_to_an_unrelated_coach(active_pair, cast):
    stranger = f.person("Another Coach", with_user=True)
    assert coaching.coach_overview(stranger.user) == []
    assert coaching.coach_overview(cast.outsider) == []


def test_it_follows_the_enrolment_coach(active_pair, cast):
    cast.program.coaches.clear()
    assert len(coaching.coach_overview(cast.coach)) == 1
    Person.objects.get(user=cast.coach).coached_enrolments.update(coach=None)
    assert coaching.coach_overview(cast.coach) == []


def test_it_flags_two_missed_meetings_in_a_row(active_pair, cast, clock):
    first, second = active_pair.meetings.order_by("starts_at")[:2]
    _mark(first, cast.mentor, Meeting.Status.MISSED, clock)
    _mark(second, cast.mentee, Meeting.Status.MISSED, clock)
    (health,) = coaching.coach_overview(cast.coach)
    assert "two-missed" in health.flags
    assert health.missed == [first.starts_at, second.starts_at]


def test_it_flags_a_pair_that_has_not_met_for_long(active_pair, cast, clock):
    clock.move_to(dt.datetime(2026, 2, 21, tzinfo=dt.UTC))  # > 45 days after the start
    (health,) = coaching.coach_overview(cast.coach)
    assert "no-recent-meeting" in health.flags


def test_it_flags_a_pair_without_goals_after_the_first_meeting(active_pair, cast, clock):
    _mark(active_pair.meetings.order_by("starts_at").first(), cast.mentor, "held", clock)
    assert coaching.coach_overview(cast.coach)[0].flags == []
    active_pair.goals.update(status=Goal.Status.DROPPED)
    assert coaching.coach_overview(cast.coach)[0].flags == ["no-goal"]
