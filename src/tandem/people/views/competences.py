"""Reviewing competences and their evidence, and marking them verified (manager side).

The page logic is shared: the directory page here (HR program managers) and the program's
page in ``programs.views.competences`` (its mentors, its topics) pass their own queryset.
These are list pages, so a view leaves no audit event (one per page view would be noise);
verifying a competence does (``services.competences``).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.accounts.forms import CleanTextMixin
from tandem.people.errors import PeopleError
from tandem.people.models import Competence, Evidence, Topic
from tandem.people.permissions import require_directory_manager
from tandem.people.services.competences import verify_competence

PER_PAGE = 50


class CompetenceFilter(CleanTextMixin, forms.Form):
    unverified = forms.BooleanField(label=gettext_lazy("Unverified only"), required=False)
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


class VerifyForm(CleanTextMixin, forms.Form):
    competence = forms.IntegerField(widget=forms.HiddenInput)
    evidence = forms.TypedChoiceField(
        label=gettext_lazy("Evidence"),
        choices=[("", gettext_lazy("keep as it is")), *Evidence.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )


def filtered(queryset: QuerySet, form: CompetenceFilter) -> QuerySet:
    if not form.is_valid():
        return queryset
    data = form.cleaned_data
    if data["unverified"]:
        queryset = queryset.filter(verified_at__isnull=True)
    if data["topic"]:
        queryset = queryset.filter(topic=data["topic"])
    if data["q"]:
        text = data["q"].strip()
        queryset = queryset.filter(
            Q(person__full_name__icontains=text) | Q(person__employee_id__iexact=text)
        )
    return queryset


def handle_verify(request, queryset: QuerySet) -> HttpResponseRedirect:
    """POST: verify one competence of ``queryset`` (anything else is a 404)."""
    form = VerifyForm(request.POST)
    if not form.is_valid():
        raise Http404
    competence = queryset.filter(pk=form.cleaned_data["competence"]).first()
    if competence is None:
        raise Http404
    try:
        verify_competence(competence, actor=request.user, evidence=form.cleaned_data["evidence"])
    except PeopleError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s’s competence in %(topic)s is verified.")
            % {"name": competence.person.full_name, "topic": competence.topic.name},
        )
    return HttpResponseRedirect(request.get_full_path())


def competence_page(request, queryset: QuerySet, context: dict, *, topics=None):
    """The list (GET, filtered, paginated) or a verification (POST)."""
    queryset = queryset.select_related("person", "topic", "verified_by")
    if request.method == "POST":
        return handle_verify(request, queryset)
    form = CompetenceFilter(request.GET or None, topics=topics)
    rows = filtered(queryset, form).order_by("verified_at", "person__full_name", "topic__slug")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        **context,
        "filter_form": form,
        "page_obj": page,
        "evidence_choices": Evidence.choices,
        "query": query.urlencode(),
    }
    return render(request, "people/competences.html", context)


@login_required
def directory_competences(request):
    """Every competence of the directory, for HR program managers."""
    require_directory_manager(request.user)
    context = {"title": _("Competences to review"), "program": None}
    return competence_page(request, Competence.objects.all(), context)
