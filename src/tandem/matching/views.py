"""The manager's matching pages: run (or dry-run), review the proposals and the unmatched,
lock / forbid / swap pairs, re-run, publish. Pages read a fixed number of queries whatever
the program's size (paginated, members prefetched)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.matching import views_progress
from tandem.matching.errors import MatchingError
from tandem.matching.models import MatchingRun, PairDecision, Proposal, ProposalMember, Role
from tandem.matching.models import Unmatched as UnmatchedRow
from tandem.matching.services.decisions import clear_proposal, decide_proposal, swap_pairs
from tandem.matching.services.publish import publish_run
from tandem.matching.services.run import run_matching
from tandem.matching.tasks import runs_in_background
from tandem.programs.permissions import get_program_for_manager

PER_PAGE = 50


class DecisionForm(forms.Form):
    proposal = forms.IntegerField()
    mentor = forms.IntegerField()
    kind = forms.ChoiceField(choices=[("lock", "lock"), ("forbid", "forbid"), ("clear", "clear")])


class SwapForm(forms.Form):
    proposal = forms.IntegerField()
    other = forms.IntegerField(min_value=1)


def _run_of(program, run_id) -> MatchingRun:
    return get_object_or_404(MatchingRun, pk=run_id, program=program)


def _summary(totals: dict) -> dict:
    gap = totals.get("gap")
    return {
        "matched_mentees": totals.get("matched_mentees", 0),
        "mentees": totals.get("mentees", 0),
        "matched_mentors": totals.get("matched_mentors", 0),
        "mentors": totals.get("mentors", 0),
        "score": totals.get("score", 0),
        "bound_score": totals.get("bound_score"),
        "gap_percent": None if gap is None else round(100 * gap, 2),
        "optimal": totals.get("optimal_certified", False),
        "max_matched": totals.get("matched_certified_max", False),
        "seconds": (totals.get("timings") or {}).get("total_s"),
        "out_of_time": totals.get("stopped_by") == "time_limit",
        "time_limit": totals.get("time_limit"),
    }


@login_required
def index(request, slug: str):
    """The runs of the program, the run button and the standing pair decisions."""
    program = get_program_for_manager(request.user, slug)
    runs = list(program.matching_runs.order_by("-id")[:20])
    decisions = (
        PairDecision.objects.filter(program=program)
        .select_related("mentee", "mentor")
        .order_by("kind", "mentee__full_name")
    )
    context = {
        "program": program,
        "runs": runs,
        "latest": next((r for r in runs if not r.dry_run), None),
        "decisions": decisions,
    }
    return render(request, "matching/index.html", context)


@login_required
@require_POST
def run(request, slug: str):
    """Run the matching now (in the background for a large program); a dry run shows its
    result without storing it."""
    program = get_program_for_manager(request.user, slug)
    dry_run = request.POST.get("dry_run") == "on"
    if runs_in_background(program):
        return views_progress.start(request, program, dry_run)
    try:
        outcome = run_matching(program, actor=request.user, dry_run=dry_run)
    except MatchingError as error:
        messages.error(request, str(error))
        return redirect("matching:index", slug=program.slug)
    if dry_run:
        context = {
            "program": program,
            "summary": _summary(outcome.totals),
            "proposals": outcome.proposals[:PER_PAGE],
            "proposal_count": len(outcome.proposals),
            "unmatched": outcome.unmatched[:PER_PAGE],
            "unmatched_count": len(outcome.unmatched),
        }
        return render(request, "matching/dry_run.html", context)
    messages.success(request, _("The matching has run. Review the proposals below."))
    return redirect("matching:run", slug=program.slug, run_id=outcome.run.pk)


def _decisions_on(program, proposals) -> dict:
    """(mentee id, mentor id) → decision kind, for the pairs on this page (one query)."""
    mentees = {m.person_id for p in proposals for m in p.members.all() if m.role == Role.MENTEE}
    rows = PairDecision.objects.filter(program=program, mentee_id__in=mentees).values_list(
        "mentee_id", "mentor_id", "kind"
    )
    return {(a, b): kind for a, b, kind in rows}


def _decision_of(decided: dict, mentees, mentor) -> str | None:
    """The decision on a mentor's links with the proposal's mentees (decisions act on all of
    them; any one decided offers "clear")."""
    return next((decided[(e.pk, mentor.pk)] for e in mentees if (e.pk, mentor.pk) in decided), None)


def _rows(program, proposals) -> list[dict]:
    decided = _decisions_on(program, proposals)
    rows = []
    for p in proposals:
        members = list(p.members.all())
        mentees = [m.person for m in members if m.role == Role.MENTEE]
        mentors = [m.person for m in members if m.role == Role.MENTOR]
        rows.append(
            {
                "proposal": p,
                "mentees": mentees,
                "mentors": [(m, _decision_of(decided, mentees, m)) for m in mentors],
                "swappable": len(mentees) == 1 and len(mentors) == 1,
            }
        )
    return rows


@login_required
def run_page(request, slug: str, run_id: int):
    """One stored run: totals, proposals (paginated), unmatched (paginated)."""
    program = get_program_for_manager(request.user, slug)
    the_run = _run_of(program, run_id)
    members = ProposalMember.objects.select_related("person").order_by("role", "id")
    proposals = Proposal.objects.filter(run=the_run).prefetch_related(Prefetch("members", members))
    page = Paginator(proposals.order_by("id"), PER_PAGE).get_page(request.GET.get("page"))
    unmatched = UnmatchedRow.objects.filter(run=the_run).select_related("person")
    upage = Paginator(unmatched.order_by("role", "id"), PER_PAGE).get_page(request.GET.get("upage"))
    latest = (
        MatchingRun.objects.filter(program=program, dry_run=False)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    context = {
        "program": program,
        "run": the_run,
        "summary": _summary(the_run.totals),
        "page_obj": page,
        "rows": _rows(program, page.object_list),
        "upage": upage,
        "query": f"upage={upage.number}",
        "uquery": f"page={page.number}",
        "is_latest": latest == the_run.pk,
        "decide_url": reverse("matching:decide", args=[program.slug, the_run.pk]),
        "swap_url": reverse("matching:swap", args=[program.slug, the_run.pk]),
    }
    return render(request, "matching/run.html", context)


def _proposal_in(program, run_id: int, proposal_id: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.prefetch_related(
            Prefetch("members", ProposalMember.objects.select_related("person"))
        ),
        pk=proposal_id,
        run_id=run_id,
        run__program=program,
    )


def _back(program, run_id, request):
    page = request.POST.get("page", "")
    url = redirect("matching:run", slug=program.slug, run_id=run_id).url
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


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
            decide_proposal(program, mentees, mentor, kind, actor=request.user)
    except MatchingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _decision_message(kind, mentees, mentor))
    return _back(program, run_id, request)


def _decision_message(kind: str, mentees, mentor) -> str:
    names = {"mentee": ", ".join(m.full_name for m in mentees), "mentor": mentor.full_name}
    if kind == "lock":
        return _("%(mentee)s and %(mentor)s are locked together for the next run.") % names
    if kind == "forbid":
        return _("%(mentee)s and %(mentor)s will not be proposed together again.") % names
    return _("The decision on %(mentee)s and %(mentor)s is cleared.") % names


def _pair(proposal: Proposal):
    members = list(proposal.members.all())
    mentees = [m.person for m in members if m.role == Role.MENTEE]
    mentors = [m.person for m in members if m.role == Role.MENTOR]
    if len(mentees) != 1 or len(mentors) != 1:
        return None
    return mentees[0], mentors[0]


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
        return _back(program, run_id, request)
    other = (
        Proposal.objects.filter(pk=form.cleaned_data["other"], run_id=run_id)
        .prefetch_related(Prefetch("members", ProposalMember.objects.select_related("person")))
        .first()
    )
    pairs = (_pair(first), _pair(other) if other else None)
    if other is None or None in pairs or other.pk == first.pk:
        messages.error(
            request,
            _("Proposal %(n)s is not another one-to-one proposal of this run.")
            % {"n": form.cleaned_data["other"]},
        )
        return _back(program, run_id, request)
    try:
        swap_pairs(program, pairs[0], pairs[1], actor=request.user)
    except MatchingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Mentors swapped and both new pairs locked: run the matching again.")
        )
    return _back(program, run_id, request)


@login_required
@require_POST
def publish(request, slug: str, run_id: int):
    """Publish the run: its proposals become mentorships waiting for the people's answers."""
    program = get_program_for_manager(request.user, slug)
    the_run = _run_of(program, run_id)
    try:
        publish_run(the_run, actor=request.user)
    except MatchingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The proposals are published."))
    return redirect("matching:run", slug=program.slug, run_id=the_run.pk)
