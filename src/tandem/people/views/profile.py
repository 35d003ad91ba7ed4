"""The participant's own profile page: one page, one form per section, each posting to its
own URL (no view that branches on which button was pressed). A user edits only the person
linked to their account; without one, every page is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tandem.people.errors import PeopleError
from tandem.people.forms import (
    MAX_ROWS,
    CompetenceFormSet,
    NeedFormSet,
    SettingsForm,
    row_formset,
)
from tandem.people.models import Competence, Evidence, LearningNeed, Person
from tandem.people.services import endorsements, provenance
from tandem.people.services import profile as service

FORMSETS = {"competences": CompetenceFormSet, "needs": NeedFormSet}


def my_person(user) -> Person:
    """The signed-in user's own person, with what the page shows; 404 if none is linked."""
    queryset = Person.objects.select_related("organization").prefetch_related(
        Prefetch(
            "competences",
            Competence.objects.select_related("topic", "verified_by__person", "endorser"),
        ),
        Prefetch("needs", LearningNeed.objects.select_related("topic")),
    )
    return get_object_or_404(queryset, user_id=user.pk)


def _page(request, person, status=200, settings=None, competences=None, needs=None):
    """The whole profile; a section posted with errors comes back bound, the others fresh."""
    if settings is None:
        settings = SettingsForm(
            initial={"languages": person.languages, "timezone": person.timezone}
        )
    rows = list(person.competences.all())
    provenance.attach_expiries(person, rows)
    if competences is None:
        competences = row_formset(CompetenceFormSet, "competences", rows)
    else:  # a bound formset: its rows get the same notes
        provenance.attach_expiries(person, competences.form_kwargs["existing"].values())
    if needs is None:
        needs = row_formset(NeedFormSet, "needs", list(person.needs.all()))
    context = {
        "person": person,
        "settings_form": settings,
        "competences": competences,
        "needs": needs,
        "my_requests": endorsements.requests_of(person),
        "to_answer": endorsements.pending_count(person),
        "can_ask": any(c.evidence < Evidence.ENDORSED for c in rows),
    }
    return render(request, "people/profile.html", context, status=status)


def _done(request, message: str, anchor: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(reverse("people:profile") + "#" + anchor)


@login_required
@require_GET
def profile(request):
    return _page(request, my_person(request.user))


@login_required
@require_POST
def edit_settings(request):
    person = my_person(request.user)
    form = SettingsForm(request.POST)
    if form.is_valid():
        try:
            service.update_settings(
                person,
                languages=form.cleaned_data["languages"],
                timezone=form.cleaned_data["timezone"],
                actor=request.user,
            )
        except PeopleError as exc:
            form.add_error(None, str(exc))
        else:
            return _done(request, _("Your languages and time zone are saved."), "settings")
    return _page(request, person, status=400, settings=form)


def _bound_rows(data, person, prefix: str):
    """The posted formset; a row id that is not one of the person's rows is a 404."""
    rows = list(getattr(person, prefix).all())
    existing = {row.pk: row for row in rows}
    formset = row_formset(FORMSETS[prefix], prefix, rows, data=data, existing=existing)
    for form in formset.forms:
        raw = form.data.get(form.add_prefix("id"))
        if raw and (not str(raw).isdecimal() or int(raw) not in existing):
            raise Http404(_("No such row in your profile."))
    return formset


def _save_rows(request, prefix: str, save, saved: str, warn=None) -> HttpResponse:
    """Save the posted rows through ``save``; ``warn(request, outcome)`` speaks before the
    confirmation; a refused row (PeopleError) or a wrong field shows the page again (400)."""
    person = my_person(request.user)
    formset = _bound_rows(request.POST, person, prefix)
    if formset.is_valid():
        try:
            outcome = save(person, formset.rows(), actor=request.user)
        except PeopleError as exc:
            messages.error(request, str(exc))
        else:
            if warn is not None:
                warn(request, outcome)
            return _done(request, saved, prefix)
    return _page(request, person, status=400, **{prefix: formset})


def _warn_cleared(request, cleared: list[str]) -> None:
    if cleared:
        messages.warning(
            request,
            _(
                "You changed a verified competence (%s): it is now self-declared until a "
                "manager verifies it again."
            )
            % ", ".join(cleared),
        )


@login_required
@require_POST
def edit_competences(request):
    saved = _("Your competences are saved.")
    return _save_rows(request, "competences", service.save_competences, saved, _warn_cleared)


@login_required
@require_POST
def edit_needs(request):
    return _save_rows(request, "needs", service.save_needs, _("Your learning needs are saved."))


@login_required
@require_POST
def add_row(request, prefix: str):
    """One more empty row, nothing saved. With htmx, only the row (and the form count, out of
    band); without JavaScript, the whole page again with the typed input kept."""
    if prefix not in FORMSETS:
        raise Http404
    person = my_person(request.user)
    data = request.POST.copy()
    total_key = f"{prefix}-TOTAL_FORMS"
    total = data.get(total_key, "")
    if not total.isdecimal() or int(total) >= MAX_ROWS:
        return _page(request, person, status=400)
    data[total_key] = str(int(total) + 1)
    blank = row_formset(FORMSETS[prefix], prefix, []).forms[0]
    blank.prefix = f"{prefix}-{total}"
    for name in blank.fields:  # the new row posted as its defaults: unchanged, so no errors
        if (value := blank[name].value()) is not None:
            data[blank.add_prefix(name)] = value
    formset = _bound_rows(data, person, prefix)
    if request.headers.get("HX-Request") != "true":
        return _page(request, person, **{prefix: formset})
    context = {"form": formset.forms[-1], "prefix": prefix, "total": int(total) + 1}
    return render(request, "people/_new_row.html", context)
