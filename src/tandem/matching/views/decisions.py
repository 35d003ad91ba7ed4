"""Lock, forbid, clear and swap from a run's page. A lock or swap that breaks a hard rule is
refused with the reasons on a page that lets the manager override them with a written
justification (posted back to the same address), or go back."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tandem.accounts.forms import CleanTextMixin
from tandem.matching.errors import MatchingError
from tandem.matching.models import Proposal, ProposalMember, Role
from tandem.matching.services.decisions import (
    MAX_JUSTIFICATION,
    RuleBroken,
    clear_proposal,
    decide_proposal,
    one_to_one,
    swap_pairs,
)
from tandem.matching.views.runs import back_to_run
from tandem.programs.permissions import get_program_for_manager


class DecisionForm(CleanTextMixin, forms.Form):
    proposal = forms.IntegerField()
    mentor = forms.IntegerField()
    kind = forms.ChoiceField(choices=[("lock", "lock"), ("forbid", "forbid"), ("clear", "clear")])


class SwapForm(CleanTextMixin, forms.Form):
    proposal = forms.IntegerField()
    other = forms.IntegerField(min_value=1)


class OverrideForm(CleanTextMixin, forms.Form):
    justification = forms.CharField(
        label=gettext_lazy("Why pair them anyway?"),
        max_length=MAX_JUSTIFICATION,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Kept in the audit trail with your name. The program's managers see a warning on "
            "this pair; its members do not."
        ),
    )


def _proposal_in(program, run_id: int, proposal_id: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.prefetch_related(
            Prefetch("members", ProposalMember.objects.select_related("person"))
        ),
        pk=proposal_id,
        run_id=run_id,
        run__program=program,
    )


def justification_of(request) -> str | None:
    """The override's text when the manager sent the override form (blank: not overriding)."""
    if "justification" not in request.POST:
        return None
    return request.POST["justification"].strip() or None


def refused(request, program, run_id, error: RuleBroken, fields: dict, action=None):
    """The page that names every broken rule and offers the override when it is allowed; a
    refusal no justification can carry is a message on the run's page."""
    if not error.overridable:
        messages.error(request, str(error))
        return back_to_run(program, run_id, request)
    form = OverrideForm(request.POST if "justification" in request.POST else None)
    if form.is_bound:
        form.is_valid()  # shows "This field is required." on an empty justification
    if request.POST.get("page", "").isdecimal():  # back to the same page of proposals after
        fields = {**fields, "page": request.POST["page"]}
    context = {
        "program": program,
        "run_id": run_id,
        "error": error,
        "form": form,
        "fields": fields,
        "action": action or request.path,
    }
    if request.headers.get("HX-Request") == "true":
        # A decision posted in place: the refusal takes the whole page, as a plain post would.
        response = render(request, "matching/override.html", context)
        response["HX-Retarget"], response["HX-Reswap"] = "body", "innerHTML"
        return response
    return render(request, "matching/override.html", context, status=409)


@login_required
@require_POST
def decide(request, slug: str, run_id: int):
    """Lock, forbid or clear a mentor's links with every mentee of a proposal (one link in a
    pair or circle, one per mentee in a group)."""
    program = get_program_for_manager(request.user, slug)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise Http404
    proposal = _proposal_in(program, run_id, form.cleaned_data["proposal"])
    members = list(proposal.members.all())
    mentees = [m.person for m in members if m.role == Role.MENTEE]
    mentor = next(
        (
            m.person
            for m in members
            if m.role == Role.MENTOR and m.person_id == form.cleaned_data["mentor"]
        ),
        None,
    )
    if mentor is None or not mentees:
        raise Http404
    kind = form.cleaned_data["kind"]
    try:
        if kind == "clear":
            clear_proposal(program, mentees, mentor, actor=request.user)
        else:
            decide_proposal(
                program,
                mentees,
                mentor,
                kind,
                actor=request.user,
                justification=justification_of(request),
            )
    except RuleBroken as error:
        fields = {"proposal": proposal.pk, "mentor": mentor.pk, "kind": kind}
        return refused(request, program, run_id, error, fields)
    except MatchingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _decision_message(kind, mentees, mentor))
    return back_to_run(program, run_id, request)


def _decision_message(kind: str, mentees, mentor) -> str:
    names = {"mentee": ", ".join(m.full_name for m in mentees), "mentor": mentor.full_name}
    if kind == "lock":
        return _("%(mentee)s and %(mentor)s are locked together for the next run.") % names
    if kind == "forbid":
        return _("%(mentee)s and %(mentor)s will not be proposed together again.") % names
    return _("The decision on %(mentee)s and %(mentor)s is cleared.") % names


@login_required
@require_POST
def swap(request, slug: str, run_id: int):
    """Exchange the mentors of two one-to-one proposals; both new pairs are locked."""
    program = get_program_for_manager(request.user, slug)
    form = SwapForm(request.POST)
    if "proposal" in form.errors:
        raise Http404
    first = _proposal_in(program, run_id, form.cleaned_data["proposal"])
    if "other" in form.errors:
        messages.error(request, _("Give the number of the proposal to swap mentors with."))
        return back_to_run(program, run_id, request)
    other = (
        Proposal.objects.filter(pk=form.cleaned_data["other"], run_id=run_id)
        .prefetch_related(Prefetch("members", ProposalMember.objects.select_related("person")))
        .first()
    )
    pairs = (one_to_one(first.members.all()), one_to_one(other.members.all()) if other else None)
    if other is None or None in pairs or other.pk == first.pk:
        messages.error(
            request,
            _("Proposal %(n)s is not another one-to-one proposal of this run.")
            % {"n": form.cleaned_data["other"]},
        )
        return back_to_run(program, run_id, request)
    try:
        swap_pairs(
            program, pairs[0], pairs[1], actor=request.user, justification=justification_of(request)
        )
    except RuleBroken as error:
        fields = {"proposal": first.pk, "other": other.pk}
        return refused(request, program, run_id, error, fields)
    except MatchingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Mentors swapped and both new pairs locked: run the matching again.")
        )
    return back_to_run(program, run_id, request)
