"""Checking people rows before anything is written: each cell, then the file as a whole.

``validate_people_rows`` is shared by the CSV import and the API bulk upsert, so both refuse
the same things with the same words. It reads the current people once into dicts (no query
per row) and returns the valid rows and every error with its line and column.
"""

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from tandem.operations.dates import UnknownZone, read_zone
from tandem.people.languages import is_language_code
from tandem.people.models import Organization, Person
from tandem.people.services.csvreader import RowError, as_text, split_list
from tandem.people.services.tree import find_cycles

REQUIRED_COLUMNS = (
    "employee_id",
    "email",
    "full_name",
    "title",
    "department",
    "manager_id",
    "organization",
    "site",
    "timezone",
    "languages",
)
OPTIONAL_COLUMNS = ("gender", "birth_year", "organization_kind")
# Person fields an import sets, beside the manager; gender and birth year only if given.
PERSON_FIELDS = (
    "email",
    "full_name",
    "title",
    "department",
    "site",
    "timezone",
    "languages",
    "organization_id",
    "gender",
    "birth_year",
)
MAX_LENGTHS = {
    "employee_id": 64,
    "email": 254,
    "full_name": 200,
    "title": 200,
    "department": 120,
    "site": 120,
}
GENDERS = {
    "f": "f",
    "female": "f",
    "femme": "f",
    "m": "m",
    "male": "m",
    "homme": "m",
    "h": "m",
    "x": "x",
    "other": "x",
    "autre": "x",
}
DEFAULT_TIMEZONE = "Europe/Paris"


class _EmailValidator(EmailValidator):
    """Django's rules with its lazily compiled patterns resolved once: the lazy proxies
    cost more than the matching itself over 100,000 rows."""

    user_regex = re.compile(EmailValidator.user_regex.pattern, EmailValidator.user_regex.flags)
    domain_regex = re.compile(
        EmailValidator.domain_regex.pattern, EmailValidator.domain_regex.flags
    )
    literal_regex = re.compile(
        EmailValidator.literal_regex.pattern, EmailValidator.literal_regex.flags
    )


_email_validator = _EmailValidator()


class Invalid(ValueError):
    """A cell's value is refused; the message says why, for the user."""


@dataclass
class PersonRow:
    line: int
    employee_id: str
    manager_id: str
    organization: str
    values: dict  # model field → value, for the fields this row sets
    organization_kind: str | None = None  # host or partner when the file says so


@dataclass
class Existing:
    """The people already in Tandem, read once: by employee id, and their emails."""

    people: dict[str, tuple] = field(default_factory=dict)  # employee_id → row of FIELDS
    emails: dict[str, str] = field(default_factory=dict)  # lower email → employee_id
    organizations: dict[str, Organization] = field(default_factory=dict)  # lower name → org
    manager_of: dict[str, str | None] = field(default_factory=dict)  # employee_id → manager's
    FIELDS = ("id", "employee_id", "manager_id", *PERSON_FIELDS)

    @classmethod
    def load(cls) -> "Existing":
        existing = cls()
        for values in Person.objects.values_list(*cls.FIELDS).iterator(chunk_size=5000):
            existing.people[values[1]] = values
            existing.emails[values[3].lower()] = values[1]
        by_id = {values[0]: eid for eid, values in existing.people.items()}
        existing.manager_of = {eid: by_id.get(v[2]) for eid, v in existing.people.items()}
        existing.organizations = {org.name.lower(): org for org in Organization.objects.all()}
        return existing


@dataclass
class PeopleBatch:
    """The outcome of validation: rows fit to write, errors, and the lines they reject."""

    rows: list[PersonRow]
    errors: list[RowError]
    existing: Existing
    rejected_lines: set[int] = field(default_factory=set)


def clean_text(value: str, column: str, *, required: bool = False) -> str:
    if required and not value:
        raise Invalid(_("a value is required"))
    limit = MAX_LENGTHS.get(column)
    if limit and len(value) > limit:
        raise Invalid(
            _("too long (%(length)s characters, at most %(limit)s)")
            % {
                "length": len(value),
                "limit": limit,
            }
        )
    return value


def clean_email(value: str) -> str:
    if not value:
        raise Invalid(_("a value is required"))
    clean_text(value, "email")  # the column's length: PostgreSQL refuses a longer one
    try:
        _email_validator(value)
    except ValidationError:
        raise Invalid(_("“%s” is not a valid email address") % value) from None
    return value.lower()


@lru_cache(maxsize=1024)
def _is_timezone(name: str) -> bool:
    try:
        read_zone(name)
    except UnknownZone:
        return False
    return "/" in name or name == "UTC"


def clean_timezone(value: str) -> str:
    if not value:
        return DEFAULT_TIMEZONE
    if not _is_timezone(value):
        raise Invalid(_("“%s” is not a time zone; use an IANA name like Europe/Paris") % value)
    return value


def clean_languages(value: str) -> list[str]:
    codes = []
    for item in split_list(value):
        code = item.lower().replace("_", "-").split("-")[0]
        if not is_language_code(code):
            raise Invalid(_("“%s” is not an ISO 639-1 language code (like fr, en, de)") % item)
        if code not in codes:
            codes.append(code)
    return codes


def clean_gender(value: str) -> str:
    if value.lower() not in GENDERS and value:
        raise Invalid(_("“%s” is not a gender; use f, m, x or leave it empty") % value)
    return GENDERS.get(value.lower(), "")


def _this_year() -> int:
    return dt.date.today().year


def clean_birth_year(value: str) -> int | None:
    if not value:
        return None
    latest = _this_year() - 14
    if not value.isdecimal() or not 1920 <= int(value) <= latest:
        raise Invalid(
            _("“%(value)s” is not a plausible birth year (1920 to %(latest)s)")
            % {
                "value": value,
                "latest": latest,
            }
        )
    return int(value)


KINDS = {"host": Organization.Kind.HOST, "partner": Organization.Kind.PARTNER}


def clean_organization_kind(value: str) -> str | None:
    if not value:
        return None
    if value.lower() not in KINDS:
        raise Invalid(_("“%s” is not an organisation kind; use host or partner") % value)
    return KINDS[value.lower()]


CLEANERS = {
    "employee_id": lambda v: clean_text(v, "employee_id", required=True),
    "email": clean_email,
    "full_name": lambda v: clean_text(v, "full_name", required=True),
    "title": lambda v: clean_text(v, "title"),
    "department": lambda v: clean_text(v, "department"),
    "manager_id": lambda v: clean_text(v, "employee_id"),
    "organization": lambda v: clean_text(v, "organization", required=True),
    "site": lambda v: clean_text(v, "site"),
    "timezone": clean_timezone,
    "languages": clean_languages,
    "gender": clean_gender,
    "birth_year": clean_birth_year,
    "organization_kind": clean_organization_kind,
}


def clean_row(line: int, raw: Mapping, errors: list[RowError]) -> PersonRow | None:
    """Clean every cell of one row, recording each bad cell; None if any was bad."""
    cleaned, ok = {}, True
    for column, cleaner in CLEANERS.items():
        if column not in raw and column in OPTIONAL_COLUMNS:
            continue
        try:
            cleaned[column] = cleaner(as_text(raw.get(column)))
        except Invalid as exc:
            errors.append(RowError(line, column, str(exc)))
            ok = False
    if not ok:
        return None
    organization = cleaned.pop("organization")
    values = {key: cleaned[key] for key in PERSON_FIELDS if key in cleaned}
    return PersonRow(
        line,
        cleaned["employee_id"],
        cleaned["manager_id"],
        organization,
        values,
        cleaned.get("organization_kind"),
    )


def validate_people_rows(rows: Iterable, *, existing: Existing | None = None) -> PeopleBatch:
    """Check rows (mappings, or ``(line, mapping)`` pairs) against each other and Tandem.

    All-or-nothing callers write only when ``errors`` is empty; others write ``rows``, which
    never include a row whose manager or reporting line depends on a rejected one.
    """
    existing = existing or Existing.load()
    errors: list[RowError] = []
    cleaned: list[PersonRow] = []
    raw_ids: dict[str, int] = {}  # every employee id the file names, even on bad rows
    raw_managers: dict[str, str | None] = {}
    for index, item in enumerate(rows, start=1):
        line, raw = item if isinstance(item, tuple) else (index, item)
        eid, manager = as_text(raw.get("employee_id")), as_text(raw.get("manager_id"))
        if eid and eid not in raw_ids:
            raw_ids[eid] = line
            raw_managers[eid] = manager if manager and manager != eid else None
        row = clean_row(line, raw, errors)
        if row is not None:
            cleaned.append(row)
    batch = PeopleBatch(rows=[], errors=errors, existing=existing)
    batch.rejected_lines = {error.line for error in errors}
    _check_uniqueness(cleaned, raw_ids, batch)
    _check_kinds(cleaned, batch)
    _check_managers(cleaned, raw_ids, batch)
    valid = [row for row in cleaned if row.line not in batch.rejected_lines]
    # Cycles as the file writes them, bad rows included, so that one run names them all.
    _refuse_cycles(find_cycles({**existing.manager_of, **raw_managers}), raw_ids, batch)
    batch.rows = _check_tree(valid, raw_ids, batch)
    batch.errors.sort(key=lambda error: (error.line, error.column))
    return batch


def _reject(batch: PeopleBatch, row: PersonRow | int, column: str, message: str) -> None:
    line = row if isinstance(row, int) else row.line
    batch.errors.append(RowError(line, column, message))
    batch.rejected_lines.add(line)


def _check_uniqueness(rows: list[PersonRow], raw_ids: dict, batch: PeopleBatch) -> None:
    emails: dict[str, int] = {}
    for row in rows:
        email = row.values["email"]
        if raw_ids[row.employee_id] != row.line:
            message = _("duplicate employee id, already on line %s") % raw_ids[row.employee_id]
            _reject(batch, row, "employee_id", message)
        owner = batch.existing.emails.get(email)
        if owner is not None and owner != row.employee_id:
            message = _("email already used by employee %s in Tandem") % owner
            _reject(batch, row, "email", message)
        elif email in emails:
            _reject(batch, row, "email", _("duplicate email, already on line %s") % emails[email])
        emails.setdefault(email, row.line)


def _check_kinds(rows: list[PersonRow], batch: PeopleBatch) -> None:
    """One kind per organisation in a file: a row saying otherwise than an earlier one is
    refused, naming that line."""
    first: dict[str, tuple[str, int]] = {}
    for row in rows:
        if row.organization_kind is None:
            continue
        key = row.organization.lower()
        kind, line = first.setdefault(key, (row.organization_kind, row.line))
        if kind != row.organization_kind:
            message = _("%(organization)s is given as %(kind)s on line %(line)s") % {
                "organization": row.organization,
                "kind": kind,
                "line": line,
            }
            _reject(batch, row, "organization_kind", message)


def _check_managers(rows: list[PersonRow], raw_ids: dict, batch: PeopleBatch) -> None:
    for row in rows:
        manager = row.manager_id
        if manager == row.employee_id:
            _reject(batch, row, "manager_id", _("a person cannot be their own manager"))
        elif manager and manager not in raw_ids and manager not in batch.existing.people:
            message = _("unknown manager %s: not in the file nor in Tandem") % manager
            _reject(batch, row, "manager_id", message)


def _check_tree(rows: list[PersonRow], raw_ids: dict, batch: PeopleBatch) -> list[PersonRow]:
    """Refuse cycles, then rows whose manager exists only on a refused row, until stable.

    A refused row keeps its current manager in Tandem, which can close a cycle among the
    remaining rows; hence the loop (each turn only refuses more, so it ends).
    """
    existing = batch.existing
    while True:
        rows = [row for row in rows if row.line not in batch.rejected_lines]
        lines = {row.employee_id: row.line for row in rows}
        manager_of = dict(existing.manager_of)
        manager_of.update({row.employee_id: row.manager_id or None for row in rows})
        refused = _refuse_cycles(find_cycles(manager_of), lines, batch)
        for row in rows:
            manager = row.manager_id
            if row.line in batch.rejected_lines or not manager:
                continue
            if manager not in lines and manager not in existing.people:
                message = _("manager %(id)s is on rejected line %(line)s") % {
                    "id": manager,
                    "line": raw_ids.get(manager, "?"),
                }
                _reject(batch, row, "manager_id", message)
                refused = True
        rows = [row for row in rows if row.line not in batch.rejected_lines]
        if not refused:
            return rows


def _refuse_cycles(cycles: list[list], lines: dict[str, int], batch: PeopleBatch) -> bool:
    """Reject every file row in each cycle, naming the whole cycle and its lines."""
    refused = False
    for cycle in cycles:
        # Start the chain at the first file row so the message reads the same on every run.
        start = min(range(len(cycle)), key=lambda i: lines.get(cycle[i], float("inf")))
        cycle = cycle[start:] + cycle[:start]
        message = _("cycle in the reporting tree: %(chain)s (lines %(lines)s)") % {
            "chain": " → ".join([*cycle, cycle[0]]),
            "lines": ", ".join(str(lines[eid]) for eid in cycle if eid in lines),
        }
        for eid in cycle:
            if eid in lines:
                _reject(batch, lines[eid], "manager_id", message)
                refused = True
    return refused
