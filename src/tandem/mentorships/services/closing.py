"""The end of a mentorship: each participant's closing review, then completion — by the pair
or a manager once the reviews are in, or by ``tandem complete-mentorships`` when the program
has ended."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import ClosingReview, Goal, Mentorship, Participant
from tandem.mentorships.services.common import (
    acting_participant,
    active_participants,
    lock,
    now,
    participant_or_manager,
    require_status,
)
from tandem.mentorships.services.lifecycle import cancel_future_meetings


def submit_closing_review(
    participant: Participant,
    actor,
    *,
    goals_reached: dict,
    autonomy: int,
    next_steps: str = "",
    would_recommend: bool,
) -> ClosingReview:
    """``goals_reached`` maps each goal (or its id) to True/False."""
    mentorship = participant.mentorship
    me = acting_participant(mentorship, actor)
    if me.pk != participant.pk:
        raise MentorshipError(_("Each participant writes their own closing review."))
    require_status(mentorship, Mentorship.Status.ACTIVE, Mentorship.Status.COMPLETED)
    try:
        autonomy = int(autonomy)
    except (TypeError, ValueError):
        autonomy = 0
    if not 1 <= autonomy <= 5:
        raise MentorshipError(_("Autonomy is a number from 1 to 5."))
    ids = set(mentorship.goals.values_list("pk", flat=True))
    reached = {}
    for goal, value in (goals_reached or {}).items():
        pk = goal.pk if isinstance(goal, Goal) else int(goal)
        if pk not in ids:
            raise MentorshipError(_("Goal %(id)s is not a goal of this mentorship.") % {"id": pk})
        reached[str(pk)] = bool(value)
    review, _created = ClosingReview.objects.update_or_create(
        participant=me,
        defaults={
            "goals_reached": reached,
            "autonomy": autonomy,
            "next_steps": (next_steps or "").strip(),
            "would_recommend": bool(would_recommend),
        },
    )
    return review


def missing_reviews(mentorship: Mentorship) -> list[Participant]:
    return list(active_participants(mentorship).filter(closing_review__isnull=True))


def complete_mentorship(mentorship: Mentorship, actor) -> Mentorship:
    """Complete an active mentorship once every participant has written a closing review
    (or the program has ended)."""
    with transaction.atomic():
        mentorship = lock(mentorship)
        participant_or_manager(mentorship, actor)
        require_status(mentorship, Mentorship.Status.ACTIVE)
        missing = missing_reviews(mentorship)
        if missing and timezone.localdate() <= mentorship.program.end:
            raise MentorshipError(
                _("Waiting for the closing review of: %(names)s.")
                % {"names": ", ".join(p.person.full_name for p in missing)}
            )
        _complete(mentorship, actor)
    return mentorship


def _complete(mentorship: Mentorship, actor) -> None:
    mentorship.status, mentorship.ended_at = Mentorship.Status.COMPLETED, now()
    mentorship.save(update_fields=["status", "ended_at", "updated_at"])
    cancel_future_meetings(mentorship)
    record(actor, "mentorship.completed", mentorship)


def complete_ended_programs(today: dt.date | None = None) -> dict[str, int]:
    """Complete the active mentorships whose program has ended; end those that never
    started. Safe to run every day."""
    today = today or timezone.localdate()
    counts = {"completed": 0, "ended": 0}
    due = Mentorship.objects.filter(
        program__end__lt=today,
        status__in=[
            Mentorship.Status.PROPOSED,
            Mentorship.Status.ACCEPTED,
            Mentorship.Status.ACTIVE,
        ],
    )
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            mentorship = lock(Mentorship(pk=pk))
            if mentorship.status == Mentorship.Status.ACTIVE:
                _complete(mentorship, None)
                counts["completed"] += 1
            elif mentorship.status in (Mentorship.Status.PROPOSED, Mentorship.Status.ACCEPTED):
                mentorship.status, mentorship.ended_at = Mentorship.Status.ENDED, now()
                mentorship.end_reason = _("The program ended before this mentorship started.")
                mentorship.save(update_fields=["status", "ended_at", "end_reason", "updated_at"])
                record(None, "mentorship.ended", mentorship, by="system")
                counts["ended"] += 1
    return counts
