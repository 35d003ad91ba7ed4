"""The manager's matching pages: run (or dry-run), review the proposals and the unmatched,
lock / forbid / swap pairs, re-run, publish. Pages read a fixed number of queries whatever
the program's size (paginated, members prefetched)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.matching.errors import MatchingError
from tandem.matching.explain.shown import reasons_of, unmatched_reasons, warnings_of
from tandem.matching.explain.words import Lexicon, pair_words
from tandem.matching.models import MatchingRun, PairDecision, Proposal, ProposalMember, Role
from tandem.matching.models import Unmatched as UnmatchedRow
from tandem.matching.services.picker import locked_with
from tandem.matching.services.publish import preview, publish_run
from tandem.matching.services.run import run_matching
from tandem.matching.tasks import runs_in_background
from tandem.matching.views import progress
from tandem.matching.views.summary import dry_run_page, summary
from tandem.programs.permissions import get_program_for_manager

PER_PAGE = 50


def _run_of(program, run_id) -> MatchingRun:
    return get_object_or_404(MatchingRun, pk=run_id, program=program)


@login_required
def index(request, slug: str):
    """The runs of the program, the run button and the standing pair decisions."""
    program = get_program_for_manager(request.user, slug)
    runs = list(program.matching_runs.order_by("-id")[:20])
    decisions = list(
        PairDecision.objects.filter(program=program)
        .select_related("mentee", "mentor", "created_by")
        .order_by("kind", "mentee__full_name")
    )
    lex = Lexicon.load(program.start)
    for decision in decisions:
        decision.broken = pair_words(lex, decision.override_rules)
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
        return progress.start(request, program, dry_run)
    try:
        outcome = run_matching(program, actor=request.user, dry_run=dry_run)
    except MatchingError as error:
        messages.error(request, str(error))
        return redirect("matching:index", slug=program.slug)
    if dry_run:
        proposals, unmatched = outcome.proposals, outcome.unmatched
        counts = (len(proposals), len(unmatched))
        shown = (proposals[:PER_PAGE], unmatched[:PER_PAGE])
        return dry_run_page(request, program, outcome.totals, *shown, counts=counts)
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


def _rows(program, proposals, lex: Lexicon) -> list[dict]:
    decided = _decisions_on(program, proposals)
    mentee_ids = {m.person_id for p in proposals for m in p.members.all() if m.role == Role.MENTEE}
    locks = locked_with(program, mentee_ids)
    rows = []
    for p in proposals:
        members = list(p.members.all())
        mentees = [m.person for m in members if m.role == Role.MENTEE]
        mentors = [m.person for m in members if m.role == Role.MENTOR]
        names = {m.person_id: m.person.full_name for m in members}
        rows.append(
            {
                "proposal": p,
                "mentees": mentees,
                "mentors": [(m, _decision_of(decided, mentees, m)) for m in mentors],
                "swappable": len(mentees) == 1 and len(mentors) == 1,
                "reasons": reasons_of(p.details, p.reasons, lex, names),
                "warnings": warnings_of(p.details, lex),
                "next_run": sorted(
                    {name for e in mentees for name in locks.get(e.pk, [])}
                    - {m.full_name for m in mentors}
                ),
            }
        )
    return rows


def _run_context(program, the_run: MatchingRun, page_number, upage_number) -> dict:
    """The run page's context: totals as cards, a page of proposals and one of unmatched."""
    members = ProposalMember.objects.select_related("person").order_by("role", "id")
    proposals = Proposal.objects.filter(run=the_run).prefetch_related(Prefetch("members", members))
    page = Paginator(proposals.order_by("id"), PER_PAGE).get_page(page_number)
    unmatched = UnmatchedRow.objects.filter(run=the_run).select_related("person")
    upage = Paginator(unmatched.order_by("role", "id"), PER_PAGE).get_page(upage_number)
    lex = Lexicon.load(program.start)
    for row in upage.object_list:
        row.shown = unmatched_reasons(row.details, row.reasons, row.role, lex)
    latest = (
        MatchingRun.objects.filter(program=program, dry_run=False)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    return {
        "program": program,
        "run": the_run,
        "summary": summary(the_run.totals),
        "page_obj": page,
        "rows": _rows(program, page.object_list, lex),
        "upage": upage,
        "query": f"upage={upage.number}",
        "uquery": f"page={page.number}",
        "is_latest": latest == the_run.pk,
        "decide_url": reverse("matching:decide", args=[program.slug, the_run.pk]),
        "swap_url": reverse("matching:swap", args=[program.slug, the_run.pk]),
        "choose_url": reverse("matching:choose", args=[program.slug, the_run.pk]),
    }


@login_required
def run_page(request, slug: str, run_id: int):
    """One stored run: totals, proposals (paginated), unmatched (paginated)."""
    program = get_program_for_manager(request.user, slug)
    the_run = _run_of(program, run_id)
    context = _run_context(program, the_run, request.GET.get("page"), request.GET.get("upage"))
    return render(request, "matching/run.html", context)


def back_to_run(program, run_id, request):
    """After a decision: with htmx, the page's proposals redrawn in place with the message;
    otherwise back to the run's page."""
    page = request.POST.get("page", "")
    if request.headers.get("HX-Request") == "true":
        the_run = _run_of(program, run_id)
        context = _run_context(program, the_run, page if page.isdecimal() else 1, 1)
        return render(request, "matching/_proposals.html", {**context, "oob_messages": True})
    url = redirect("matching:run", slug=program.slug, run_id=run_id).url
    return redirect(f"{url}?page={page}" if page.isdecimal() else url)


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, slug: str, run_id: int):
    """GET: what publishing will do (new pairs, emails, the program's status), to confirm.
    POST: publish; the run's proposals become mentorships waiting for the people's answers."""
    program = get_program_for_manager(request.user, slug)
    the_run = _run_of(program, run_id)
    try:
        if request.method == "GET":
            context = {"program": program, "run": the_run, "outcome": preview(the_run)}
            return render(request, "matching/publish.html", context)
        outcome = publish_run(the_run, actor=request.user)
    except MatchingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, outcome.summary())
    return redirect("matching:run", slug=program.slug, run_id=the_run.pk)
