"""The coach's page: the health of the pairs they supervise — statuses, dates, goals'
statuses and flags from ``coach_overview``, which has no field for what pairs write."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.mentorships.services.coaching import coach_overview
from tandem.mentorships.views.common import signed_in


@require_GET
@signed_in
def coach_page(request):
    return render(request, "mentorships/coach.html", {"rows": coach_overview(request.user)})
