"""Preparations before, agenda during, log after a meeting."""

import pytest

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import Goal, Meeting, Participant
from tandem.mentorships.services import journal
from tests import factories as f


def _first(mentorship):
    return mentorship.meetings.order_by("starts_at").first()


def test_it_keeps_one_preparation_per_participant(active_pair, cast):
    meeting = _first(active_pair)
    journal.write_preparation(meeting, cast.mentee, state_of_mind="tired")
    prep = journal.write_preparation(meeting, cast.mentee, state_of_mind="rested")
    journal.write_preparation(meeting, cast.mentor, targeted_learning="budgets")
    assert meeting.preparations.count() == 2
    prep.refresh_from_db()
    assert prep.state_of_mind == "rested"
    with pytest.raises(MentorshipError, match="participants"):
        journal.write_preparation(meeting, cast.coach, state_of_mind="x")


def test_it_proposes_the_agenda_from_the_last_log_and_open_goals(active_pair, cast, clock):
    first, second = active_pair.meetings.order_by("starts_at")[:2]
    clock.move_to(first.ends_at)
    journal.write_log(first, cast.mentee, next_topic_refs=[f.topic("cyber")])
    agenda = journal.propose_agenda(second, cast.mentor)
    assert [t.slug for t in agenda["topics"]] == ["cyber", "genai"]
    assert {g.learner.role for g in agenda["goals"]} == {"mentor", "mentee"}
    journal.set_agenda(second, cast.mentor, agenda["topics"], agenda["goals"])
    assert second.agenda_topics.count() == 2


def test_it_keeps_the_agenda_to_the_programs_topics(active_pair, cast):
    with pytest.raises(MentorshipError, match="Automation and no-code is not one of"):
        journal.set_agenda(_first(active_pair), cast.mentor, [f.topic("automation")])


def test_it_logs_a_meeting_and_its_progress(active_pair, cast, clock):
    meeting = _first(active_pair)
    goal = active_pair.goals.get(learner__role=Participant.Role.MENTEE)
    with pytest.raises(MentorshipError, match="not taken place yet"):
        journal.write_log(meeting, cast.mentee, acquired="too early")
    clock.move_to(meeting.ends_at)
    log = journal.write_log(
        meeting,
        cast.mentee,
        acquired="a",
        to_improve="b",
        exercises="c",
        next_topics="d",
        mentor_learned="e",
        mentee_learned="f",
        progress=[{"goal": goal, "level": 3, "status": Goal.Status.REACHED}],
    )
    meeting.refresh_from_db()
    goal.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert (goal.status, goal.level) == (Goal.Status.REACHED, 3)
    assert log.progress.get().level == 3
    with pytest.raises(MentorshipError, match="between 0 and 4"):
        journal.write_log(meeting, cast.mentee, progress=[{"goal": goal, "level": 9}])
