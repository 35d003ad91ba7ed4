"""A participant completing their own profile: languages, time zone, competences, needs.

The rule that matters: evidence above *self-declared* comes from someone else (a colleague's
endorsement, an assessment, a certification, HR's import), never from the person. So a
participant may keep a vouched-for competence as it is, or change it — and any change of its
topic or level makes it self-declared again and clears its source.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.people.errors import PeopleError
from tandem.people.models import Competence, Evidence, LearningNeed, Person
from tandem.people.services import provenance
from tandem.people.services.endorsements import retire_requests
from tandem.people.services.people_validation import Invalid, clean_timezone


@dataclass
class CompetenceRow:
    id: int | None
    topic_id: int
    level: int
    evidence: int
    delete: bool = False


@dataclass
class NeedRow:
    id: int | None
    topic_id: int
    priority: int
    current_level: int
    delete: bool = False


def update_settings(person: Person, *, languages: list[str], timezone: str, actor) -> Person:
    """Spoken languages and time zone; the time zone is checked as the CSV import does."""
    try:
        timezone = clean_timezone(timezone)
    except Invalid as exc:
        raise PeopleError(str(exc)) from None
    person.languages, person.timezone = list(dict.fromkeys(languages)), timezone
    person.save(update_fields=["languages", "timezone", "updated_at"])
    record(actor, "person.profile_updated", person, fields=["languages", "timezone"])
    return person


def _check_rows(rows, existing: dict) -> None:
    """Every id is one of the person's rows; no topic twice, counting rows not submitted."""
    submitted = {row.id for row in rows if row.id is not None}
    if submitted - existing.keys():
        raise PeopleError(_("This row does not belong to your profile."))
    topics = [row.topic_id for row in rows if not row.delete]
    topics += [old.topic_id for pk, old in existing.items() if pk not in submitted]
    if len(topics) != len(set(topics)):
        raise PeopleError(_("A topic is listed twice."))


@transaction.atomic
def save_competences(person: Person, rows: list[CompetenceRow], *, actor) -> list[str]:
    """Apply the rows; return the topics whose verification was cleared (for a message)."""
    existing = {
        c.pk: c
        for c in Competence.objects.select_for_update()
        .select_related("topic")
        .filter(person=person)
    }
    _check_rows(rows, existing)
    cleared: list[str] = []
    replaced, kept, created = [], [], []
    for row in rows:
        old = existing.get(row.id)
        if row.evidence > (old.evidence if old else Evidence.SELF):
            raise PeopleError(
                _(
                    "You can only declare a competence yourself; ask a colleague to endorse it, "
                    "or a program manager or coach to assess it."
                )
            )
        if old is None:
            if not row.delete:
                created.append(Competence(person=person, topic_id=row.topic_id, level=row.level))
            continue
        if row.delete or old.topic_id != row.topic_id:
            replaced.append(old.pk)
            if not row.delete:
                created.append(Competence(person=person, topic_id=row.topic_id, level=row.level))
            continue
        if old.level != row.level or row.evidence < old.evidence:
            if old.evidence > Evidence.SELF:
                cleared.append(old.topic.name)
            old.level = row.level
            provenance.declare_self(old)
            kept.append(old)
    Competence.objects.filter(pk__in=replaced).delete()
    Competence.objects.bulk_update(kept, ["level", *provenance.FIELDS])
    retire_requests(c.pk for c in kept)
    Competence.objects.bulk_create(created)
    _record_rows(actor, "person.competences_updated", person, replaced, kept, created)
    return cleared


@transaction.atomic
def save_needs(person: Person, rows: list[NeedRow], *, actor) -> None:
    existing = {n.pk: n for n in LearningNeed.objects.select_for_update().filter(person=person)}
    _check_rows(rows, existing)
    removed, changed, created = [], [], []
    for row in rows:
        old = existing.get(row.id)
        values = {
            "topic_id": row.topic_id,
            "priority": row.priority,
            "current_level": row.current_level,
        }
        if old is not None and (row.delete or old.topic_id != row.topic_id):
            removed.append(old.pk)
            old = None
        if row.delete:
            continue
        if old is None:
            created.append(LearningNeed(person=person, **values))
        elif any(getattr(old, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(old, key, value)
            changed.append(old)
    LearningNeed.objects.filter(pk__in=removed).delete()
    LearningNeed.objects.bulk_update(changed, ["priority", "current_level"])
    LearningNeed.objects.bulk_create(created)
    _record_rows(actor, "person.needs_updated", person, removed, changed, created)


def _record_rows(actor, action: str, person: Person, removed, changed, added) -> None:
    """One audit event with the counts of a saved list of rows, when anything changed."""
    if removed or changed or added:
        record(actor, action, person, removed=len(removed), changed=len(changed), added=len(added))
