"""One pair and one circle walked from proposal to closing review through the services."""

import datetime as dt

from tandem.accounts.models import AuditEvent
from tandem.mentorships.models import Goal, GoalProgress, Meeting, Mentorship, Participant
from tandem.mentorships.services import closing, goals, journal, lifecycle
from tandem.programs.models import Enrolment, Program
from tests import factories as f
from tests.factories import accept_all, participant, sign_all


def _walk(mentorship: Mentorship, clock, mentee_user, mentor_users) -> Mentorship:
    """accepted -> active -> prepared, logged meeting -> reviews -> completed."""
    mentee_goal = mentorship.goals.get(learner__role=Participant.Role.MENTEE)
    mentorship = sign_all(mentorship)
    assert mentorship.status == Mentorship.Status.ACTIVE
    first = mentorship.meetings.order_by("starts_at").first()
    assert first.status == Meeting.Status.PLANNED

    journal.write_preparation(first, mentee_user, state_of_mind="curious", topics_to_raise="x")
    agenda = journal.propose_agenda(first, mentor_users[0])
    assert mentee_goal.topic in agenda["topics"]
    journal.set_agenda(first, mentee_user, agenda["topics"], agenda["goals"])

    clock.move_to(first.ends_at + dt.timedelta(hours=1))
    log = journal.write_log(
        first,
        mentor_users[0],
        acquired="prompts",
        mentor_learned="budgets",
        mentee_learned="prompts",
        next_topic_refs=[f.topic("cyber")],
        progress=[{"goal": mentee_goal, "level": 2, "comment": "good start"}],
    )
    first.refresh_from_db()
    mentee_goal.refresh_from_db()
    assert first.status == Meeting.Status.HELD
    assert mentee_goal.status == Goal.Status.IN_PROGRESS and mentee_goal.level == 2
    assert GoalProgress.objects.filter(log=log, goal=mentee_goal).exists()

    clock.move_to(dt.datetime(2026, 6, 30, 9, 0, tzinfo=dt.UTC))
    for user in [mentee_user, *mentor_users]:
        closing.submit_closing_review(
            participant(mentorship, user),
            user,
            goals_reached={mentee_goal: True},
            autonomy=4,
            next_steps="keep going",
            would_recommend=True,
        )
    closing.complete_mentorship(mentorship, mentee_user)
    mentorship.refresh_from_db()
    return mentorship


def test_it_walks_a_pair_from_proposal_to_closing_review(cast, clock):
    mentorship = lifecycle.create_mentorship(
        cast.program, [cast.mentor.person], [cast.mentee.person], cast.manager
    )
    assert mentorship.status == Mentorship.Status.PROPOSED
    lifecycle.accept_proposal(participant(mentorship, cast.mentor), cast.mentor)
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.PROPOSED
    lifecycle.accept_proposal(participant(mentorship, cast.mentee), cast.mentee)
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACCEPTED
    assert not goals.missing_goal_messages(mentorship)

    mentorship = _walk(mentorship, clock, cast.mentee, [cast.mentor])

    assert mentorship.status == Mentorship.Status.COMPLETED
    assert mentorship.participants.filter(closing_review__autonomy=4).count() == 2
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"mentorship.proposed", "mentorship.activated", "mentorship.completed"} <= actions
    assert lifecycle.is_free(cast.mentor.person, cast.program, Participant.Role.MENTOR)


def test_it_walks_a_circle_from_proposal_to_closing_review(cast, clock):
    prog = f.program("Circle", format=Program.Format.CIRCLE, circle_size=3)
    prog.managers.add(cast.manager)
    mentors = [f.person(f"Mentor {i}", with_user=True) for i in range(2)]
    for m in mentors:
        f.competence(m, "genai")
        f.enrol(m, prog, Enrolment.Role.MENTOR)
    f.enrol(cast.mentee.person, prog, Enrolment.Role.MENTEE)

    mentorship = lifecycle.create_mentorship(prog, mentors, [cast.mentee.person], cast.manager)
    mentorship = accept_all(mentorship)
    assert mentorship.status == Mentorship.Status.ACCEPTED
    assert mentorship.goals.filter(learner__role=Participant.Role.MENTOR).count() == 2

    mentorship = _walk(mentorship, clock, cast.mentee, [m.user for m in mentors])

    assert mentorship.status == Mentorship.Status.COMPLETED
    assert mentorship.participants.filter(closing_review__would_recommend=True).count() == 3
