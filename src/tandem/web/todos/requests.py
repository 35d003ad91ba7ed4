"""To-dos of self-matching: a mentee chooses a mentor, a mentor answers a mentee's request.
(A manager's approvals are on the program's requests page.)"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.mentorships.models import OPEN_STATUSES, MentorRequest, Participant
from tandem.mentorships.services.requests import CHOOSING
from tandem.programs.models import Enrolment, MatchingMode
from tandem.web.todos import Reader, Todo, provider, todo


@provider
def answer_requests(reader: Reader) -> list[Todo]:
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


@provider
def choose_mentor(reader: Reader) -> list[Todo]:
    """Programs where the person is an accepted mentee who may choose and has neither a
    mentor nor a request waiting."""
    paired = Participant.objects.filter(
        person=reader.person,
        role=Participant.Role.MENTEE,
        mentorship__program_id=OuterRef("program_id"),
        mentorship__status__in=OPEN_STATUSES,
    ).exclude(answer=Participant.Answer.DECLINED)
    asked = MentorRequest.objects.filter(
        mentee=reader.person, program_id=OuterRef("program_id"), status__in=MentorRequest.OPEN
    )
    rows = (
        Enrolment.objects.filter(
            person=reader.person,
            role=Enrolment.Role.MENTEE,
            status=Enrolment.Status.ACCEPTED,
            program__matching_mode__in=[MatchingMode.SELF, MatchingMode.BLENDED],
            program__status__in=CHOOSING,
        )
        .exclude(Exists(paired))
        .exclude(Exists(asked))
        .values_list("program__slug", "program__name")
    )
    return [  # no date: choosing is open while the program runs
        todo(
            "choose-mentor",
            _("Choose your mentor in %(program)s") % {"program": name},
            reverse("mentorships:choose-mentor", args=[slug]),
            None,
            reader,
            program=slug,
        )
        for slug, name in rows
    ]
