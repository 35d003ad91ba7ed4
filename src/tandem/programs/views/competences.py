"""Reviewing the competences of the program's mentors in the program's topics, and recording
an assessment or a certification: the program's managers and coaches."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tandem.people.models import Competence
from tandem.people.views.competences import competence_page, record_evidence
from tandem.programs.models import Enrolment
from tandem.programs.permissions import get_program_for_supervisor


def _competences(program):
    mentors = program.enrolments.filter(role=Enrolment.Role.MENTOR).values("person_id")
    return Competence.objects.filter(person_id__in=mentors, topic__in=program.topics.all())


@login_required
@require_GET
def program_competences(request, slug: str):
    program = get_program_for_supervisor(request.user, slug)
    context = {
        "title": _("Mentors’ competences in %(program)s") % {"program": program.name},
        "program": program,
    }
    return competence_page(request, _competences(program), context, topics=program.topics.all())


@login_required
@require_POST
def record(request, slug: str, pk: int, kind: str):
    program = get_program_for_supervisor(request.user, slug)
    url = reverse("programs:competences", args=[program.slug])
    return record_evidence(request, _competences(program), pk, kind, url)
