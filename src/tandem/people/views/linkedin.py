"""Competences from LinkedIn skills: upload the export ZIP, see the topics it proposes, confirm
the ones to add (and their level). The proposals wait in the session between the two steps;
nothing is saved before the confirmation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.people.errors import PeopleError
from tandem.people.forms_connections import LinkedInForm
from tandem.people.models import Topic
from tandem.people.permissions import person_or_404
from tandem.people.services import linkedin

SESSION_KEY = "linkedin_proposals"
LEVELS = (1, 2, 3, 4)
DEFAULT_LEVEL = 2


def _proposals(request) -> list[dict]:
    raw = request.session.get(SESSION_KEY)
    return raw if isinstance(raw, list) else []


def _page(request, form, status=200):
    proposals = _proposals(request)
    names = {t.slug: t.name for t in Topic.objects.filter(slug__in=[p["topic"] for p in proposals])}
    rows = [
        {"slug": p["topic"], "name": names.get(p["topic"], p["topic"]), "skills": p["skills"]}
        for p in proposals
    ]
    context = {
        "form": form,
        "rows": rows,
        "levels": LEVELS,
        "default_level": DEFAULT_LEVEL,
        "uploaded": SESSION_KEY in request.session,
    }
    return render(request, "people/linkedin.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    person = person_or_404(request.user)
    if request.method == "GET":
        return _page(request, LinkedInForm())
    form = LinkedInForm(request.POST, request.FILES)
    if form.is_valid():
        export = form.cleaned_data["export"]
        try:
            if export.size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                raise PeopleError(
                    _("This file is larger than %(mb)s MB: upload LinkedIn's ZIP alone.")
                    % {"mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)}
                )
            proposals = linkedin.propose(person, linkedin.read_skills(export))
        except PeopleError as error:
            form.add_error("export", str(error))
        else:
            request.session[SESSION_KEY] = [
                {"topic": p.topic, "skills": list(p.skills)} for p in proposals
            ]
            return redirect("people:linkedin")
    request.session.pop(SESSION_KEY, None)
    return _page(request, form, status=400)


@login_required
@require_POST
def confirm(request):
    person = person_or_404(request.user)
    proposed = {p["topic"] for p in _proposals(request)}
    chosen = {}
    for slug in request.POST.getlist("topic"):
        level = request.POST.get(f"level-{slug}", "")
        chosen[slug] = int(level) if level in {str(n) for n in LEVELS} else DEFAULT_LEVEL
    try:
        saved = linkedin.confirm(person, chosen, proposed, request.user)
    except PeopleError as error:
        messages.error(request, str(error))
        return redirect("people:linkedin")
    request.session.pop(SESSION_KEY, None)
    if saved:
        messages.success(
            request,
            _("%(n)s competences added as self-declared: a manager can verify them.")
            % {"n": len(saved)},
        )
    else:
        messages.info(request, _("Nothing was added to your competences."))
    return redirect(reverse("people:profile") + "#competences")
