"""Publish a run: its proposals become mentorships (created by the mentorships app).

Publishing says what it will do before (``preview``, for the browser's confirmation) and what
it did after (``PublishOutcome``): how many new pairs, how many proposals repeat pairs already
going (a re-run keeps them; they are not created twice), how many emails, and the program's
status: running, or scheduled until its start date. A program whose end date has passed
cannot be published.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.accounts.audit import record
from tandem.matching.build import pairsets
from tandem.matching.errors import MatchingError
from tandem.matching.models import MatchingRun, Proposal, ProposalMember, Role
from tandem.matching.signals import PublishedProposal, proposals_published
from tandem.programs.models import Program
from tandem.programs.services.lifecycle import started_status

_STARTS = {
    Program.Status.DRAFT,
    Program.Status.RECRUITING,
    Program.Status.MATCHING,
    Program.Status.SCHEDULED,
}


@dataclass
class PublishOutcome:
    """What publishing a run does (``preview``) or did (``publish_run``)."""

    run: MatchingRun
    proposals: int
    new_pairs: int
    already_going: int
    emails: int
    status_before: str
    status_after: str
    start: dt.date

    def as_dict(self) -> dict:
        """What publishing did, for the API and ``tandem match --format json``."""
        return {
            "new_pairs": self.new_pairs,
            "already_going": self.already_going,
            "emails": self.emails,
            "program_status": self.status_after,
            "message": self.summary(),
        }

    def summary(self) -> str:
        """In plain words, for the page, the API and the command."""
        if not self.proposals:
            return _("Run %(run)s proposes no pair: nothing to publish.") % {"run": self.run.pk}
        if not self.new_pairs:
            return _(
                "Nothing new: the %(n)s proposals of run %(run)s are pairs already going; "
                "nobody is emailed."
            ) % {"n": self.proposals, "run": self.run.pk}
        parts = [
            ngettext("%(n)s new pair proposed", "%(n)s new pairs proposed", self.new_pairs)
            % {"n": self.new_pairs},
            ngettext("%(n)s email to the people", "%(n)s emails to the people", self.emails)
            % {"n": self.emails},
        ]
        if self.already_going:
            going = ngettext(
                "%(n)s pair already going", "%(n)s pairs already going", self.already_going
            )
            parts.append(going % {"n": self.already_going})
        return "; ".join(parts) + ". " + self.status_words()

    def status_preview(self) -> str:
        """The status change, said before publishing."""
        start = formats.date_format(self.start, "DATE_FORMAT")
        if self.status_after == Program.Status.SCHEDULED:
            return _(
                "The program becomes “scheduled”: it is running from its start date, %(d)s."
            ) % {"d": start}
        if self.status_before != self.status_after:
            return _("The program becomes “running”.")
        return _("The program stays “%(status)s”.") % {
            "status": Program.Status(self.status_after).label
        }

    def status_words(self) -> str:
        start = formats.date_format(self.start, "DATE_FORMAT")
        if self.status_after == Program.Status.SCHEDULED:
            return _("The program is scheduled: it becomes running on its start date, %(d)s.") % {
                "d": start
            }
        if self.status_before != self.status_after:
            return _("The program is now running.")
        return _("The program stays “%(status)s”.") % {
            "status": Program.Status(self.status_after).label
        }


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
    program = run.program
    if program.status == Program.Status.CLOSED:
        raise MatchingError(_("The program is closed: its runs can no longer be published."))
    if program.end < timezone.localdate():
        raise MatchingError(
            _("The program ended on %(end)s: its runs can no longer be published.")
            % {"end": formats.date_format(program.end, "DATE_FORMAT")}
        )
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
        pk: PublishedProposal(id=pk, score=score, reasons=reasons, details=details)
        for pk, score, reasons, details in Proposal.objects.filter(run=run)
        .order_by("id")
        .values_list("id", "score", "reasons", "details")
    }
    members = ProposalMember.objects.filter(proposal__run=run).order_by("id")
    for proposal_id, person_id, role in members.values_list("proposal_id", "person_id", "role"):
        side = out[proposal_id].mentees if role == Role.MENTEE else out[proposal_id].mentors
        side.append(person_id)
    return list(out.values())


def _status_after(program: Program) -> str:
    return started_status(program) if program.status in _STARTS else program.status


def _outcome(run: MatchingRun, proposals, status_before: str, status_after: str):
    going = pairsets.going_groups(run.program_id)
    new = [p for p in proposals if frozenset(p.mentees + p.mentors) not in going]
    return PublishOutcome(
        run=run,
        proposals=len(proposals),
        new_pairs=len(new),
        already_going=len(proposals) - len(new),
        emails=sum(len(p.mentees) + len(p.mentors) for p in new),
        status_before=status_before,
        status_after=status_after,
        start=run.program.start,
    )


def preview(run: MatchingRun) -> PublishOutcome:
    """What publishing the run would do, changing nothing (refused as publishing would be)."""
    _check(run)
    program = run.program
    return _outcome(run, published_proposals(run), program.status, _status_after(program))


def publish_run(run: MatchingRun, *, actor=None) -> PublishOutcome:
    """Mark the run published, start (or schedule) the program, and have its proposals made
    into pairs; says what it did.

    Everything happens in one transaction with the run row locked, so two managers pressing
    "publish" at once create the mentorships once.
    """
    if run.pk is None:
        _check(run)
    with transaction.atomic():
        run = MatchingRun.objects.select_for_update().select_related("program").get(pk=run.pk)
        _check(run)
        program = run.program
        proposals = published_proposals(run)
        outcome = _outcome(run, proposals, program.status, _status_after(program))
        run.status = MatchingRun.Status.PUBLISHED
        run.published_by = actor if getattr(actor, "is_authenticated", False) else None
        run.published_at = timezone.now()
        run.save(update_fields=["status", "published_by", "published_at"])
        if program.status != outcome.status_after:
            program.status = outcome.status_after
            program.save(update_fields=["status"])
        proposals_published.send(sender=MatchingRun, run=run, proposals=proposals)
        record(
            actor,
            "matching.publish",
            run,
            proposals=outcome.proposals,
            new_pairs=outcome.new_pairs,
            already_going=outcome.already_going,
            status=outcome.status_after,
        )
    return outcome
