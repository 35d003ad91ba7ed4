"""Who may see what of a mentorship.

Two circles: a mentorship's *metadata* (status, dates, goal titles and statuses) is seen by its
participants, the program's managers and its coaches; what the pair *writes* (preparations,
logs, goal notes, progress comments, closing reviews) is seen by the participants alone — not
by coaches, managers, sponsors, other pairs, nor superusers. Every ``get_*_for`` raises
``Http404`` for anyone else, so a view cannot even tell the object exists.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tandem.mentorships.models import (
    ClosingReview,
    Goal,
    GoalProgress,
    Meeting,
    MeetingLog,
    MentorRequest,
    Mentorship,
    Participant,
    Preparation,
    Project,
    ProjectMilestone,
)
from tandem.people.models import Person
from tandem.programs.permissions import is_program_manager_of


def person_of(user) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def is_coach(user, mentorship: Mentorship) -> bool:
    person = person_of(user)
    if person is None:
        return False
    if mentorship.program.coaches.filter(pk=person.pk).exists():
        return True
    people = mentorship.participants.values("person_id")
    return mentorship.program.enrolments.filter(coach=person, person_id__in=people).exists()


def participant_for(user, mentorship: Mentorship) -> Participant | None:
    """The user's place in the mentorship, unless they declined it."""
    person = person_of(user)
    if person is None:
        return None
    return (
        mentorship.participants.exclude(answer=Participant.Answer.DECLINED)
        .filter(person=person)
        .first()
    )


def require_participant(user, mentorship: Mentorship) -> Participant:
    participant = participant_for(user, mentorship)
    if participant is None:
        raise Http404
    return participant


def _pair_q(user, prefix: str) -> Q:
    """Rows whose mentorship counts the user as a (non-declining) participant."""
    person = person_of(user)
    if person is None:
        return Q(pk__in=[])
    ids = Participant.objects.filter(person=person).exclude(answer=Participant.Answer.DECLINED)
    return Q(**{f"{prefix}id__in": ids.values("mentorship_id")})


def mentorships_of(user) -> QuerySet[Mentorship]:
    return Mentorship.objects.filter(_pair_q(user, ""))


def get_mentorship_for(user, pk) -> Mentorship:
    """Metadata: participants (even declining ones), managers and coaches."""
    mentorship = get_object_or_404(Mentorship.objects.select_related("program"), pk=pk)
    person = person_of(user)
    if person is not None and mentorship.participants.filter(person=person).exists():
        return mentorship
    if is_program_manager_of(user, mentorship.program) or is_coach(user, mentorship):
        return mentorship
    raise Http404


def get_meeting_for(user, pk) -> Meeting:
    """Metadata of a meeting (time, status): whoever may see its mentorship."""
    meeting = get_object_or_404(Meeting, pk=pk)
    get_mentorship_for(user, meeting.mentorship_id)
    return meeting


def get_pair_meeting_for(user, pk, *related: str) -> Meeting:
    """A meeting with its agenda, preparations and log: its pair only (pages and API alike).
    ``related`` names what to read with it (``select_related``), besides its mentorship and
    program."""
    meetings = Meeting.objects.filter(_pair_q(user, "mentorship__"))
    return get_object_or_404(meetings.select_related("mentorship__program", *related), pk=pk)


def get_meeting_log_for(user, meeting_pk) -> MeetingLog:
    qs = MeetingLog.objects.filter(_pair_q(user, "meeting__mentorship__"))
    return get_object_or_404(qs, meeting_id=meeting_pk)


def get_preparation_for(user, pk) -> Preparation:
    qs = Preparation.objects.filter(_pair_q(user, "meeting__mentorship__"))
    return get_object_or_404(qs, pk=pk)


def get_preparations_for(user, meeting_pk) -> list[Preparation]:
    meeting = get_pair_meeting_for(user, meeting_pk)
    return list(meeting.preparations.select_related("author__person"))


def get_goal_for(user, pk) -> Goal:
    """A goal with its confidential notes: participants only (coaches see insights' counts)."""
    return get_object_or_404(Goal.objects.filter(_pair_q(user, "mentorship__")), pk=pk)


def get_goal_progress_for(user, pk) -> GoalProgress:
    qs = GoalProgress.objects.filter(_pair_q(user, "goal__mentorship__"))
    return get_object_or_404(qs, pk=pk)


def get_project_for(user, mentorship_pk) -> Project:
    """A project with its texts: participants only (supervisors read ``projects.summary``)."""
    qs = Project.objects.filter(_pair_q(user, "mentorship__")).select_related("mentorship")
    return get_object_or_404(qs, mentorship_id=mentorship_pk)


def get_project_milestone_for(user, pk) -> ProjectMilestone:
    qs = ProjectMilestone.objects.filter(_pair_q(user, "project__mentorship__"))
    return get_object_or_404(qs.select_related("project__mentorship__program"), pk=pk)


def get_closing_review_for(user, pk) -> ClosingReview:
    qs = ClosingReview.objects.filter(_pair_q(user, "participant__mentorship__"))
    return get_object_or_404(qs, pk=pk)


def mentorships_visible_to(user) -> QuerySet[Mentorship]:
    """Every mentorship whose metadata ``get_mentorship_for`` would show the user: theirs
    (even declined), and those they manage or coach (API lists)."""
    from tandem.mentorships.services.coaching import supervised  # cycle: coaching imports us

    person = person_of(user)
    mine = Participant.objects.filter(person=person) if person else Participant.objects.none()
    return Mentorship.objects.filter(
        Q(pk__in=mine.values("mentorship_id")) | Q(pk__in=supervised(user).values("pk"))
    )


def get_mentor_request_for(user, pk) -> MentorRequest:
    """A self-matching request: its mentee, its mentor, or a manager of its program; a 404
    for anyone else."""
    request = get_object_or_404(
        MentorRequest.objects.select_related("program", "mentee", "mentor"), pk=pk
    )
    person = person_of(user)
    if person is not None and person.pk in (request.mentee_id, request.mentor_id):
        return request
    if is_program_manager_of(user, request.program):
        return request
    raise Http404
