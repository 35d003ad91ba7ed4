"""The impact report as a background task (django-tasks): a large program's report takes
longer than a page should wait, so the dashboard's button enqueues it and a page follows it
(``views/report.py``). ``tandem report PROGRAM --pdf FILE`` stays synchronous.

The task stores the PDF (``ImpactReport``, so any web worker can serve it) and returns plain
JSON: ``{"report_id": …}``. Reports older than ``ImpactReport.KEEP_DAYS`` are removed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone, translation
from django_tasks import task

from tandem.insights.models import ImpactReport
from tandem.insights.services import report
from tandem.mentorships.models import Mentorship
from tandem.programs.models import Program

BACKGROUND_ABOVE = 1000  # mentorships; setting TANDEM_REPORT_BACKGROUND_ABOVE


def runs_in_background(program: Program) -> bool:
    """Whether the report of this program is built by a worker (small ones stay in the
    request: the PDF downloads at once)."""
    limit = getattr(settings, "TANDEM_REPORT_BACKGROUND_ABOVE", BACKGROUND_ABOVE)
    return Mentorship.objects.filter(program=program).count() > limit


@task()
def build_report_task(program_id: int, actor_id: int | None = None, language: str = "en") -> dict:
    """Build program ``program_id``'s report in ``language`` and keep it; see the module."""
    program = Program.objects.get(pk=program_id)
    with translation.override(language):
        pdf = report.build_pdf(program)
    stored = ImpactReport.objects.create(
        program=program, requested_by_id=actor_id, language=language, pdf=pdf
    )
    old = timezone.now() - dt.timedelta(days=ImpactReport.KEEP_DAYS)
    ImpactReport.objects.filter(created_at__lt=old).delete()
    return {"report_id": stored.pk}
