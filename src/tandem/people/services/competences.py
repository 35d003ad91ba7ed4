"""Recording evidence for a mentor's competence: an assessment (by a program manager or a
coach, with a short note) or a certification (its name and date). Endorsements are given by a
colleague (``endorsements``); the person themselves only declares (``profile``).

Who may record is checked by the caller (``people.permissions`` and the program's pages);
these functions check what is recorded and leave an audit event.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.people.errors import PeopleError
from tandem.people.models import Competence, Evidence
from tandem.people.services import provenance


def _text(value: str, label: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise PeopleError(_("%(label)s: write a few words.") % {"label": label})
    if len(text) > provenance.NOTE_LENGTH:
        raise PeopleError(
            _("%(label)s: at most %(n)s characters.")
            % {"label": label, "n": provenance.NOTE_LENGTH}
        )
    if any(ord(ch) < 32 for ch in text):
        raise PeopleError(_("%(label)s: control characters are not allowed.") % {"label": label})
    return text


def _save(competence: Competence, actor, action: str, before: int, **details) -> Competence:
    competence.full_clean(exclude=["person", "topic", "endorser", "verified_by"])
    return save_evidence(competence, actor, action, before, **details)


def save_evidence(competence: Competence, actor, action: str, before: int, **details) -> Competence:
    """Write who vouched and audit the change of evidence, the same on every path that
    vouches (assessment, certification, endorsement)."""
    competence.save(update_fields=provenance.FIELDS)
    record(
        actor,
        action,
        competence,
        person=competence.person_id,
        topic=competence.topic_id,
        evidence_before=before,
        evidence=competence.evidence,
        **details,
    )
    return competence


def assess_competence(competence: Competence, *, actor, note: str) -> Competence:
    """An assessment by ``actor`` with a short note; never lowers a certification."""
    note = _text(note, _("Assessment note"))
    if competence.evidence > Evidence.ASSESSED:
        raise PeopleError(
            _("The evidence is already “%(current)s”; an assessment would lower it.")
            % {"current": competence.get_evidence_display()}
        )
    with transaction.atomic():
        before = competence.evidence
        provenance.assess(competence, by=actor, note=note)
        return _save(competence, actor, "people.competence_assessed", before)


def certify_competence(
    competence: Competence, *, actor, name: str, on: dt.date | None
) -> Competence:
    """A certification (its name and the day it was obtained) recorded by ``actor``."""
    name = _text(name, _("Certification"))
    if on is None:
        raise PeopleError(_("Give the date of the certification."))
    if on > timezone.localdate():
        raise PeopleError(_("The certification's date cannot be in the future."))
    with transaction.atomic():
        before = competence.evidence
        provenance.certify(competence, by=actor, name=name, on=on)
        return _save(competence, actor, "people.competence_certified", before, certification=name)
