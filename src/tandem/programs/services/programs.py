"""Creating programs. Options arrive as keyword arguments so a new one (``renews=``) is one
parameter and one check, not a new code path."""

import datetime as dt
import re

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.people.models import Topic
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program

SLUG_LENGTH = 72  # leaves room for "-NN" within the field's 80
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str | dt.date, label: str) -> dt.date:
    """An ISO date (YYYY-MM-DD) or a date; anything else is refused naming ``label``."""
    if isinstance(value, dt.date):
        return value
    text = (value or "").strip()
    try:
        if _ISO_DATE.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ProgramsError(
        _("%(label)s: “%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01")
        % {"label": label, "value": text}
    )


def unique_slug(name: str) -> str:
    """``slugify(name)``, then ``-2``, ``-3``… until no program has it."""
    base = slugify(name)[:SLUG_LENGTH].strip("-") or "program"
    taken = set(Program.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_range(value: int, label: str, low: int, high: int) -> None:
    if not low <= value <= high:
        raise ProgramsError(
            _("%(label)s must be between %(low)s and %(high)s (got %(value)s)")
            % {"label": label, "low": low, "high": high, "value": value}
        )


def _renewed(renews: str | Program | None) -> Program | None:
    """The program a new cohort renews (its pairs are not repeated), by slug or instance."""
    if renews is None or isinstance(renews, Program):
        return renews
    found = Program.objects.filter(slug=renews.strip()).first()
    if found is None:
        raise ProgramsError(
            _("--renews: no program has the slug “%(slug)s”") % {"slug": renews.strip()}
        )
    return found


def create_program(
    name: str,
    *,
    format: str,
    start: str | dt.date,
    end: str | dt.date,
    cadence_days: int = 30,
    meeting_minutes: int = 60,
    renews: str | Program | None = None,
    actor=None,
) -> Program:
    """Create a draft program open to every active topic; the slug is made unique."""
    name = (name or "").strip()
    if not name:
        raise ProgramsError(_("A program needs a name."))
    if len(name) > 200:
        raise ProgramsError(_("The name is too long (at most 200 characters)."))
    if format not in Program.Format.values:
        raise ProgramsError(
            _("Unknown format “%(format)s”; choose one of: %(choices)s")
            % {"format": format, "choices": ", ".join(Program.Format.values)}
        )
    start, end = parse_date(start, _("start")), parse_date(end, _("end"))
    if end <= start:
        raise ProgramsError(_("The end date must be after the start date."))
    _check_range(cadence_days, _("days between meetings"), 1, 365)
    _check_range(meeting_minutes, _("meeting length in minutes"), 15, 480)
    renews = _renewed(renews)
    with transaction.atomic():
        program = Program.objects.create(
            name=name,
            slug=unique_slug(name),
            format=format,
            start=start,
            end=end,
            cadence_days=cadence_days,
            meeting_minutes=meeting_minutes,
            status=Program.Status.DRAFT,
            renews=renews,
        )
        program.topics.set(Topic.objects.filter(is_active=True))
        record(actor, "program.create", program)
    return program
