"""To-dos of self-matching: a mentee chooses a mentor, a mentor answers a mentee's request.
(A manager's approvals are on the program's requests page.)"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.mentorships.models import OPEN_STATUSES, MentorRequest, Participant
from tandem.mentorships.services.requests import CHOOSING
from tandem.programs.models import Enrolment, MatchingMode
from tandem.web.todos import Reader, Todo, provider, todo


@provider
def answer_requests(reader: Reader) -> list[Todo]:
    """Requests waiting for the person's answer: a mentee asks only someone enrolled as a
    mentor (whatever the enrolment's status since), so a mentee's home does not ask."""
    if not any(e.role == Enrolment.Role.MENTOR for e in reader.enrolments):
        return []
    rows = (
        MentorRequest.objects.filter(
            mentor=reader.person, status=MentorRequest.Status.PENDING, expires_at__gt=reader.now
        )
        .order_by("expires_at")
        .values_list("pk", "mentee__full_name", "program__name", "expires_at")
    )
    return [
        todo(
            "request",
            _("Answer %(name)s, who asks you to be their mentor (%(program)s)")
            % {"name": name, "program": program},
            reverse("mentorships:requests") + f"#request-{pk}",
            timezone.localdate(expires),
            reader,
        )
        for pk, name, program, expires in rows
    ]


def _choosing(reader: Reader) -> list[Enrolment]:
    """The person's accepted mentee enrolments in programs open to choosing a mentor where
    they are not in an open pair as a mentee (from the rows already read)."""
    paired = {
        place.mentorship.program_id
        for place in reader.places
        if place.role == Participant.Role.MENTEE
        and place.mentorship.status in OPEN_STATUSES
        and place.answer != Participant.Answer.DECLINED
    }
    return [
        e
        for e in reader.enrolments
        if e.role == Enrolment.Role.MENTEE
        and e.status == Enrolment.Status.ACCEPTED
        and e.program.matching_mode in (MatchingMode.SELF, MatchingMode.BLENDED)
        and e.program.status in CHOOSING
        and e.program_id not in paired
    ]


@provider
def choose_mentor(reader: Reader) -> list[Todo]:
    """Programs where the person is an accepted mentee who may choose and has neither a
    mentor nor a request waiting (a query only when there is such a program)."""
    choosing = _choosing(reader)
    if choosing:
        asked = set(
            MentorRequest.objects.filter(
                mentee=reader.person,
                program_id__in=[e.program_id for e in choosing],
                status__in=MentorRequest.OPEN,
            ).values_list("program_id", flat=True)
        )
        choosing = [e for e in choosing if e.program_id not in asked]
    return [  # no date: choosing is open while the program runs
        todo(
            "choose-mentor",
            _("Choose your mentor in %(program)s") % {"program": e.program.name},
            reverse("mentorships:choose-mentor", args=[e.program.slug]),
            None,
            reader,
            program=e.program.slug,
        )
        for e in choosing
    ]
