"""A program's page for its managers: status, counts, enrolments (paginated, filtered),
pairs and meetings by status. A fixed number of queries whatever the program's size."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tandem.accounts.models import Invitation
from tandem.programs.errors import ProgramsError
from tandem.programs.forms import EnrolmentFilter, StatusForm
from tandem.programs.models import Enrolment, Program
from tandem.programs.permissions import (
    can_create_programs,
    get_program_for_manager,
    managed_programs,
)
from tandem.programs.services.lifecycle import change_status, next_status
from tandem.programs.services.qualification import evidence_table

PER_PAGE = 50


@login_required
def program_list(request):
    """The programs the user manages (all of them for a superuser)."""
    context = {
        "programs": managed_programs(request.user).order_by("-start", "name"),
        "can_create": can_create_programs(request.user),
    }
    return render(request, "programs/list.html", context)


def enrolment_counts(program: Program) -> dict:
    counts: dict = defaultdict(int)
    rows = (
        Enrolment.objects.filter(program=program)
        .values_list("role", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for role, status, n in rows:
        counts[f"{role}_{status}"] = n
        counts[role] += n
    return counts


def by_status(program: Program, lookup: str, choices) -> list[tuple[str, str, int]]:
    """(value, label, count) for the reverse relation ``lookup`` (an app above: no import)."""
    rows = (
        Program.objects.filter(pk=program.pk, **{f"{lookup}__isnull": False})
        .values_list(lookup)
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = dict(rows)
    return [(value, label, found.get(value, 0)) for value, label in choices]


def enrolment_page(request, program: Program):
    form = EnrolmentFilter(request.GET or None)
    pending = Invitation.objects.filter(
        person=OuterRef("person"), used_at__isnull=True, expires_at__gt=timezone.now()
    )
    rows = (
        program.enrolments.select_related("person", "person__organization")
        .annotate(invited=Exists(pending))
        .order_by("role", "person__full_name", "id")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["role"]:
            rows = rows.filter(role=data["role"])
        if data["status"]:
            rows = rows.filter(status=data["status"])
        if data["q"]:
            text = data["q"].strip()
            rows = rows.filter(
                Q(person__full_name__icontains=text)
                | Q(person__email__iexact=text)
                | Q(person__employee_id__iexact=text)
            )
    query = request.GET.copy()
    query.pop("page", None)
    return form, Paginator(rows, PER_PAGE).get_page(request.GET.get("page")), query.urlencode()


@login_required
def program_page(request, slug: str):
    program = get_program_for_manager(request.user, slug)
    form, page, query = enrolment_page(request, program)
    context = {
        "program": program,
        "counts": enrolment_counts(program),
        "filter_form": form,
        "page_obj": page,
        "query": query,
        "invite_url": reverse("programs:invite-one", args=[program.slug, 0])[:-2],
        "next_status": next_status(program),
        "next_label": Program.Status(next_status(program)).label if next_status(program) else "",
        "pairs": by_status(program, "mentorships__status", _mentorship_statuses()),
        "meetings": by_status(program, "mentorships__meetings__status", _meeting_statuses()),
        "qualified": evidence_table(program),
        "without_account": program.enrolments.filter(person__user__isnull=True)
        .exclude(status__in=[Enrolment.Status.DECLINED, Enrolment.Status.WITHDRAWN])
        .values("person")
        .distinct()
        .count(),
    }
    return render(request, "programs/program.html", context)


def _mentorship_statuses():
    field = Program._meta.get_field("mentorships").related_model._meta.get_field("status")
    return field.choices


def _meeting_statuses():
    mentorship = Program._meta.get_field("mentorships").related_model
    return mentorship._meta.get_field("meetings").related_model._meta.get_field("status").choices


@login_required
@require_POST
def set_status(request, slug: str):
    program = get_program_for_manager(request.user, slug)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown status."))
        return redirect("programs:detail", slug=program.slug)
    if form.cleaned_data["status"] == Program.Status.CLOSED and not request.POST.get("confirm"):
        return redirect("programs:close", slug=program.slug)  # say what closing does first
    try:
        program = change_status(program, form.cleaned_data["status"], actor=request.user)
    except ProgramsError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The program is now “%(status)s”.") % {"status": program.get_status_display()},
        )
    return redirect("programs:detail", slug=program.slug)


@login_required
@require_GET
def close_page(request, slug: str):
    """What closing the program does, before it is done: the status change, no email sent,
    what becomes of the pairs still going."""
    program = get_program_for_manager(request.user, slug)
    pairs = {
        value: n
        for value, _label, n in by_status(program, "mentorships__status", _mentorship_statuses())
    }
    context = {
        "program": program,
        "can_close": next_status(program) == Program.Status.CLOSED,
        "going": pairs.get("active", 0) + pairs.get("accepted", 0),
        "proposed": pairs.get("proposed", 0),
        "planned": dict(
            (value, n)
            for value, _label, n in by_status(
                program, "mentorships__meetings__status", _meeting_statuses()
            )
        ).get("planned", 0),
        "ended": program.end < timezone.localdate(),
    }
    return render(request, "programs/close.html", context)
