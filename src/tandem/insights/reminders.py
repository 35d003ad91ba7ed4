"""Reminder kinds of insights for ``tandem remind`` (registered from ``InsightsConfig.ready``):
"survey-due" emails each respondent once per survey due; "health-alerts" keeps the alerts of
pairs up to date and sends nothing itself (the weekly digest does)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.insights import channel
from tandem.insights.models import SurveyDue
from tandem.insights.services.alerts import refresh_running
from tandem.insights.services.surveys import refresh_dues
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services.reminders import TOO_OLD, Reminder, about, register
from tandem.programs.models import Program


def _surveyed_programs():
    return Program.objects.filter(
        Q(status=Program.Status.RUNNING)
        | Q(mentorships__status__in=[Mentorship.Status.ACTIVE, Mentorship.Status.COMPLETED])
    ).distinct()


@register("survey-due")
def surveys_due(at: dt.datetime) -> Iterator[Reminder]:
    today = timezone.localdate(at)
    for program in _surveyed_programs():
        refresh_dues(program)
    dues = SurveyDue.objects.filter(
        answered_at__isnull=True,
        due_on__lte=today,
        due_on__gt=today - TOO_OLD,
        mentorship__status__in=[Mentorship.Status.ACTIVE, Mentorship.Status.COMPLETED],
    ).select_related("person", "survey__program")
    for due in dues:
        yield about(
            "survey-due",
            due,
            due.person,
            due.survey.program,
            _("Tandem: a short survey about your mentorship"),
            _(
                "Hello %(name)s,\n\nA short survey about your mentorship (%(program)s, "
                "%(moment)s) is waiting for you. Your answers stay yours: the program sees "
                "only figures over at least five people.\n\n%(url)s\n"
            ),
            params={"moment": str(due.survey.get_moment_display()).lower()},
            link=f"/surveys/{due.pk}/",
            program_id=due.survey.program_id,
        )


@register("health-alerts")
def health_alerts(at: dt.datetime) -> Iterator[Reminder]:
    refresh_running(at)
    channel.post_new_alerts()
    return iter(())
