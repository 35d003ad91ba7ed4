"""Importing a program's enrolments: who is a mentor or a mentee, their topics, capacity,
languages and weekly availability.

Competences and learning needs belong to the person (they outlive the program), so the import
upserts them by (person, topic); the enrolment holds what is specific to this program.
Everything is read once into dicts, checked, then written in one transaction.
"""

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.people.models import Competence, LearningNeed, Person, Topic
from tandem.people.services import provenance
from tandem.people.services.csvreader import (
    CsvFileError,
    ImportReport,
    RowError,
    as_text,
    progress,
    read_table,
)
from tandem.people.services.endorsements import retire_requests
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Enrolment, Program
from tandem.programs.services.enrolment_rows import EnrolmentRow, clean_enrolment_row

COLUMNS = ("employee_id", "role", "topics", "capacity", "languages", "availability")
BATCH_SIZE = 500
IN_CHUNK = 2000


@dataclass
class Context:
    """What the rows are checked against, read once."""

    program: Program
    people: dict[str, tuple] = field(default_factory=dict)  # eid → (pk, languages, active)
    topics: dict[str, int] = field(default_factory=dict)  # slug → id
    allowed: dict[str, int] = field(default_factory=dict)  # the program's topics

    @classmethod
    def load(cls, program: Program) -> "Context":
        context = cls(program=program)
        rows = Person.objects.values_list("employee_id", "id", "languages", "is_active")
        context.people = {eid: (pk, langs or [], active) for eid, pk, langs, active in rows}
        context.topics = dict(Topic.objects.values_list("slug", "id"))
        context.allowed = dict(program.topics.values_list("slug", "id"))
        return context


def import_enrolments(
    program: Program,
    source,
    *,
    actor=None,
    skip_invalid=False,
    show_progress=False,
    source_name: str = "",
) -> ImportReport:
    """Import an enrolment CSV (path, bytes, text or file object) into ``program``;
    ``source_name`` (the file's name) is recorded as the source of the evidence it attests."""
    try:
        table = read_table(source, required=COLUMNS)
    except CsvFileError as exc:
        return ImportReport(errors=exc.errors, fatal=True)
    rows = progress(table.rows, total=len(table.rows), enabled=show_progress, desc=_("Checking"))
    return upsert_enrolments(
        program,
        rows,
        actor=actor,
        skip_invalid=skip_invalid,
        parse_errors=table.errors,
        source_name=source_name or os.path.basename(str(getattr(source, "name", "") or "")),
    )


def upsert_enrolments(
    program: Program,
    rows: Iterable,
    *,
    actor=None,
    skip_invalid=False,
    parse_errors=(),
    source_name: str = "",
) -> ImportReport:
    """Enrol people from rows (mappings or ``(line, mapping)``); all-or-nothing unless
    ``skip_invalid``. Enrolments missing from the rows are left as they are."""
    if program.status == Program.Status.CLOSED:
        raise ProgramsError(_("“%s” is closed; enrolments can no longer change.") % program)
    with transaction.atomic():
        valid, errors = validate_enrolment_rows(program, rows)
        errors = sorted([*parse_errors, *errors], key=lambda e: (e.line, e.column))
        report = ImportReport(errors=errors, rejected=len({error.line for error in errors}))
        if errors and not skip_invalid:
            return report
        _write(program, valid, report, (actor, source_name))
        report.written = True
        record(actor, "programs.import_enrolments", program, **report.counts())
    return report


def validate_enrolment_rows(program: Program, rows: Iterable) -> tuple[list, list[RowError]]:
    """Check every row; return the valid ones and every error (line, column, reason)."""
    context = Context.load(program)
    errors: list[RowError] = []
    valid: list[EnrolmentRow] = []
    seen: dict[tuple[str, str], int] = {}
    for index, item in enumerate(rows, start=1):
        line, raw = item if isinstance(item, tuple) else (index, item)
        raw = {key: as_text(value) for key, value in raw.items()}
        row = clean_enrolment_row(line, raw, context, errors)
        if row is None:
            continue
        key = (row.employee_id, row.role)
        if key in seen:
            message = _("%(id)s is already enrolled as %(role)s on line %(line)s") % {
                "id": row.employee_id,
                "role": row.role,
                "line": seen[key],
            }
            errors.append(RowError(line, "employee_id", message))
            continue
        seen[key] = line
        valid.append(row)
    return valid, errors


def _write(program: Program, rows: list[EnrolmentRow], report: ImportReport, source) -> None:
    person_ids = [row.person_id for row in rows]
    touched = _upsert_competences(rows, person_ids, source) | _upsert_needs(rows, person_ids)
    current = {
        (e.person_id, e.role): e
        for e in Enrolment.objects.filter(program=program).only(
            "id", "person_id", "role", "status", "capacity", "languages", "availability"
        )
    }
    new, changed = [], []
    for row in rows:
        values = {
            "capacity": row.capacity,
            "languages": row.languages,
            "availability": row.availability,
        }
        enrolment = current.get((row.person_id, row.role))
        if enrolment is None:
            new.append(
                Enrolment(
                    program=program,
                    person_id=row.person_id,
                    role=row.role,
                    status=Enrolment.Status.ACCEPTED,
                    **values,
                )
            )
            continue
        if enrolment.status == Enrolment.Status.APPLIED:
            values["status"] = Enrolment.Status.ACCEPTED  # declined or withdrawn stay so
        if any(getattr(enrolment, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(enrolment, key, value)
            enrolment.updated_at = timezone.now()
            changed.append(enrolment)
        elif row.line not in touched:
            report.unchanged += 1
            continue
        report.updated += 1
    Enrolment.objects.bulk_create(new, batch_size=BATCH_SIZE)
    fields = ["status", "capacity", "languages", "availability", "updated_at"]
    Enrolment.objects.bulk_update(changed, fields, batch_size=BATCH_SIZE)
    report.created = len(new)


def _chunked(queryset, field_name: str, ids: list[int]):
    """``queryset.filter(<field>__in=ids)`` in chunks: databases cap the parameters."""
    for start in range(0, len(ids), IN_CHUNK):
        yield from queryset.filter(**{f"{field_name}__in": ids[start : start + IN_CHUNK]})


def _upsert_competences(rows: list[EnrolmentRow], person_ids: list[int], source) -> set[int]:
    """Create or update competences; return the lines that changed something.

    Evidence above self-declared is attested by the import: HR's file and the importer are
    its source ("attested by HR import, date, file"). An import never lowers the evidence of a
    competence at the same level (someone vouched for it); a new level starts from what the
    file says, as a change on the profile does.
    """
    current = {
        (c.person_id, c.topic_id): c
        for c in _chunked(Competence.objects.all(), "person_id", person_ids)
    }
    actor, file = source
    new, changed, touched = [], [], set()
    for row in rows:
        for topic_id, level, evidence in row.competences:
            competence = current.get((row.person_id, topic_id))
            if competence is None:
                competence = Competence(person_id=row.person_id, topic_id=topic_id, level=level)
                provenance.attest_by_import(competence, evidence, by=actor, file=file)
                new.append(competence)
                touched.add(row.line)
                continue
            if competence.level == level and competence.evidence >= evidence:
                continue
            competence.level = level
            provenance.attest_by_import(competence, evidence, by=actor, file=file)
            changed.append(competence)
            touched.add(row.line)
    Competence.objects.bulk_create(new, batch_size=BATCH_SIZE)
    Competence.objects.bulk_update(changed, ["level", *provenance.FIELDS], batch_size=BATCH_SIZE)
    retire_requests(c.pk for c in changed)
    return touched


def _upsert_needs(rows: list[EnrolmentRow], person_ids: list[int]) -> set[int]:
    """Create or update learning needs (priority); return the lines that changed something."""
    current = {
        (n.person_id, n.topic_id): n
        for n in _chunked(LearningNeed.objects.all(), "person_id", person_ids)
    }
    new, changed, touched = [], [], set()
    for row in rows:
        for topic_id, priority in row.needs:
            need = current.get((row.person_id, topic_id))
            if need is None:
                new.append(
                    LearningNeed(person_id=row.person_id, topic_id=topic_id, priority=priority)
                )
                touched.add(row.line)
            elif need.priority != priority:
                need.priority = priority
                changed.append(need)
                touched.add(row.line)
    LearningNeed.objects.bulk_create(new, batch_size=BATCH_SIZE)
    LearningNeed.objects.bulk_update(changed, ["priority"], batch_size=BATCH_SIZE)
    return touched
