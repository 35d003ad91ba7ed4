"""Small helpers shared by the mentorship services: locking, who acts, status checks."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.mentorships.errors import MentorshipError, MentorshipForbidden
from tandem.mentorships.models import Mentorship, Participant
from tandem.mentorships.permissions import participant_for
from tandem.programs.permissions import is_program_manager_of


def now():
    return timezone.now()


def lock(mentorship: Mentorship) -> Mentorship:
    """Re-read the mentorship under a row lock, so two answers cannot race."""
    return Mentorship.objects.select_for_update().select_related("program").get(pk=mentorship.pk)


def active_participants(mentorship: Mentorship):
    return mentorship.participants.exclude(answer=Participant.Answer.DECLINED).select_related(
        "person"
    )


def acting_participant(mentorship: Mentorship, actor) -> Participant:
    participant = participant_for(actor, mentorship)
    if participant is None:
        raise MentorshipForbidden(_("Only the participants of this mentorship can do this."))
    return participant


def participant_or_manager(mentorship: Mentorship, actor) -> Participant | None:
    """The acting participant, or None for a manager; anyone else is refused."""
    participant = participant_for(actor, mentorship)
    if participant is not None:
        return participant
    if is_program_manager_of(actor, mentorship.program):
        return None
    raise MentorshipForbidden(
        _("Only the participants of this mentorship or its program's managers can do this.")
    )


def require_status(mentorship: Mentorship, *statuses: str) -> None:
    if mentorship.status not in statuses:
        raise MentorshipError(
            _("This mentorship is %(status)s: this cannot be done now.")
            % {"status": mentorship.get_status_display().lower()}
        )


def pair_url(mentorship_id: int) -> str:
    """The mentorship's page as a link in a message (an absolute URL)."""
    return settings.SITE_URL + reverse("mentorships:detail", args=[mentorship_id])


def first_names(mentorship: Mentorship) -> str:
    """ "Léa & Jean": mentors first; nothing else about the pair."""
    people = sorted(active_participants(mentorship), key=lambda p: (p.role != "mentor", p.id))
    return " & ".join(p.person.first_name for p in people if p.person.full_name)
