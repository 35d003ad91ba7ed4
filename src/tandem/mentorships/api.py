"""Mentorships API: pairs and circles, their goals, meetings (schedule, move, mark held or
missed), preparations and logs (participants only), and the private calendar link.

Same helpers as the web pages (``permissions.get_*_for``): someone outside a pair gets a 404,
never a hint that the object exists; a manager or coach who may see a mentorship but not act
on it gets a 403. What the pair writes is never returned to anyone else.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from tandem.accounts.apikit import Conflict, Forbidden, Page, answers, if_match
from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import Goal, Meeting, Mentorship, Participant
from tandem.mentorships.permissions import (
    get_goal_for,
    get_meeting_for,
    get_meeting_log_for,
    get_mentorship_for,
    get_pair_meeting_for,
    get_preparations_for,
    mentorships_visible_to,
    participant_for,
    person_of,
)
from tandem.mentorships.schemas import (
    CalendarLinkOut,
    GoalIn,
    GoalOut,
    GoalPatch,
    LogIn,
    LogOut,
    MeetingOut,
    MeetingStatusIn,
    MentorshipFilter,
    MentorshipOut,
    MoveIn,
    PreparationIn,
    PreparationOut,
    ReasonIn,
)
from tandem.mentorships.services import calendar, goals, journal, lifecycle, schedule
from tandem.mentorships.services.common import participant_or_manager
from tandem.operations.locking import bump_version
from tandem.people.models import Topic

router = Router(tags=["mentorships"])


def _me(user, mentorship: Mentorship) -> Participant:
    """The user's place in the pair; a manager or coach who can see it gets a 403."""
    me = participant_for(user, mentorship)
    if me is None:
        raise Forbidden(_("Only the participants of this mentorship can do this."))
    return me


def _expected_version(request) -> int | None:
    """The version named by ``If-Match`` (None when absent). A header that is no version
    number is a malformed request (400, as on a program's PATCH), not a stale one."""
    header = if_match(request)
    if not header:
        return None
    if not header.isdecimal():
        raise ValidationError(
            {
                "If-Match": _("If-Match must be the version number you read, not %(sent)s.")
                % {"sent": header}
            }
        )
    return int(header)


def _act(request, mentorship_id: int, action) -> Mentorship:
    """Run ``action(mentorship)`` and bump the version, in one transaction. The version is
    compared and bumped in one UPDATE first, so of two clients holding the same ``If-Match``
    exactly one acts; the other gets a 409 and nothing is done."""
    mentorship = get_mentorship_for(request.user, mentorship_id)
    expected = _expected_version(request)
    with transaction.atomic():
        if bump_version(Mentorship, mentorship.pk, expected) is None:
            current = Mentorship.objects.values_list("version", flat=True).get(pk=mentorship.pk)
            raise Conflict(
                _(
                    "This mentorship changed (version %(current)s, you sent %(sent)s); "
                    "read it again."
                )
                % {"current": current, "sent": expected}
            )
        action(mentorship)
    return Mentorship.objects.get(pk=mentorship.pk)


@router.get("/mentorships", response=answers(200, list[MentorshipOut]))
@paginate(Page)
def list_mentorships(request, filters: Query[MentorshipFilter]):
    mentorships = mentorships_visible_to(request.user).order_by("pk")
    if filters.program is not None:
        mentorships = mentorships.filter(program_id=filters.program)
    if filters.status:
        mentorships = mentorships.filter(status=filters.status)
    if filters.role:
        person = person_of(request.user)
        mentorships = mentorships.filter(
            participants__person=person, participants__role=filters.role
        )
    if filters.topic:
        mentorships = mentorships.filter(goals__topic__slug=filters.topic).distinct()
    return mentorships


@router.get("/mentorships/{mentorship_id}", response=answers(200, MentorshipOut))
def read_mentorship(request, mentorship_id: int):
    return get_mentorship_for(request.user, mentorship_id)


def _act_as(request, mentorship_id: int, who, service, *args) -> Mentorship:
    """``service(who(user, mentorship), user, *args)`` through ``_act``: ``who`` is ``_me``
    (a participant's own answer)."""
    user = request.user
    return _act(request, mentorship_id, lambda m: service(who(user, m), user, *args))


@router.post("/mentorships/{mentorship_id}/accept", response=answers(200, MentorshipOut))
def accept(request, mentorship_id: int):
    return _act_as(request, mentorship_id, _me, lifecycle.accept_proposal)


@router.post("/mentorships/{mentorship_id}/decline", response=answers(200, MentorshipOut))
def decline(request, mentorship_id: int, payload: ReasonIn):
    """The reason is seen by the program's managers only."""
    return _act_as(request, mentorship_id, _me, lifecycle.decline_proposal, payload.reason)


@router.post("/mentorships/{mentorship_id}/charter", response=answers(200, MentorshipOut))
def sign_charter(request, mentorship_id: int):
    """Sign the charter; the last signature starts the mentorship and plans its meetings."""
    return _act_as(request, mentorship_id, _me, lifecycle.sign_charter)


@router.post("/mentorships/{mentorship_id}/activate", response=answers(200, MentorshipOut))
def activate(request, mentorship_id: int):
    return _act(
        request,
        mentorship_id,
        lambda m: lifecycle.activate(m, request.user),
    )


@router.post("/mentorships/{mentorship_id}/end", response=answers(200, MentorshipOut))
def end(request, mentorship_id: int, payload: ReasonIn):
    return _act(
        request,
        mentorship_id,
        lambda m: lifecycle.end_mentorship(m, request.user, payload.reason),
    )


@router.post("/mentorships/{mentorship_id}/schedule", response=answers(200, list[MeetingOut]))
def plan_meetings(request, mentorship_id: int):
    """Plan the meetings left until the program ends, at times both sides are available."""
    mentorship = get_mentorship_for(request.user, mentorship_id)
    return schedule.generate_schedule(mentorship, actor=request.user).meetings


def _goal_out(goal: Goal, with_notes: bool) -> dict:
    return {
        **{f: getattr(goal, f) for f in ("id", "mentorship_id", "learner_id")},
        "title": goal.shown_title,
        **{f: getattr(goal, f) for f in ("start_level", "level", "target_level", "criteria")},
        "status": goal.status,
        "topic": goal.topic.slug if goal.topic_id else None,
        "notes": goal.notes if with_notes else None,
    }


@router.get("/mentorships/{mentorship_id}/goals", response=answers(200, list[GoalOut]))
@paginate(Page)
def list_goals(request, mentorship_id: int, status: Goal.Status | None = None):
    """Titles and statuses for whoever sees the mentorship; the notes for the pair only."""
    mentorship = get_mentorship_for(request.user, mentorship_id)
    pair = participant_for(request.user, mentorship) is not None
    goals_qs = mentorship.goals.select_related("topic").order_by("pk")
    if status:
        goals_qs = goals_qs.filter(status=status)
    return [_goal_out(goal, pair) for goal in goals_qs]


def _topic(slug: str | None) -> Topic | None:
    return get_object_or_404(Topic, slug=slug) if slug else None


@router.post("/mentorships/{mentorship_id}/goals", response=answers(201, GoalOut))
def add_goal(request, mentorship_id: int, payload: GoalIn):
    mentorship = get_mentorship_for(request.user, mentorship_id)
    _me(request.user, mentorship)
    learner = get_object_or_404(Participant, pk=payload.learner, mentorship=mentorship)
    goal = goals.add_goal(
        mentorship,
        request.user,
        learner=learner,
        title=payload.title,
        topic=_topic(payload.topic),
        target_level=payload.target_level,
        criteria=payload.criteria,
        notes=payload.notes,
    )
    return Status(201, _goal_out(goal, True))


@router.patch("/goals/{goal_id}", response=answers(200, GoalOut))
def update_goal(request, goal_id: int, payload: GoalPatch):
    goal = get_goal_for(request.user, goal_id)
    changes = payload.dict(exclude_unset=True, exclude={"status"})
    changes = {key: value for key, value in changes.items() if value is not None}
    with transaction.atomic():
        if changes:
            goal = goals.update_goal(goal, request.user, **changes)
        if payload.status:
            goal = goals.set_goal_status(goal, request.user, payload.status)
    return _goal_out(goal, True)


@router.get("/mentorships/{mentorship_id}/meetings", response=answers(200, list[MeetingOut]))
@paginate(Page)
def list_meetings(request, mentorship_id: int, status: Meeting.Status | None = None):
    mentorship = get_mentorship_for(request.user, mentorship_id)
    meetings = mentorship.meetings.order_by("pk")
    return meetings if status is None else meetings.filter(status=status)


@router.get("/meetings/{meeting_id}", response=answers(200, MeetingOut))
def read_meeting(request, meeting_id: int):
    return get_meeting_for(request.user, meeting_id)


def _meeting_to_change(request, meeting_id: int) -> Meeting:
    """A meeting its reader may also change: a participant or a manager (a coach: 403, whatever
    was sent)."""
    meeting = get_meeting_for(request.user, meeting_id)
    participant_or_manager(meeting.mentorship, request.user)
    return meeting


@router.post("/meetings/{meeting_id}/move", response=answers(200, MeetingOut))
def move_meeting(request, meeting_id: int, payload: MoveIn):
    """To a future time inside the program; calendars get a new SEQUENCE."""
    meeting = _meeting_to_change(request, meeting_id)
    return schedule.move_meeting(meeting, request.user, payload.starts_at)


@router.post("/meetings/{meeting_id}/status", response=answers(200, MeetingOut))
def set_meeting_status(request, meeting_id: int, payload: MeetingStatusIn):
    """Held or missed once begun (participants); cancelled before (also managers)."""
    meeting = _meeting_to_change(request, meeting_id)
    return schedule.set_meeting_status(meeting, request.user, payload.status)


@router.get("/meetings/{meeting_id}/preparations", response=answers(200, list[PreparationOut]))
@paginate(Page)
def list_preparations(request, meeting_id: int):
    return list(get_preparations_for(request.user, meeting_id))


@router.put("/meetings/{meeting_id}/preparation", response=answers(200, PreparationOut))
def write_preparation(request, meeting_id: int, payload: PreparationIn):
    """My own preparation of this meeting; my partner reads it, nobody else."""
    meeting = get_pair_meeting_for(request.user, meeting_id)
    return journal.write_preparation(meeting, request.user, **payload.dict())


@router.get("/meetings/{meeting_id}/log", response=answers(200, LogOut))
def read_log(request, meeting_id: int):
    return get_meeting_log_for(request.user, meeting_id)


@router.put("/meetings/{meeting_id}/log", response=answers(200, LogOut))
def write_log(request, meeting_id: int, payload: LogIn):
    """The log (marks the meeting held), with progress on goals. The pair only."""
    meeting = get_pair_meeting_for(request.user, meeting_id)
    topics = list(Topic.objects.filter(slug__in=payload.next_topic_refs))
    if len(topics) != len(set(payload.next_topic_refs)):
        raise MentorshipError(_("Unknown topic in next_topic_refs."))
    progress = [
        {
            "goal": get_goal_for(request.user, item.goal),
            "level": item.level,
            "status": item.status,
            "comment": item.comment,
        }
        for item in payload.progress
    ]
    texts = payload.dict(exclude={"next_topic_refs", "progress"})
    return journal.write_log(
        meeting, request.user, next_topic_refs=topics, progress=progress, **texts
    )


@router.post("/calendar/link", response=answers(201, CalendarLinkOut))
def create_calendar_link(request):
    """A new private calendar link (replacing the previous one); shown only now."""
    person = person_of(request.user)
    if person is None:
        raise Forbidden(_("Only people of the directory have a calendar."))
    token = calendar.issue_feed_token(person, request.user)
    path = reverse("mentorships:calendar-feed", kwargs={"token": token})
    return Status(201, {"url": request.build_absolute_uri(path)})


@router.delete("/calendar/link", response=answers(204, None))
def revoke_calendar_link(request):
    person = person_of(request.user)
    if person is None:
        raise Forbidden(_("Only people of the directory have a calendar."))
    calendar.revoke_feed_token(person, request.user)
    return Status(204, None)


# A project program's project: the same router, in its own module.
from tandem.mentorships import api_project  # noqa: E402, F401
