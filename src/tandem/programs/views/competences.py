"""Reviewing the competences of the program's mentors in the program's topics."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _

from tandem.people.models import Competence
from tandem.people.views.competences import competence_page
from tandem.programs.models import Enrolment
from tandem.programs.permissions import get_program_for_manager


@login_required
def program_competences(request, slug: str):
    program = get_program_for_manager(request.user, slug)
    mentors = program.enrolments.filter(role=Enrolment.Role.MENTOR).values("person_id")
    topics = program.topics.all()
    queryset = Competence.objects.filter(person_id__in=mentors, topic__in=topics)
    context = {
        "title": _("Mentors’ competences in %(program)s") % {"program": program.name},
        "program": program,
    }
    return competence_page(request, queryset, context, topics=topics)
