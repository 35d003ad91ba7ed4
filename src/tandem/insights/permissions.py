"""Who sees what of insights: aggregates for the program's managers, its sponsor and
superusers; alerts for them and for the coaches of the pairs concerned; a survey's answers for
the respondent alone. Everyone else gets a 404, so a page cannot tell a program exists."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tandem.insights.models import Alert, SurveyDue
from tandem.mentorships.models import Mentorship
from tandem.mentorships.permissions import is_coach, person_of
from tandem.mentorships.services.coaching import supervised
from tandem.programs.models import Program
from tandem.programs.permissions import is_program_manager_of


def is_sponsor(user, program: Program) -> bool:
    person = person_of(user)
    return person is not None and program.sponsor_id == person.pk


def can_see_dashboard(user, program: Program) -> bool:
    return is_program_manager_of(user, program) or is_sponsor(user, program)


def get_program_dashboard_for(user, pk) -> Program:
    program = get_object_or_404(Program, pk=pk)
    if not can_see_dashboard(user, program):
        raise Http404
    return program


def get_program_managed_by(user, pk) -> Program:
    program = get_object_or_404(Program, pk=pk)
    if not is_program_manager_of(user, program):
        raise Http404
    return program


def get_due_for(user, pk) -> SurveyDue:
    """A survey to answer (and its answers): the respondent only — not managers, not admins."""
    person = person_of(user)
    if person is None:
        raise Http404
    qs = SurveyDue.objects.select_related("survey__program", "mentorship")
    return get_object_or_404(qs, pk=pk, person=person)


def alerts_for(user) -> QuerySet[Alert]:
    """Open and closed alerts of the pairs the user manages or coaches."""
    if not getattr(user, "is_authenticated", False):
        return Alert.objects.none()
    qs = Alert.objects.select_related("program", "mentorship")
    if user.is_superuser:
        return qs
    return qs.filter(mentorship__in=supervised(user).values("pk"))


def get_pair_for(user, slug: str, pk) -> Mentorship:
    """A pair's page (statuses, dates, health, history): the program's managers and the
    pair's coaches; a 404 for anyone else, its members included (they have their own page)."""
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("program"), pk=pk, program__slug=slug
    )
    if not (is_program_manager_of(user, mentorship.program) or is_coach(user, mentorship)):
        raise Http404
    return mentorship
