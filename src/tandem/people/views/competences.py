"""Reviewing competences and who vouched for them, and recording an assessment or a
certification (manager and coach side).

The page logic is shared: the directory page here (HR program managers) and the program's
page in ``programs.views.competences`` (its mentors and topics, for its managers and coaches)
pass their own queryset. These are list pages, so a view leaves no audit event (one per page
view would be noise); recording evidence does (``services.competences``).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from tandem.accounts.forms import CleanTextMixin
from tandem.people.errors import PeopleError
from tandem.people.models import Competence, Evidence, Topic
from tandem.people.permissions import require_directory_manager
from tandem.people.services import provenance
from tandem.people.services.competences import assess_competence, certify_competence

PER_PAGE = 50


class CompetenceFilter(CleanTextMixin, forms.Form):
    unverified = forms.BooleanField(label=gettext_lazy("Self-declared only"), required=False)
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Topic"),
        queryset=Topic.objects.filter(is_active=True),
        required=False,
        empty_label=gettext_lazy("All topics"),
    )
    q = forms.CharField(label=gettext_lazy("Name or employee id"), required=False, max_length=100)

    def __init__(self, *args, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        if topics is not None:
            self.fields["topic"].queryset = topics


class AssessForm(CleanTextMixin, forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What the assessment found"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput)


class CertifyForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Certification"), max_length=300)
    obtained_on = forms.DateField(
        label=gettext_lazy("Obtained on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput)


def filtered(queryset: QuerySet, form: CompetenceFilter) -> QuerySet:
    if not form.is_valid():
        return queryset
    data = form.cleaned_data
    if data["unverified"]:
        queryset = queryset.filter(evidence=Evidence.SELF)
    if data["topic"]:
        queryset = queryset.filter(topic=data["topic"])
    if data["q"]:
        text = data["q"].strip()
        queryset = queryset.filter(
            Q(person__full_name__icontains=text) | Q(person__employee_id__iexact=text)
        )
    return queryset


def _back(list_url: str, form) -> HttpResponseRedirect:
    """To the list with its filters (only a query string is taken from the form)."""
    query = (form.data.get("query") or "").lstrip("?")
    return HttpResponseRedirect(f"{list_url}?{query}" if query else list_url)


def _form_errors(form) -> str:
    return " ".join(
        f"{form.fields[name].label}: {' '.join(errors)}"
        if name in form.fields
        else " ".join(errors)
        for name, errors in form.errors.items()
    )


def record_evidence(request, queryset: QuerySet, pk: int, kind: str, list_url: str):
    """POST: record an assessment or a certification of one competence of ``queryset`` (any
    other is a 404), then back to the list with a message."""
    competence = get_object_or_404(queryset.select_related("person", "topic"), pk=pk)
    form = (AssessForm if kind == "assess" else CertifyForm)(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(list_url, form)
    data = form.cleaned_data
    try:
        if kind == "assess":
            assess_competence(competence, actor=request.user, note=data["note"])
        else:
            certify_competence(
                competence, actor=request.user, name=data["name"], on=data["obtained_on"]
            )
    except PeopleError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s’s competence in %(topic)s is now “%(evidence)s”.")
            % {
                "name": competence.person.full_name,
                "topic": competence.topic.name,
                "evidence": competence.get_evidence_display(),
            },
        )
    return _back(list_url, form)


def _expiries(page, months: int | None) -> None:
    """When the program lets evidence expire: each row's last day, and whether it passed."""
    today = timezone.localdate()
    for competence in page:
        day = provenance.expires_on(competence, months)
        competence.expiry = None if day in (None, dt.date.min) else day
        competence.expired = day is not None and day <= today


def competence_page(request, queryset: QuerySet, context: dict, *, topics=None):
    """The list, filtered and paginated, each row with its source and the forms to record an
    assessment or a certification (posted to ``<pk>/assess/`` and ``<pk>/certify/``)."""
    queryset = queryset.select_related("person", "topic", "verified_by__person", "endorser")
    form = CompetenceFilter(request.GET or None, topics=topics)
    rows = filtered(queryset, form).order_by("verified_at", "person__full_name", "topic__slug")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    _expiries(page, getattr(context.get("program"), "evidence_months", None))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        **context,
        "base_url": request.path,
        "filter_form": form,
        "page_obj": page,
        "query": query.urlencode(),
        "assess_form": AssessForm(initial={"query": request.GET.urlencode()}),
        "certify_form": CertifyForm(initial={"query": request.GET.urlencode()}),
    }
    return render(request, "people/competences.html", context)


@login_required
@require_GET
def directory_competences(request):
    """Every competence of the directory, for HR program managers."""
    require_directory_manager(request.user)
    context = {"title": _("Competences to review"), "program": None}
    return competence_page(request, Competence.objects.all(), context)


@login_required
@require_POST
def directory_evidence(request, pk: int, kind: str):
    require_directory_manager(request.user)
    url = reverse("people:competences")
    return record_evidence(request, Competence.objects.all(), pk, kind, url)
