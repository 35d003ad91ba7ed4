"""Creating programs. Options arrive as keyword arguments so a new one (``renews=``) is one
parameter and one check, not a new code path."""

import datetime as dt
import re

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.people.models import Evidence, Topic
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program, TrainingModule
from tandem.programs.services.staffing import apply_staff, resolve

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


EVIDENCE_WORDS = {
    "self": Evidence.SELF,
    "endorsed": Evidence.ENDORSED,
    "assessed": Evidence.ASSESSED,
    "certified": Evidence.CERTIFIED,
}


def evidence_level(value) -> int:
    """An evidence level by number or by name (``endorsed``)."""
    if isinstance(value, int) and value in Evidence.values:
        return value
    word = str(value).strip().lower()
    if word in EVIDENCE_WORDS:
        return int(EVIDENCE_WORDS[word])
    raise ProgramsError(
        _("Unknown evidence level “%(value)s”; choose one of: %(choices)s")
        % {"value": value, "choices": ", ".join(EVIDENCE_WORDS)}
    )


def training_modules(value) -> list[TrainingModule] | None:
    """``None`` (the default: every seeded module), ``"none"`` (no training) or module slugs
    (a list, or text separated by commas). Returns the modules, or [] for none; an empty
    list is refused (a program requiring training requires modules)."""
    if value is None:
        return list(TrainingModule.objects.order_by("position", "slug"))
    slugs = value if isinstance(value, list | tuple) else str(value).split(",")
    slugs = [str(slug).strip() for slug in slugs if str(slug).strip()]
    if not slugs:
        raise ProgramsError(
            _("--training: name the required modules, separated by commas, or write none")
        )
    if slugs == ["none"]:
        return []
    found = {m.slug: m for m in TrainingModule.objects.filter(slug__in=slugs)}
    if missing := [slug for slug in slugs if slug not in found]:
        known = ", ".join(
            TrainingModule.objects.order_by("position").values_list("slug", flat=True)
        )
        raise ProgramsError(
            _("Unknown training module “%(slug)s”; the modules are: %(known)s, or none")
            % {"slug": missing[0], "known": known}
        )
    return [found[slug] for slug in dict.fromkeys(slugs)]


def _circle_size(format: str, circle_size: int | None) -> int:
    """A circle has 2 to 8 mentors per mentee (3 by default), a project team 1 to 8 (1: a
    pair); other formats have none."""
    if format not in (Program.Format.CIRCLE, Program.Format.PROJECT):
        if circle_size is not None:
            raise ProgramsError(
                _("--circle-size applies to the circle and project formats, not to “%(format)s”.")
                % {"format": format}
            )
        return 3
    if circle_size is None:
        return 3 if format == Program.Format.CIRCLE else 1
    low = 2 if format == Program.Format.CIRCLE else 1
    _check_range(circle_size, _("mentors per mentee"), low, 8)
    return circle_size


def _settings(options: dict, format: str) -> dict:
    """The optional settings, each checked before anything is written."""
    modules = training_modules(options.get("training"))
    values = {
        "objective": (options.get("objective") or "").strip(),
        "circle_size": _circle_size(format, options.get("circle_size")),
        "require_training": bool(modules),
        **(options.get("charter") or {}),
    }
    if options.get("min_evidence") is not None:
        values["min_evidence"] = evidence_level(options["min_evidence"])
    if options.get("evidence_months") is not None:
        _check_range(options["evidence_months"], _("months evidence counts for"), 1, 240)
        values["evidence_months"] = options["evidence_months"]
    return {"values": values, "modules": modules}


def _basics(name: str, format: str, start, end) -> tuple[str, dt.date, dt.date]:
    """The name, the format and the dates, checked."""
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
    return name, start, end


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
    **options,
) -> Program:
    """Create a draft program open to every active topic; the slug is made unique.

    ``options`` (all optional): ``objective``, ``charter`` (texts, see ``charter``),
    ``circle_size``, ``min_evidence`` (default endorsed), ``evidence_months``, ``training``
    (module slugs or "none"; default every seeded module), ``coaches``, ``sponsor`` and
    ``managers`` (emails). Everything is checked before anything is written.
    """
    name, start, end = _basics(name, format, start, end)
    _check_range(cadence_days, _("days between meetings"), 1, 365)
    _check_range(meeting_minutes, _("meeting length in minutes"), 15, 480)
    renews = _renewed(renews)
    settings = _settings(options, format)
    staff = resolve(
        managers=options.get("managers"),
        coaches=options.get("coaches"),
        **({"sponsor": options["sponsor"]} if options.get("sponsor") is not None else {}),
    )
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
            **settings["values"],
        )
        program.topics.set(Topic.objects.filter(is_active=True))
        program.required_modules.set(settings["modules"])
        record(actor, "program.create", program)
        apply_staff(program, staff, actor=actor, via="create")
    return program
