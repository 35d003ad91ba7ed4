"""What pairs write, at erasure and at the end of retention.

Erasure deletes the texts the person wrote and replaces their name in what their partners
wrote. Retention (``purge``) deletes every confidential text of long-closed mentorships.
Both use ``update()``: ``MeetingLog.save`` would recompute ``mentor_learned_something`` from
the emptied text and change the reciprocity figure; facts and dates must not move.
"""

from __future__ import annotations

import functools

from django.utils.translation import gettext as _

from tandem.accounts.fields import encrypted_fields
from tandem.mentorships.models import (
    ClosingReview,
    Goal,
    GoalProgress,
    MeetingLog,
    MentorRequest,
    Milestone,
    Participant,
    Preparation,
    Project,
    ProjectMilestone,
)
from tandem.privacy.services.scrub import Replacer

# How each model with encrypted columns reaches its mentorship.
TO_MENTORSHIP = {
    Preparation: "meeting__mentorship",
    MeetingLog: "meeting__mentorship",
    Goal: "mentorship",
    GoalProgress: "goal__mentorship",
    ClosingReview: "participant__mentorship",
    Project: "mentorship",
    ProjectMilestone: "project__mentorship",
}


def _blank(model, names) -> dict[str, str]:
    return {name: "" for name in names}


@functools.cache
def texts_of(model) -> tuple[str, ...]:
    """The model's encrypted columns, looked up once per process (exports call it per row)."""
    return tuple(next(names for m, names in encrypted_fields() if m is model))


def erase_texts(person, replacer: Replacer) -> dict[str, int]:
    """Delete what the person wrote; replace their name in their partners' texts."""
    mine = Participant.objects.filter(person=person)
    counts = {
        "preparations": Preparation.objects.filter(author__in=mine).update(
            **_blank(Preparation, texts_of(Preparation))
        ),
        "logs": MeetingLog.objects.filter(author__in=mine).update(
            **_blank(MeetingLog, texts_of(MeetingLog))
        ),
        "goals": _erase_goals(mine),
        "reviews": ClosingReview.objects.filter(participant__in=mine).update(next_steps=""),
    }
    mine.update(decline_reason="")
    counts["mentor_requests"] = MentorRequest.objects.filter(mentee=person).update(
        message=""
    ) + MentorRequest.objects.filter(mentor=person).update(answer="")
    mentorships = mine.values_list("mentorship_id", flat=True)
    counts["partner_texts"] = replace_in_texts(replacer, list(mentorships))
    return counts


def _erase_goals(mine) -> int:
    goals = Goal.objects.filter(learner__in=mine).select_related("topic")
    for goal in goals:
        title = goal.topic.name_en if goal.topic_id else _("Goal")
        Goal.objects.filter(pk=goal.pk).update(title=title, criteria="", notes="")
    Milestone.objects.filter(goal__in=goals).update(title=_("Milestone"))
    GoalProgress.objects.filter(goal__in=goals).update(comment="")
    return len(goals)


def replace_in_texts(replacer: Replacer, mentorship_ids: list[int]) -> int:
    """Decrypt, replace, re-encrypt; models not in ``TO_MENTORSHIP`` are scanned whole."""
    changed = 0
    for model, names in encrypted_fields():
        rows = model._base_manager.all()
        if model in TO_MENTORSHIP:
            rows = rows.filter(**{f"{TO_MENTORSHIP[model]}__in": mentorship_ids})
        for row in rows.values("pk", *names):
            new = {n: replacer.text(row[n]) for n in names if row[n]}
            new = {n: v for n, v in new.items() if v != row[n]}
            if new:
                model._base_manager.filter(pk=row["pk"]).update(**new)
                changed += 1
    return changed


def purge_mentorships(mentorship_ids) -> dict[str, int]:
    """Delete every confidential text of these mentorships; rows, dates and levels stay."""
    counts = {}
    for model, names in encrypted_fields():
        path = TO_MENTORSHIP.get(model)
        if path is None:
            continue
        rows = model._base_manager.filter(**{f"{path}__in": mentorship_ids})
        holding = rows.exclude(**{name: "" for name in names})
        counts[model._meta.model_name] = holding.update(**_blank(model, names))
    return counts
