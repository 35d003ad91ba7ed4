"""Hand-built programs for the insights tests: mentorships, meetings, logs and survey
answers written straight to the database, so every expected figure can be worked out by hand."""

import datetime as dt

from tandem.insights.models import Answer, Question, SurveyDue
from tandem.insights.services.surveys import ensure_surveys, refresh_dues
from tandem.mentorships.models import Goal, Meeting, MeetingLog, Mentorship
from tandem.programs.models import Enrolment
from tests import factories as f  # noqa: F401  (re-exported)

STARTED = dt.datetime(2026, 1, 12, 9, 0, tzinfo=dt.UTC)


def pair(program, mentor, mentee, status=Mentorship.Status.ACTIVE, started=STARTED):
    """A mentorship with a mentee goal on genai and a mentor goal on business context."""
    ended = started + dt.timedelta(days=150) if status == Mentorship.Status.COMPLETED else None
    for person, role in ((mentor, "mentor"), (mentee, "mentee")):
        if not Enrolment.objects.filter(program=program, person=person, role=role).exists():
            f.enrol(person, program, role)
    m = f.pair(
        program, mentor, mentee, status, answer="accepted", started_at=started, ended_at=ended
    )
    for role in ("mentor", "mentee"):
        topic = f.topic("genai" if role == "mentee" else "business-context")
        learner = m.participants.get(role=role)
        Goal.objects.create(mentorship=m, learner=learner, topic=topic, title=topic.name_en)
    return m


def pairs(program, count, statuses=None):
    """``count`` pairs of new people; ``statuses`` per pair (default active)."""
    statuses = statuses or [Mentorship.Status.ACTIVE] * count
    out = []
    for i in range(count):
        mentor = f.person(f"Mentor {i}", with_user=True)
        mentee = f.person(f"Mentee {i}", with_user=True)
        out.append(pair(program, mentor, mentee, statuses[i]))
    return out


def meeting(m, status, days, log_mentor_learned=None):
    meeting = Meeting.objects.create(
        mentorship=m, starts_at=STARTED + dt.timedelta(days=days), status=status
    )
    if log_mentor_learned is not None:
        MeetingLog.objects.create(
            meeting=meeting, acquired="secret words", mentor_learned=log_mentor_learned
        )
    return meeting


def person_of(m, role):
    return m.participants.get(role=role).person


def answer(m, role, moment, key, value, topic=None):
    """One answer of the mentorship's mentor or mentee (the due is created as needed)."""
    program = m.program
    survey = ensure_surveys(program)[(moment, role)]
    if not SurveyDue.objects.filter(survey=survey, mentorship=m).exists():
        refresh_dues(program)
    due = SurveyDue.objects.get(survey=survey, mentorship=m, person=person_of(m, role))
    question = Question.objects.get(survey=survey, key=key)
    topic = f.topic(topic) if topic else None
    return Answer.objects.create(due=due, question=question, topic=topic, value=value)
