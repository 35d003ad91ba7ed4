"""Proposals, answers, charter, training, early exits, and who is free again."""

import datetime as dt

import pytest

from tandem.accounts.models import AuditEvent
from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import Meeting, Mentorship, Participant
from tandem.mentorships.services import lifecycle
from tandem.programs.models import Enrolment, Program, TrainingCompletion, TrainingModule
from tests import factories as f
from tests.factories import accept_all, participant, propose_pair, sign_all

MENTOR, MENTEE = Participant.Role.MENTOR, Participant.Role.MENTEE


def test_it_takes_people_out_of_the_pool_while_a_proposal_is_open(cast, clock):
    assert lifecycle.is_free(cast.mentee.person, cast.program, MENTEE)
    propose_pair(cast)
    assert not lifecycle.is_free(cast.mentee.person, cast.program, MENTEE)
    assert not lifecycle.is_free(cast.mentor.person, cast.program, MENTOR)
    with pytest.raises(MentorshipError, match="Léa Bernard has no capacity left"):
        propose_pair(cast)


def test_it_frees_both_people_when_one_declines(cast, clock):
    mentorship = propose_pair(cast)
    lifecycle.decline_proposal(participant(mentorship, cast.mentee), cast.mentee, "No time")
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.DECLINED
    assert lifecycle.is_free(cast.mentee.person, cast.program, MENTEE)
    assert lifecycle.is_free(cast.mentor.person, cast.program, MENTOR)
    again = propose_pair(cast, justification="They talked it over and want to try again.")
    assert again.status == Mentorship.Status.PROPOSED


def test_it_shows_the_decline_reason_to_the_manager_only(cast, clock):
    mentorship = propose_pair(cast)
    lifecycle.decline_proposal(participant(mentorship, cast.mentee), cast.mentee, "Too junior")
    assert lifecycle.manager_summary(cast.manager, mentorship)["decline_reasons"] == {
        "Jean Moreau": "Too junior"
    }
    assert "Too junior" not in repr(lifecycle.participant_summary(mentorship))
    with pytest.raises(MentorshipError):
        lifecycle.manager_summary(cast.mentor, mentorship)


def test_it_requires_a_reason_to_decline(cast, clock):
    mentorship = propose_pair(cast)
    with pytest.raises(MentorshipError, match="reason"):
        lifecycle.decline_proposal(participant(mentorship, cast.mentor), cast.mentor, "  ")


def test_it_lets_only_the_participant_answer(cast, clock):
    mentorship = propose_pair(cast)
    with pytest.raises(MentorshipError, match="Only Léa Bernard"):
        lifecycle.accept_proposal(participant(mentorship, cast.mentor), cast.mentee)
    with pytest.raises(MentorshipError, match="participants"):
        lifecycle.accept_proposal(participant(mentorship, cast.mentor), cast.manager)


def test_it_keeps_a_circle_going_when_one_mentor_declines(cast, clock):
    prog = f.program("Circle", format=Program.Format.CIRCLE)
    prog.managers.add(cast.manager)
    mentors = [f.person(with_user=True) for _ in range(2)]
    for m in mentors:
        f.competence(m, "genai")
        f.enrol(m, prog, Enrolment.Role.MENTOR)
    f.enrol(cast.mentee.person, prog, Enrolment.Role.MENTEE)
    mentorship = lifecycle.create_mentorship(prog, mentors, [cast.mentee.person], cast.manager)
    lifecycle.decline_proposal(participant(mentorship, mentors[0].user), mentors[0].user, "busy")
    lifecycle.accept_proposal(participant(mentorship, mentors[1].user), mentors[1].user)
    lifecycle.accept_proposal(participant(mentorship, cast.mentee), cast.mentee)
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACCEPTED
    assert lifecycle.is_free(mentors[0], prog, MENTOR)


def test_it_frees_people_after_an_early_exit_and_keeps_the_reason_for_the_manager(
    active_pair, cast
):
    assert active_pair.meetings.filter(status=Meeting.Status.PLANNED).exists()
    lifecycle.end_mentorship(active_pair, cast.mentor, reason="We do not get along")
    active_pair.refresh_from_db()
    assert active_pair.status == Mentorship.Status.ENDED
    assert active_pair.ended_by == cast.mentor
    assert not active_pair.meetings.filter(status=Meeting.Status.PLANNED).exists()
    assert lifecycle.is_free(cast.mentee.person, cast.program, MENTEE)
    assert lifecycle.is_free(cast.mentor.person, cast.program, MENTOR)
    event = AuditEvent.objects.get(action="mentorship.ended")
    assert event.actor == cast.mentor and event.details["by"] == "mentor"
    assert "get along" not in str(event.details)
    assert lifecycle.manager_summary(cast.manager, active_pair)["end_reason"] == (
        "We do not get along"
    )


def test_it_lets_a_manager_end_but_not_an_outsider(active_pair, cast):
    with pytest.raises(MentorshipError):
        lifecycle.end_mentorship(active_pair, cast.outsider)
    with pytest.raises(MentorshipError):
        lifecycle.end_mentorship(active_pair, cast.coach)
    lifecycle.end_mentorship(active_pair, cast.manager)
    assert AuditEvent.objects.get(action="mentorship.ended").details["by"] == "manager"


def test_it_keeps_an_untrained_mentor_from_becoming_active(cast, clock):
    modules = list(TrainingModule.objects.order_by("position")[:2])
    cast.program.require_training = True
    cast.program.save()
    cast.program.required_modules.set(modules)
    mentor = cast.mentor.person
    f.passed(mentor, modules[0])
    # a click before modules had checks, and a sign-off in a program that asks for the quiz,
    # are not a pass of the second module's check
    TrainingCompletion.objects.create(
        person=mentor,
        module=modules[1],
        completed_at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
        method="legacy",
    )
    f.passed(mentor, modules[1], method="signoff", by=cast.coach)
    mentorship = sign_all(accept_all(propose_pair(cast, "Training ends before the first meeting.")))
    assert mentorship.status == Mentorship.Status.ACCEPTED
    with pytest.raises(MentorshipError) as error:
        lifecycle.activate(mentorship, cast.manager)
    assert modules[1].name in str(error.value) and "Léa Bernard" in str(error.value)
    assert modules[0].name not in str(error.value)

    f.passed(mentor, modules[1], score=3, at=dt.datetime(2026, 1, 6, tzinfo=dt.UTC))
    mentorship = lifecycle.activate(mentorship, cast.manager)
    assert mentorship.status == Mentorship.Status.ACTIVE


def test_a_signoff_program_activates_once_a_coach_signed_every_module_off(cast, clock):
    modules = list(TrainingModule.objects.order_by("position")[:2])
    cast.program.training_check = "signoff"
    cast.program.save()
    cast.program.required_modules.set(modules)
    mentor = cast.mentor.person
    for module in modules:
        f.passed(mentor, module)  # quizzes passed, but this program asks for a sign-off
    mentorship = sign_all(accept_all(propose_pair(cast, "The coach signs off this week.")))
    with pytest.raises(MentorshipError):
        lifecycle.activate(mentorship, cast.manager)
    for module in modules:
        f.passed(mentor, module, method="signoff", by=cast.coach)
    assert lifecycle.activate(mentorship, cast.manager).status == Mentorship.Status.ACTIVE


def test_it_waits_for_every_signature(cast, clock):
    mentorship = accept_all(propose_pair(cast))
    lifecycle.sign_charter(participant(mentorship, cast.mentor), cast.mentor)
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACCEPTED
    with pytest.raises(MentorshipError, match="Jean Moreau has not signed the charter"):
        lifecycle.activate(mentorship, cast.mentor)


@pytest.mark.parametrize(
    ("who", "message"),
    [("not-enrolled", "not an accepted mentor"), ("both-sides", "both mentor and mentee")],
)
def test_it_refuses_a_bad_manual_proposal(cast, clock, who, message):
    mentor = f.person() if who == "not-enrolled" else cast.mentee.person
    with pytest.raises(MentorshipError, match=message):
        lifecycle.create_mentorship(cast.program, [mentor], [cast.mentee.person], cast.manager)


def test_it_lets_only_managers_propose_by_hand(cast, clock):
    with pytest.raises(MentorshipError, match="managers"):
        lifecycle.create_mentorship(
            cast.program, [cast.mentor.person], [cast.mentee.person], cast.coach
        )
