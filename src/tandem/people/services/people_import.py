"""Importing the HRIS export of people: validate the whole file, then write it in one go.

Existing people are read once into dicts; new people are inserted in batches (managers
empty), then managers and changed fields are set in batches (see ``bulk``): a fixed number
of statements per 5,000 rows, never a query per row.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.operations.bulk import insert_rows, update_rows
from tandem.people.models import Person
from tandem.people.services import organizations, tree
from tandem.people.services.csvreader import CsvFileError, ImportReport, progress, read_table
from tandem.people.services.people_validation import (
    OPTIONAL_COLUMNS,
    PERSON_FIELDS,
    REQUIRED_COLUMNS,
    Existing,
    PeopleBatch,
    PersonRow,
    validate_people_rows,
)

NEW_FIELDS = [
    "employee_id",
    "is_active",
    "tree_pre",
    "tree_post",
    "tree_depth",
    "updated_at",
    *PERSON_FIELDS,
]
UPDATED_FIELDS = [*PERSON_FIELDS, "manager_id"]


def import_people(source, *, actor=None, skip_invalid=False, show_progress=False) -> ImportReport:
    """Import a people CSV (path, bytes, text or file object); see ``upsert_people``."""
    try:
        table = read_table(source, required=REQUIRED_COLUMNS, optional=OPTIONAL_COLUMNS)
    except CsvFileError as exc:
        return ImportReport(errors=exc.errors, fatal=True)
    rows = progress(table.rows, total=len(table.rows), enabled=show_progress, desc=_("Checking"))
    return upsert_people(rows, actor=actor, skip_invalid=skip_invalid, parse_errors=table.errors)


def upsert_people(
    rows, *, actor=None, skip_invalid=False, parse_errors=(), audit="people.import"
) -> ImportReport:
    """Create or update people from rows (mappings or ``(line, mapping)``), all-or-nothing.

    Unless ``skip_invalid``, any bad row means nothing is written; the report lists every
    error either way. People missing from the rows are left as they are. ``audit`` names the
    event recorded (None: the caller records its own, as SCIM provisioning does).
    """
    with transaction.atomic():
        batch = validate_people_rows(rows, existing=Existing.load())
        batch.errors = sorted([*parse_errors, *batch.errors], key=lambda e: (e.line, e.column))
        report = ImportReport(errors=batch.errors)
        report.rejected = len(batch.rejected_lines | {error.line for error in parse_errors})
        if batch.errors and not skip_invalid:
            return report
        _write(batch, report, actor)
        report.written = True
        if audit is None:
            return report
        record(actor, audit, **report.counts())
    return report


def _write(batch: PeopleBatch, report: ImportReport, actor=None) -> None:
    """Insert new people (managers left empty), then set managers and changed fields."""
    existing = batch.existing
    org_ids = organizations.settle(batch.rows, existing.organizations, report.notes, actor=actor)
    now = timezone.now()
    new_rows = [row for row in batch.rows if row.employee_id not in existing.people]
    report.created = insert_rows(
        Person, NEW_FIELDS, (_new_values(row, org_ids, now) for row in new_rows)
    )
    pks = {eid: values[0] for eid, values in existing.people.items()}
    if new_rows:
        pks.update(Person.objects.values_list("employee_id", "id").iterator(chunk_size=10000))
    update_rows(
        Person,
        ["manager_id"],
        ((pks[row.manager_id], pks[row.employee_id]) for row in new_rows if row.manager_id),
    )
    changed = []
    for row in batch.rows:
        if row.employee_id in existing.people:
            values = _changed_values(row, existing.people[row.employee_id], org_ids, pks)
            if values is None:
                report.unchanged += 1
            else:
                changed.append([*values, now, pks[row.employee_id]])
    report.updated = update_rows(Person, [*UPDATED_FIELDS, "updated_at"], changed)
    report.notes += _cross_links(batch.rows, existing, org_ids)
    if report.created or report.updated:
        tree.renumber()


def _cross_links(rows: list[PersonRow], existing: Existing, org_ids: dict[str, int]) -> list[str]:
    """A note for each row whose manager belongs to another organisation: the reporting-line
    rule holds inside each organisation, so that link puts them in no reporting line."""
    names = {org.pk: org.name for org in existing.organizations.values()}
    org_of = {
        eid: dict(zip(Existing.FIELDS, values, strict=True))["organization_id"]
        for eid, values in existing.people.items()
    }
    org_of.update({row.employee_id: org_ids[row.organization.lower()] for row in rows})
    notes = []
    for row in rows:
        mine, theirs = org_of[row.employee_id], org_of.get(row.manager_id)
        if row.manager_id and theirs is not None and theirs != mine:
            notes.append(
                _(
                    "line %(line)s: the manager of %(person)s, %(manager)s, is of %(theirs)s, "
                    "another organisation than %(mine)s: the reporting-line rule holds inside "
                    "each organisation, so they are in no reporting line together"
                )
                % {
                    "line": row.line,
                    "person": row.employee_id,
                    "manager": row.manager_id,
                    "theirs": names.get(theirs, theirs),
                    "mine": names.get(mine, mine),
                }
            )
    return notes


def _new_values(row: PersonRow, org_ids: dict[str, int], now) -> tuple:
    values = {"gender": "", "birth_year": None, **row.values}
    values["organization_id"] = org_ids[row.organization.lower()]
    fixed = (row.employee_id, True, 0, 0, 0, now)
    return (*fixed, *(values[name] for name in PERSON_FIELDS))


def _changed_values(row: PersonRow, current: tuple, org_ids, pks) -> tuple | None:
    """The row's values in ``UPDATED_FIELDS`` order if anything differs from ``current``."""
    before = dict(zip(Existing.FIELDS, current, strict=True))
    after = {**before, **row.values}
    after["organization_id"] = org_ids[row.organization.lower()]
    after["manager_id"] = pks[row.manager_id] if row.manager_id else None
    if after == before:
        return None
    return tuple(after[name] for name in UPDATED_FIELDS)
