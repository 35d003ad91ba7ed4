"""Dashboard, CSV export, program questions, alerts and survey pages (the impact report is in
``report``). Thin: each view starts with its permission helper and calls a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from tandem.insights.errors import InsightsError
from tandem.insights.models import CHOICES, Kind, Moment
from tandem.insights.permissions import (
    alerts_for,
    get_due_for,
    get_program_dashboard_for,
    get_program_managed_by,
)
from tandem.insights.services import cockpit, exports, headline, metrics, presentation, surveys
from tandem.insights.services.alert_words import alert_text
from tandem.mentorships.models import Mentorship, Participant
from tandem.mentorships.permissions import person_of
from tandem.operations.replica import reads_replica
from tandem.programs.permissions import is_program_manager_of


@login_required
@require_GET
@reads_replica
def dashboard(request, pk: int):
    program = get_program_dashboard_for(request.user, pk)
    across = request.GET.get("scope") == "chain"
    cohorts = metrics.chain(program)
    if across:
        m, previous, before = metrics.compute(cohorts, metrics.chain_label(cohorts)), None, None
    else:
        m = metrics.for_program(program)
        previous = next((c for c in cohorts if c.pk == program.renews_id), None)
        before = metrics.for_program(previous) if previous else None
    # the comparison reuses what was computed for this cohort and the previous one
    known = {} if across else {c.pk: x for c, x in ((program, m), (previous, before)) if c}
    context = {
        "program": program,
        "metrics": m,
        "across": across,
        "cards": headline.cards(m, before, previous.name if previous else ""),
        "rows": presentation.rows(m),
        "charts": presentation.charts(m),
        "comparison": (
            metrics.cohort_comparison(program, cohorts, known) if len(cohorts) > 1 else []
        ),
        "can_manage": is_program_manager_of(request.user, program),
        "open_alerts": program.alerts.filter(closed_at__isnull=True).count(),
    }
    return render(request, "insights/dashboard.html", context)


@login_required
@require_GET
@reads_replica
def export_csv(request, pk: int):
    program = get_program_dashboard_for(request.user, pk)
    across = request.GET.get("scope") == "chain"
    text = exports.aggregates_csv(program, request.user, across=across)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{program.slug}-aggregates.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def questions(request, pk: int):
    program = get_program_managed_by(request.user, pk)
    if request.method == "POST":
        try:
            surveys.add_question(
                program,
                request.user,
                moment=request.POST.get("moment", ""),
                role=request.POST.get("role", ""),
                kind=request.POST.get("kind", ""),
                text_en=request.POST.get("text_en", ""),
                text_fr=request.POST.get("text_fr", ""),
            )
        except InsightsError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "✓")
            return redirect("insights:questions", pk=program.pk)
    found = surveys.ensure_surveys(program)
    context = {
        "program": program,
        "surveys": [found[k] for k in sorted(found)],
        "moments": Moment.choices,
        "roles": Participant.Role.choices,
        "kinds": Kind.choices,
    }
    return render(request, "insights/questions.html", context)


@login_required
@require_GET
def alerts(request):
    """The open alerts of the pairs the user manages or coaches: who, what, since when, and a
    link to each pair's page."""
    rows = list(
        alerts_for(request.user)
        .filter(closed_at__isnull=True)
        .order_by("program_id", "opened_at", "pk")[:500]
    )
    first = {}  # a pair's alerts together, where its oldest one stands
    for index, alert in enumerate(rows):
        first.setdefault(alert.mentorship_id, index)
    rows.sort(key=lambda alert: first[alert.mentorship_id])
    people = cockpit.rows(
        list(
            Mentorship.objects.filter(pk__in={a.mentorship_id for a in rows}).select_related(
                "program"
            )
        )
    )
    by_pair = {row.mentorship.pk: row for row in people}
    context = {
        "alerts": [
            (
                alert,
                by_pair[alert.mentorship_id],
                alert_text(alert, {p.pk: p.full_name for p in by_pair[alert.mentorship_id].people}),
            )
            for alert in rows
        ]
    }
    return render(request, "insights/alerts.html", context)


@login_required
@require_GET
def survey_list(request):
    person = person_of(request.user)
    dues = surveys.open_dues(person) if person else []
    return render(request, "insights/surveys.html", {"dues": dues})


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer(request, pk: int):
    due = get_due_for(request.user, pk)
    if request.method == "POST":
        try:
            surveys.submit_answers(due, request.user, request.POST)
        except InsightsError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "✓")
            return redirect("insights:surveys")
    items = [
        {
            "name": name,
            "label": surveys.question_label(q, topic),
            "choices": CHOICES[q.kind],
            "value": request.POST.get(name, ""),
        }
        for name, q, topic in surveys.form_items(due)
    ]
    answers = [
        (a.question.label(a.topic), dict(CHOICES[a.question.kind]).get(a.value, a.value))
        for a in (due.answers.select_related("question", "topic") if due.answered_at else [])
    ]
    return render(request, "insights/survey.html", {"due": due, "items": items, "answers": answers})
