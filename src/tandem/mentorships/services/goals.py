"""Goals both ways: the mentee's learning goals (from their needs) and at least one for the
mentor (what the junior learns from the senior: business context, strategy, career)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import GeneratedTitle, Goal, Mentorship, Milestone, Participant
from tandem.mentorships.services.common import (
    acting_participant,
    active_participants,
    now,
    require_status,
)
from tandem.people.models import LearningNeed, Topic

WORKING = (Mentorship.Status.ACCEPTED, Mentorship.Status.ACTIVE)
LIVE_GOALS = (Goal.Status.OPEN, Goal.Status.IN_PROGRESS, Goal.Status.REACHED)
MAX_PROPOSED = 3


def missing_goal_messages(mentorship: Mentorship) -> list[str]:
    """Activation and the first log need a live goal on each side."""
    roles = set(
        mentorship.goals.filter(status__in=LIVE_GOALS).values_list("learner__role", flat=True)
    )
    missing = []
    if Participant.Role.MENTEE not in roles:
        missing.append(_("Add at least one learning goal for the mentee."))
    if Participant.Role.MENTOR not in roles:
        missing.append(
            _("Add at least one goal for the mentor too: what they learn from the mentee.")
        )
    return missing


def propose_initial_goals(mentorship: Mentorship, actor=None) -> list[Goal]:
    """Goals from each mentee's needs (allowed topics, highest priority first) and one for
    each mentor on a senior-side topic. ``actor`` None is the system (on acceptance)."""
    if actor is not None:
        acting_participant(mentorship, actor)
    program = mentorship.program
    allowed = program.topics.all()
    goals = []
    with transaction.atomic():
        for p in active_participants(mentorship):
            if p.role == Participant.Role.MENTEE:
                goals += _mentee_goals(p, allowed, program.progression_criteria)
            else:
                goals.append(_mentor_goal(p, allowed))
    return goals


def _mentee_goals(mentee: Participant, allowed, criteria: str) -> list[Goal]:
    needs = LearningNeed.objects.filter(person=mentee.person).select_related("topic")
    if allowed.exists():
        needs = needs.filter(topic__in=allowed)
    goals = []
    for need in needs.order_by("-priority", "topic__slug")[:MAX_PROPOSED]:
        goals.append(
            Goal.objects.create(
                mentorship=mentee.mentorship,
                learner=mentee,
                topic=need.topic,
                title_code=GeneratedTitle.PROGRESS,
                title=_english("Progress in %(topic)s", need.topic),
                start_level=need.current_level,
                level=need.current_level,
                target_level=max(1, min(4, need.current_level + 1)),
                criteria=criteria,
            )
        )
    return goals


def _mentor_goal(mentor: Participant, allowed) -> Goal:
    senior = Topic.objects.filter(side=Topic.Side.SENIOR, is_active=True)
    topic = (
        senior.filter(pk__in=allowed).first()
        or senior.filter(slug="business-context").first()
        or senior.first()
    )
    return Goal.objects.create(
        mentorship=mentor.mentorship,
        learner=mentor,
        topic=topic,
        title_code=GeneratedTitle.UNDERSTAND,
        title=_english("Understand %(topic)s from the inside", topic),
        target_level=2,
    )


def _english(text: str, topic: Topic | None) -> str:
    """A generated title as stored (English); shown worded in each reader's language."""
    with translation.override("en"):
        name = topic.name if topic else gettext("the business context")
        return gettext(text) % {"topic": name}


def _editable(mentorship: Mentorship, actor) -> Participant:
    me = acting_participant(mentorship, actor)
    require_status(mentorship, *WORKING)
    return me


def add_goal(
    mentorship: Mentorship,
    actor,
    *,
    learner: Participant,
    title: str,
    topic: Topic | None = None,
    target_level: int = 2,
    criteria: str = "",
    notes: str = "",
) -> Goal:
    _editable(mentorship, actor)
    if learner.mentorship_id != mentorship.pk or learner.answer == Participant.Answer.DECLINED:
        raise MentorshipError(_("A goal belongs to a participant of this mentorship."))
    if not (title or "").strip():
        raise MentorshipError(_("Give the goal a title."))
    if not 1 <= int(target_level) <= 4:
        raise MentorshipError(_("The target level must be between 1 and 4."))
    return Goal.objects.create(
        mentorship=mentorship,
        learner=learner,
        title=title.strip(),
        topic=topic,
        target_level=target_level,
        criteria=criteria,
        notes=notes,
    )


def update_goal(goal: Goal, actor, **fields) -> Goal:
    """Change a goal's title, target level, criteria or confidential notes."""
    _editable(goal.mentorship, actor)
    allowed = {"title", "target_level", "criteria", "notes"}
    if unknown := set(fields) - allowed:
        raise MentorshipError(_("Unknown goal field: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if "target_level" in fields and not 1 <= int(fields["target_level"]) <= 4:
        raise MentorshipError(_("The target level must be between 1 and 4."))
    if "title" in fields:
        if fields["title"] == goal.shown_title:
            del fields["title"]  # the generated title as shown: it stays generated
        else:
            goal.title_code = ""  # the participants' own words from now on
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.save()
    return goal


def set_goal_status(goal: Goal, actor, status: str) -> Goal:
    _editable(goal.mentorship, actor)
    if status not in Goal.Status.values:
        raise MentorshipError(_("Unknown goal status: %(s)s.") % {"s": status})
    goal.status = status
    goal.save(update_fields=["status", "updated_at"])
    return goal


def add_milestone(goal: Goal, actor, title: str, due: dt.date | None = None) -> Milestone:
    _editable(goal.mentorship, actor)
    if not (title or "").strip():
        raise MentorshipError(_("Give the milestone a title."))
    return Milestone.objects.create(goal=goal, title=title.strip(), due=due)


def reach_milestone(milestone: Milestone, actor) -> Milestone:
    _editable(milestone.goal.mentorship, actor)
    milestone.reached_at = milestone.reached_at or now()
    milestone.save(update_fields=["reached_at"])
    return milestone
