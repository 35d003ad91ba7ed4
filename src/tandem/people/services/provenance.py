"""Who vouched for a competence, set in one place for every path (profile, endorsement,
assessment, certification, import, admin) and said in words for every page and the API.

The setters change an unsaved instance only, so the enrolment import can apply them to
thousands of rows and write them in bulk; the database's check constraints refuse any row
whose evidence above self-declared has no source, whatever wrote it.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tandem.people.models import Competence, Evidence, Person, Source

FIELDS = [
    "evidence",
    "source",
    "source_note",
    "evidence_date",
    "endorser",
    "verified_by",
    "verified_at",
]
NOTE_LENGTH = 300


def _set(c: Competence, evidence, source, *, note="", on=None, endorser=None, by=None) -> None:
    c.evidence, c.source, c.source_note = int(evidence), source, (note or "").strip()
    c.evidence_date, c.endorser = on, endorser
    c.verified_by = by if getattr(by, "is_authenticated", False) else None
    c.verified_at = timezone.now() if source != Source.SELF else None


def declare_self(c: Competence) -> None:
    """Back to self-declared: who vouched for the old level did not vouch for the new one."""
    _set(c, Evidence.SELF, Source.SELF)


def endorse(c: Competence, colleague: Person, *, by) -> None:
    _set(
        c,
        Evidence.ENDORSED,
        Source.ENDORSEMENT,
        on=timezone.localdate(),
        endorser=colleague,
        by=by,
    )


def assess(c: Competence, *, by, note: str) -> None:
    _set(c, Evidence.ASSESSED, Source.ASSESSMENT, note=note, on=timezone.localdate(), by=by)


def certify(c: Competence, *, by, name: str, on: dt.date) -> None:
    _set(c, Evidence.CERTIFIED, Source.CERTIFICATION, note=name, on=on, by=by)


def attest_by_import(c: Competence, evidence: int, *, by, file: str) -> None:
    """HR's file says this level and evidence; the importer and the file are the source."""
    if evidence <= Evidence.SELF:
        declare_self(c)
        return
    name = (file or _("a file without a name"))[-NOTE_LENGTH:]
    _set(c, evidence, Source.HR_IMPORT, note=name, on=timezone.localdate(), by=by)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, on the month's last day if it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - 28 always exists


def expires_on(c: Competence, months: int | None) -> dt.date | None:
    """When the evidence stops counting for a program keeping it ``months`` months; None when
    it never expires (no setting, or self-declared). An undated older row is already expired."""
    if not months or c.evidence <= Evidence.SELF:
        return None
    if c.evidence_date is None:
        return dt.date.min
    return add_months(c.evidence_date, months)


def cutoff(months: int | None, today: dt.date | None = None) -> dt.date | None:
    """Evidence given on or before this day has expired for a program keeping it ``months``:
    the last day whose ``add_months`` is not after ``today``, so the engine (which filters on
    it) and the pages (which compare ``expires_on`` with today) agree to the day, short months
    included (evidence of January 31st kept one month expires on February 28th)."""
    if not months:
        return None
    today = today or timezone.localdate()
    day = add_months(today, -months)
    while add_months(day + dt.timedelta(days=1), months) <= today:
        day += dt.timedelta(days=1)
    return day


def _who(user) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)  # None when the account has no person
    return person.full_name if person is not None else (user.get_full_name() or user.email)


def _day(value) -> str:
    return date_format(value, "DATE_FORMAT") if value else "?"


def describe(c: Competence) -> str:
    """The source in a sentence, in the active language: "endorsed by Léa Bernard on …"."""
    source, day = c.source, _day(c.evidence_date)
    if source == Source.SELF:
        return _("self-declared")
    if source == Source.ENDORSEMENT:
        name = c.endorser.full_name if c.endorser_id else _("a colleague no longer listed")
        return _("endorsed by %(name)s on %(date)s") % {"name": name, "date": day}
    if source == Source.ASSESSMENT:
        return _("assessed by %(name)s on %(date)s: “%(note)s”") % {
            "name": _who(c.verified_by) or _("an assessor no longer listed"),
            "date": day,
            "note": c.source_note,
        }
    if source == Source.CERTIFICATION:
        return _("certified: %(name)s, %(date)s") % {"name": c.source_note, "date": day}
    if source == Source.HR_IMPORT:
        importer = _who(c.verified_by) or _("the command line")
        return _("attested by HR import, %(date)s, %(file)s (imported by %(who)s)") % {
            "date": day,
            "file": c.source_note,
            "who": importer,
        }
    return _("recorded before provenance (%(date)s)") % {
        "date": _day(c.evidence_date) if c.evidence_date else _("date unknown")
    }


def attach_expiries(person, competences, today: dt.date | None = None) -> None:
    """Give each competence ``expiries``: (program name, day, expired) for every open program
    the person mentors in that lets evidence expire (read through the reverse relation: the
    programs app sits above this one)."""
    today = today or timezone.localdate()
    programs = list(
        person.enrolments.filter(role="mentor", status__in=("applied", "accepted"))
        .exclude(program__status="closed")
        .filter(program__evidence_months__isnull=False)
        .values_list("program__name", "program__evidence_months")
        .distinct()
    )
    for competence in competences:
        competence.expiries = []
        for name, months in programs:
            day = expires_on(competence, months)
            if day is not None:
                competence.expiries.append(
                    (name, None if day == dt.date.min else day, day <= today)
                )
