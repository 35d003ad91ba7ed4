"""Before, during and after a meeting: each participant's preparation, the agenda, the log
with the progress on goals. Everything written here is for the pair alone (see
``permissions``) and encrypted at rest."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, Q, Subquery
from django.utils.translation import gettext as _

from tandem.accounts.fields import confidential_texts
from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import (
    Goal,
    GoalProgress,
    Meeting,
    MeetingLog,
    Mentorship,
    Preparation,
)
from tandem.mentorships.services.common import acting_participant, now, require_status
from tandem.mentorships.services.goals import missing_goal_messages
from tandem.people.models import Topic
from tandem.programs.models import Program

OPEN_GOALS = (Goal.Status.OPEN, Goal.Status.IN_PROGRESS)


def write_preparation(meeting: Meeting, actor, **texts: str) -> Preparation:
    """Create or update the actor's preparation of a planned meeting."""
    if unknown := set(texts) - set(confidential_texts(Preparation)):
        raise MentorshipError(_("Unknown field: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    me = acting_participant(meeting.mentorship, actor)
    require_status(meeting.mentorship, Mentorship.Status.ACTIVE)
    if meeting.status != Meeting.Status.PLANNED:
        raise MentorshipError(_("A preparation is written before a planned meeting."))
    with transaction.atomic():
        prep, _created = Preparation.objects.select_for_update().get_or_create(
            meeting=meeting, author=me
        )
        for name, value in texts.items():
            setattr(prep, name, (value or "").strip())
        prep.save()
    return prep


def _check_topics(mentorship: Mentorship, topics: Iterable[Topic]) -> list[Topic]:
    topics = list(topics)
    allowed = {t.pk for t in allowed_topic_list(mentorship)}
    for topic in topics:
        if topic.pk not in allowed:
            raise MentorshipError(
                _("%(topic)s is not one of the program's topics.") % {"topic": topic.name}
            )
    return topics


def allowed_topics(mentorship: Mentorship, known: list[Topic] | None = None):
    """The program's topics, or every active topic when the program names none, as one lazy
    queryset (a form holding it asks nothing until it renders or validates); ``known``: the
    same topics already read (``allowed_topic_list``), a cheaper queryset to build."""
    if known is not None:
        return Topic.objects.filter(pk__in=[t.pk for t in known])
    named = Program.topics.through.objects.filter(program_id=mentorship.program_id)
    return Topic.objects.alias(named_none=~Exists(named)).filter(
        Q(pk__in=named.values("topic_id")) | Q(is_active=True, named_none=True)
    )


def allowed_topic_list(mentorship: Mentorship) -> list[Topic]:
    """``allowed_topics`` read: one query in the usual case (the program names topics)."""
    topics = list(mentorship.program.topics.all())
    return topics or list(Topic.objects.filter(is_active=True))


def propose_agenda(meeting: Meeting, actor) -> dict:
    """Topics from the last log's "next topics" and the open goals, within the program's."""
    acting_participant(meeting.mentorship, actor)
    goals = list(meeting.mentorship.goals.select_related("topic"))
    return agenda_proposal(meeting, goals, allowed_topic_list(meeting.mentorship))


def agenda_proposal(meeting: Meeting, goals: list[Goal], allowed: list[Topic]) -> dict:
    """``propose_agenda`` from rows the caller already read (all the mentorship's goals, the
    allowed topics) for a caller that has checked the actor is a participant."""
    last = (
        MeetingLog.objects.filter(
            meeting__mentorship_id=meeting.mentorship_id,
            meeting__starts_at__lt=meeting.starts_at,
        )
        .order_by("-meeting__starts_at")
        .values("pk")[:1]
    )
    refs = MeetingLog.next_topic_refs.through.objects.filter(meetinglog_id=Subquery(last))
    next_topics = Topic.objects.filter(pk__in=refs.values("topic_id"))  # one query, not two
    open_goals = [g for g in goals if g.status in OPEN_GOALS]
    allowed_pks = {t.pk for t in allowed}
    topics: list[Topic] = []
    for topic in [*next_topics, *(g.topic for g in open_goals)]:
        if topic is not None and topic.pk in allowed_pks and topic not in topics:
            topics.append(topic)
    return {"topics": topics, "goals": open_goals}


def set_agenda(meeting: Meeting, actor, topics: Iterable[Topic], goals: Iterable[Goal] = ()):
    acting_participant(meeting.mentorship, actor)
    require_status(meeting.mentorship, Mentorship.Status.ACTIVE)
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.HELD):
        raise MentorshipError(_("This meeting is %(s)s.") % {"s": meeting.get_status_display()})
    topics = _check_topics(meeting.mentorship, topics)
    goals = list(goals)
    if any(g.mentorship_id != meeting.mentorship_id for g in goals):
        raise MentorshipError(_("The agenda can only list this mentorship's goals."))
    with transaction.atomic():
        meeting.agenda_topics.set(topics)
        meeting.agenda_goals.set(goals)
    return meeting


def log_refusal(meeting: Meeting, at=None) -> str | None:
    """Why no log can be written for this meeting now, or None: a log tells what a meeting
    that took place brought, so a meeting still to come, missed or cancelled has none."""
    if meeting.status in (Meeting.Status.MISSED, Meeting.Status.CANCELLED):
        return _("This meeting is %(status)s: it has no log.") % {
            "status": meeting.get_status_display().lower()
        }
    if meeting.starts_at > (at or now()):
        return _("This meeting has not taken place yet: its log can be written once it has begun.")
    return None


def can_log(meeting: Meeting) -> bool:
    return log_refusal(meeting) is None


def write_log(
    meeting: Meeting,
    actor,
    *,
    next_topic_refs: Iterable[Topic] = (),
    progress: Iterable[dict] = (),
    **texts: str,
) -> MeetingLog:
    """The log after a meeting (marks it held if it was still planned), with the progress on
    goals: ``progress`` is a list of ``{"goal": Goal, "level": 0-4, "status": ..., "comment":
    ...}``. A mentorship needs a goal on each side before its first log."""
    if unknown := set(texts) - set(confidential_texts(MeetingLog)):
        raise MentorshipError(_("Unknown field: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    mentorship = meeting.mentorship
    me = acting_participant(mentorship, actor)
    require_status(mentorship, Mentorship.Status.ACTIVE, Mentorship.Status.COMPLETED)
    if refusal := log_refusal(meeting):
        raise MentorshipError(refusal)
    if missing := missing_goal_messages(mentorship):
        raise MentorshipError(" ".join(missing))
    topics = _check_topics(mentorship, next_topic_refs)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if refusal := log_refusal(meeting):  # moved or cancelled meanwhile
            raise MentorshipError(refusal)
        _mark_held(meeting, actor)
        log, _created = MeetingLog.objects.get_or_create(meeting=meeting, defaults={"author": me})
        for name, value in texts.items():
            setattr(log, name, (value or "").strip())
        log.save()
        if topics:
            log.next_topic_refs.set(topics)
        for item in progress:
            record_progress(log, **item)
    return log


def _mark_held(meeting: Meeting, actor) -> None:
    if meeting.status == Meeting.Status.HELD:
        return
    if meeting.status != Meeting.Status.PLANNED or meeting.starts_at > now():
        raise MentorshipError(_("A log is written after a meeting that took place."))
    meeting.status = Meeting.Status.HELD
    meeting.status_changed_at, meeting.status_changed_by = now(), actor
    meeting.save(update_fields=["status", "status_changed_at", "status_changed_by", "updated_at"])


def record_progress(
    log: MeetingLog,
    goal: Goal,
    level: int | None = None,
    status: str | None = None,
    comment: str = "",
) -> GoalProgress:
    """One goal's progress at one meeting; the goal takes the new level and status."""
    if goal.mentorship_id != log.meeting.mentorship_id:
        raise MentorshipError(_("Progress can only be recorded on this mentorship's goals."))
    if level is not None and not 0 <= int(level) <= 4:
        raise MentorshipError(
            _("The level of %(goal)s must be between 0 and 4.") % {"goal": goal.shown_title}
        )
    if status is not None and status not in Goal.Status.values:
        raise MentorshipError(_("Unknown goal status: %(s)s.") % {"s": status})
    if status is None:
        status = Goal.Status.IN_PROGRESS if goal.status == Goal.Status.OPEN else goal.status
    row, _created = GoalProgress.objects.update_or_create(
        goal=goal, log=log, defaults={"level": level, "status": status, "comment": comment}
    )
    goal.status = status
    if level is not None:
        goal.level = level
    goal.save(update_fields=["status", "level", "updated_at"])
    return row
