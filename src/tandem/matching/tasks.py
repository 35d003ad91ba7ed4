"""Matching as a background task (django-tasks): a large program's run takes longer than a
page should wait, so the run page enqueues it and polls its result (``views_progress``).

The task returns plain JSON: the stored run's id, or for a dry run (which stores nothing) its
totals and the first proposals and unmatched people to show. A refused run (``MatchingError``)
is a normal outcome with its message, already in the manager's language; only a crash leaves
the task FAILED.
"""

from __future__ import annotations

from dataclasses import asdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django_tasks import task

from tandem.matching.errors import MatchingError
from tandem.matching.services.run import RunOutcome, run_matching
from tandem.programs.models import Enrolment, Program

BACKGROUND_ABOVE = 500  # accepted enrolments; setting TANDEM_MATCHING_BACKGROUND_ABOVE
SHOWN = 50  # proposals and unmatched people a background dry run keeps to show


def runs_in_background(program: Program) -> bool:
    """Whether a run of this program is long enough to leave the request (small programs
    stay synchronous: the manager sees the result at once)."""
    limit = getattr(settings, "TANDEM_MATCHING_BACKGROUND_ABOVE", BACKGROUND_ABOVE)
    accepted = Enrolment.objects.filter(program=program, status=Enrolment.Status.ACCEPTED)
    return accepted.count() > limit


def outcome_json(outcome: RunOutcome, dry_run: bool) -> dict:
    if not dry_run:
        return {"run_id": outcome.run.pk, "dry_run": False, "error": None}
    return {
        "run_id": None,
        "dry_run": True,
        "error": None,
        "totals": outcome.totals,
        "proposal_count": len(outcome.proposals),
        "proposals": [asdict(p) for p in outcome.proposals[:SHOWN]],
        "unmatched_count": len(outcome.unmatched),
        "unmatched": [asdict(u) for u in outcome.unmatched[:SHOWN]],
    }


@task()
def run_matching_task(
    program_id: int, actor_id: int | None = None, dry_run: bool = False, language: str = "en"
) -> dict:
    """Run the matching of program ``program_id`` for ``actor_id``; see the module docstring."""
    program = Program.objects.get(pk=program_id)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    with translation.override(language):
        try:
            outcome = run_matching(program, actor=actor, dry_run=dry_run)
        except MatchingError as error:
            return {"run_id": None, "dry_run": dry_run, "error": str(error)}
    return outcome_json(outcome, dry_run)
