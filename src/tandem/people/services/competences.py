"""Verifying a mentor's competence: a manager looked at the evidence and vouches for it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.people.errors import PeopleError
from tandem.people.models import Competence, Evidence


def verify_competence(competence: Competence, *, actor, evidence: int | None = None) -> Competence:
    """Mark ``competence`` verified by ``actor``; ``evidence`` may raise (never lower) its
    evidence level, e.g. to "assessed" after an interview."""
    if evidence is not None:
        if evidence not in Evidence.values:
            raise PeopleError(_("Unknown evidence level."))
        if evidence < competence.evidence:
            raise PeopleError(
                _("The evidence is already “%(current)s”; verifying cannot lower it.")
                % {"current": competence.get_evidence_display()}
            )
    with transaction.atomic():
        before = competence.evidence
        if evidence is not None:
            competence.evidence = evidence
        competence.verified_by = actor
        competence.verified_at = timezone.now()
        competence.save(update_fields=["evidence", "verified_by", "verified_at"])
        record(
            actor,
            "people.competence_verified",
            competence,
            person=competence.person_id,
            topic=competence.topic_id,
            evidence_before=before,
            evidence=competence.evidence,
        )
    return competence
