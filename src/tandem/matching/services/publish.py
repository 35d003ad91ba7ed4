"""Publish a run: its proposals become mentorships (created by the mentorships app)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.matching.errors import MatchingError
from tandem.matching.models import MatchingRun, Proposal, ProposalMember, Role
from tandem.matching.signals import PublishedProposal, proposals_published
from tandem.programs.models import Program

_STARTS_RUNNING = {Program.Status.DRAFT, Program.Status.RECRUITING, Program.Status.MATCHING}


def _check(run: MatchingRun) -> None:
    if run.pk is None or run.dry_run:
        raise MatchingError(
            _("A dry run cannot be published: run the matching again without a dry run.")
        )
    if run.status == MatchingRun.Status.PUBLISHED:
        raise MatchingError(_("Run %(run)s is already published.") % {"run": run.pk})
    latest = (
        MatchingRun.objects.filter(program_id=run.program_id, dry_run=False)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    if latest != run.pk:
        raise MatchingError(
            _(
                "Run %(run)s is not the latest run of this program (run %(latest)s is): "
                "publish the latest run, or run the matching again."
            )
            % {"run": run.pk, "latest": latest}
        )
    if run.program.status == Program.Status.CLOSED:
        raise MatchingError(_("The program is closed: its runs can no longer be published."))
    if run.program.mentees_choose and (made := _pairs_made_since(run)):
        raise MatchingError(
            _(
                "%(count)s pairs were made by the participants' own choices since this run: "
                "run the matching again so that it keeps them."
            )
            % {"count": made}
        )


def _pairs_made_since(run: MatchingRun) -> int:
    """Pairs of a self-matching program made after the run was computed (read through the
    reverse relation: mentorships sit above matching)."""
    return (
        Program.objects.filter(
            pk=run.program_id,
            mentorships__created_at__gt=run.created_at,
            mentorships__source_run_id__isnull=True,
            mentorships__status__in=("proposed", "accepted", "active"),
        )
        .values("mentorships__id")
        .count()
    )


def published_proposals(run: MatchingRun) -> list[PublishedProposal]:
    """The run's proposals as plain data, read with two queries whatever their number."""
    out = {
        pk: PublishedProposal(id=pk, score=score, reasons=reasons)
        for pk, score, reasons in Proposal.objects.filter(run=run)
        .order_by("id")
        .values_list("id", "score", "reasons")
    }
    members = ProposalMember.objects.filter(proposal__run=run).order_by("id")
    for proposal_id, person_id, role in members.values_list("proposal_id", "person_id", "role"):
        side = out[proposal_id].mentees if role == Role.MENTEE else out[proposal_id].mentors
        side.append(person_id)
    return list(out.values())


def publish_run(run: MatchingRun, *, actor=None) -> MatchingRun:
    """Mark the run published, start the program, and have its proposals made into pairs.

    Everything happens in one transaction with the run row locked, so two managers pressing
    "publish" at once create the mentorships once.
    """
    if run.pk is None:
        _check(run)
    with transaction.atomic():
        run = MatchingRun.objects.select_for_update().select_related("program").get(pk=run.pk)
        _check(run)
        run.status = MatchingRun.Status.PUBLISHED
        run.published_by = actor if getattr(actor, "is_authenticated", False) else None
        run.published_at = timezone.now()
        run.save(update_fields=["status", "published_by", "published_at"])
        program = run.program
        if program.status in _STARTS_RUNNING:
            program.status = Program.Status.RUNNING
            program.save(update_fields=["status"])
        proposals = published_proposals(run)
        proposals_published.send(sender=MatchingRun, run=run, proposals=proposals)
        record(actor, "matching.publish", run, proposals=len(proposals))
    return run
