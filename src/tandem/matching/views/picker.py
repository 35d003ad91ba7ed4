"""The mentor picker of a run's proposal and its one POST (mentee, mentor, action): lock the
mentee with a free mentor, or swap mentors with another pair. With htmx the picker opens under
the proposal and a decision redraws the proposals in place; without it both are plain pages.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tandem.accounts.forms import CleanTextMixin
from tandem.matching.errors import MatchingError
from tandem.matching.models import MatchingRun, Proposal, ProposalMember, Role
from tandem.matching.services.decisions import RuleBroken
from tandem.matching.services.picker import choose, pick
from tandem.matching.views.decisions import justification_of, refused
from tandem.matching.views.runs import back_to_run
from tandem.people.models import Person
from tandem.programs.permissions import get_program_for_manager


class ChooseForm(CleanTextMixin, forms.Form):
    mentee = forms.IntegerField(min_value=1)
    mentor = forms.IntegerField(min_value=1)
    action = forms.ChoiceField(choices=[("lock", "lock"), ("swap", "swap")])
    page = forms.IntegerField(min_value=1, required=False)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _member(run: MatchingRun, person_id: int, role: str) -> Person:
    """A person of this run in this role (a mentor may also be free: any accepted mentor is
    checked by the decisions services)."""
    found = ProposalMember.objects.filter(
        proposal__run=run, person_id=person_id, role=role
    ).select_related("person")
    member = found.first()
    if member is None:
        raise Http404
    return member.person


@login_required
@require_GET
def picker(request, slug: str, run_id: int, proposal_id: int):
    program = get_program_for_manager(request.user, slug)
    run = get_object_or_404(MatchingRun, pk=run_id, program=program)
    proposal = get_object_or_404(Proposal, pk=proposal_id, run=run)
    mentees = [m.person for m in proposal.members.select_related("person") if m.role == Role.MENTEE]
    if len(mentees) != 1:
        raise Http404
    if is_htmx(request) and request.GET.get("close"):
        return HttpResponse("")
    query = request.GET.get("q", "")[:100]
    try:
        found = pick(run, proposal.pk, mentees[0], query)
    except MatchingError as error:
        messages.error(request, str(error))
        return redirect("matching:run", slug=program.slug, run_id=run.pk)
    context = {
        "program": program,
        "run": run,
        "proposal": proposal,
        "picker": found,
        "query": query,
        "page": request.GET.get("page", ""),
        "editable": run.status == MatchingRun.Status.PROPOSED,
    }
    template = "matching/_picker.html" if is_htmx(request) else "matching/picker.html"
    return render(request, template, context)


@login_required
@require_POST
def choose_mentor(request, slug: str, run_id: int):
    """(mentee, mentor, action): lock them together for the next run, or swap mentors with
    the mentor's pair (both new pairs locked)."""
    program = get_program_for_manager(request.user, slug)
    run = get_object_or_404(MatchingRun, pk=run_id, program=program)
    form = ChooseForm(request.POST)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    mentee = _member(run, data["mentee"], Role.MENTEE)
    mentor = get_object_or_404(Person, pk=data["mentor"])
    try:
        choose(
            program,
            run,
            mentee,
            mentor,
            data["action"],
            actor=request.user,
            justification=justification_of(request),
        )
    except RuleBroken as error:
        fields = {"mentee": mentee.pk, "mentor": mentor.pk, "action": data["action"]}
        if data["page"]:
            fields["page"] = data["page"]
        return refused(request, program, run.pk, error, fields)
    except MatchingError as error:
        messages.error(request, str(error))
    else:
        names = {"mentee": mentee.full_name, "mentor": mentor.full_name}
        messages.success(
            request,
            _("%(mentee)s and %(mentor)s are locked together for the next run.") % names
            if data["action"] == "lock"
            else _("Mentors swapped: %(mentee)s and %(mentor)s, and the other pair, are locked.")
            % names,
        )
    return back_to_run(program, run.pk, request)
