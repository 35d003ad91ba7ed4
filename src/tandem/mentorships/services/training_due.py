"""``tandem remind``: mentors with training still due before their first meeting.

Once per program when an accepted mentor of a program that requires training has not passed
every required module (the engine cannot match them yet), and once more when a pair of theirs
is waiting on it to start. Never after their first meeting was held. The module names are in
the mentor's language; ``reminders`` makes the whole idempotent (one row per kind, key and
recipient).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tandem.mentorships.models import Meeting, Mentorship, Participant
from tandem.mentorships.services.reminders import Reminder, register
from tandem.programs.models import Enrolment, Program
from tandem.programs.services.training import missing_modules, trained_ids

KIND = "training-due"
WAITING = (Mentorship.Status.PROPOSED, Mentorship.Status.ACCEPTED)


def _programs():
    return Program.objects.filter(
        require_training=True,
        required_modules__isnull=False,
        status__in=[
            Program.Status.RECRUITING,
            Program.Status.MATCHING,
            Program.Status.SCHEDULED,
            Program.Status.RUNNING,
        ],
    ).distinct()


def _untrained(program: Program):
    """Accepted mentors who have not passed the training and held no meeting yet."""
    mentors = Enrolment.objects.filter(
        program=program,
        role=Enrolment.Role.MENTOR,
        status=Enrolment.Status.ACCEPTED,
        person__is_active=True,
    )
    trained = trained_ids(program, mentors.values("person_id"))
    if trained is None:  # no training required after all
        return []
    met = Participant.objects.filter(
        mentorship__program=program, mentorship__meetings__status=Meeting.Status.HELD
    ).values("person_id")
    rows = mentors.exclude(person_id__in=met).select_related("person")
    return [enrolment for enrolment in rows if enrolment.person_id not in trained]


def _waiting_pair(program: Program, person_id: int) -> int | None:
    mentorship = (
        Participant.objects.filter(
            person_id=person_id,
            role=Participant.Role.MENTOR,
            mentorship__program=program,
            mentorship__status__in=WAITING,
        )
        .exclude(answer=Participant.Answer.DECLINED)
        .values_list("mentorship_id", flat=True)
        .first()
    )
    return mentorship


@register(KIND)
def training_due(at: dt.datetime) -> Iterator[Reminder]:
    for program in _programs():
        for enrolment in _untrained(program):
            person = enrolment.person
            with translation.override(person.mail_language):
                modules = ", ".join(m.name for m in missing_modules(person, program))
            waiting = _waiting_pair(program, person.pk)
            yield Reminder(
                kind=KIND,
                key=f"{program.pk}:pair{waiting}" if waiting else str(program.pk),
                person=person,
                subject=_("Tandem: your mentor training is due"),
                body=(
                    _(
                        "Hello %(name)s,\n\nA pair of yours in %(program)s can start only once "
                        "you have completed the mentor training. Still to do: %(modules)s."
                        "\n\n%(training)s\n"
                    )
                    if waiting
                    else _(
                        "Hello %(name)s,\n\nBefore your first meeting in %(program)s, please "
                        "complete the mentor training; you can be matched once it is done. "
                        "Still to do: %(modules)s.\n\n%(training)s\n"
                    )
                ),
                params={
                    "program": program.name,
                    "modules": modules,
                    "training": _training_url(program),
                },
                link=reverse("participant:training", args=[program.slug]),
                program_id=program.pk,
            )


def _training_url(program: Program) -> str:
    return settings.SITE_URL + reverse("participant:training", args=[program.slug])
