"""The program cockpit (every pair of a program, at risk first), its CSV, a pair's page for
its managers and coaches, and the coach page (the coach's pairs, at risk first). Thin: each
view starts with its permission helper and calls ``services.cockpit``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.accounts.audit import record
from tandem.accounts.audit_sentences import names_for, sentence
from tandem.accounts.models import AuditEvent
from tandem.insights.forms_cockpit import CockpitFilter
from tandem.insights.permissions import get_pair_for
from tandem.insights.services import cockpit
from tandem.insights.services.alert_words import alert_text
from tandem.insights.services.health import Health, with_health
from tandem.mentorships.models import Goal, Meeting, Mentorship, Project
from tandem.mentorships.permissions import person_of
from tandem.mentorships.services import projects
from tandem.operations.csvexport import csv_text
from tandem.programs.permissions import get_program_for_manager, is_program_manager_of

PER_PAGE = 25


def _query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_GET
def cockpit_page(request, slug: str):
    program = get_program_for_manager(request.user, slug)
    form = CockpitFilter(program, request.GET or None)
    base = program.mentorships.all()
    qs = cockpit.pairs(base, form.filters())
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "program": program,
        "form": form,
        "page_obj": page,
        "rows": cockpit.rows(list(page.object_list)),
        "counts": cockpit.health_counts(base),
        "query": _query(request),
        "filtered": bool(request.GET.dict().keys() - {"page"}),
        "program_coaches": list(program.coaches.order_by("full_name")),
    }
    return render(request, "insights/cockpit.html", context)


@login_required
@require_GET
def cockpit_csv(request, slug: str):
    """The filtered pairs as CSV (codes, names and dates); the download is audited."""
    program = get_program_for_manager(request.user, slug)
    form = CockpitFilter(program, request.GET or None)
    qs = cockpit.pairs(program.mentorships.all(), form.filters())
    text = csv_text(cockpit.CSV_HEADER, cockpit.csv_rows(qs, program))
    record(request.user, "insights.pairs_exported", program, filters=_query(request))
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{program.slug}-pairs.csv"'
    return response


def _history(mentorship: Mentorship) -> list[tuple]:
    events = list(
        AuditEvent.objects.filter(
            object_type="mentorships.mentorship", object_id=str(mentorship.pk)
        )
        .exclude(action__endswith=".read")
        .select_related("actor")
        .order_by("-at", "-id")[:100]
    )
    names = names_for(events)
    return [(event.at, sentence(event, names)) for event in events]


@login_required
@require_GET
def pair_page(request, slug: str, pk: int):
    """What a manager or coach sees of a pair: people, status, health, dates, meetings'
    dates and statuses, goals' topics and statuses, alerts, history — never what it wrote."""
    mentorship = get_pair_for(request.user, slug, pk)
    program = mentorship.program
    (row,) = cockpit.rows([with_health(Mentorship.objects.filter(pk=mentorship.pk)).get()])
    open_alerts, closed_alerts = cockpit.pair_alerts(mentorship)
    names = {p.pk: p.full_name for p in row.people}
    record(request.user, "mentorship.read", mentorship, via="pair page")
    context = {
        "program": program,
        "mentorship": row.mentorship,
        "row": row,
        "open_alerts": [(a, alert_text(a, names)) for a in open_alerts],
        "closed_alerts": [(a, alert_text(a, names)) for a in closed_alerts[:10]],
        "meetings": Meeting.objects.filter(mentorship=mentorship).order_by("starts_at", "pk"),
        "goals": Goal.objects.filter(mentorship=mentorship)
        .select_related("topic", "learner__person")
        .order_by("learner__role", "pk"),
        "history": _history(mentorship),
        "manages": is_program_manager_of(request.user, program),
        "project": _project_of(mentorship),
    }
    return render(request, "insights/pair.html", context)


def _project_of(mentorship: Mentorship):
    """A project pair's status, milestone counts and dates (never the deliverable's text)."""
    project = Project.objects.filter(mentorship=mentorship).first()
    return None if project is None else projects.summary(project)


@login_required
@require_GET
def coach_page(request):
    """The pairs the user coaches, at risk first (managers have each program's cockpit)."""
    person = person_of(request.user)
    base = cockpit.coached_by(person) if person else Mentorship.objects.none()
    health = request.GET.get("health", "")
    qs = cockpit.pairs(base, cockpit.Filters(health=health if health in Health.values else ""))
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "rows": cockpit.rows(list(page.object_list)),
        "counts": cockpit.health_counts(base),
        "health": health,
        "query": _query(request),
        "managed": request.user.managed_programs.order_by("-start", "name"),
    }
    return render(request, "insights/coach.html", context)
