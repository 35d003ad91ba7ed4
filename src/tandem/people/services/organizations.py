"""Organisations: the host and the partners that lend mentors (a university, an association)."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tandem.accounts import audit
from tandem.people.errors import PeopleError
from tandem.people.models import Organization


def _clean_name(name: str, *, exclude_pk: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise PeopleError(_("An organisation needs a name."))
    if len(name) > 200:
        raise PeopleError(_("An organisation's name has at most 200 characters."))
    taken = Organization.objects.filter(name__iexact=name).exclude(pk=exclude_pk)
    if taken.exists():
        raise PeopleError(_("An organisation named %s already exists.") % name)
    return name


def _clean_kind(kind: str) -> str:
    if kind not in Organization.Kind.values:
        raise PeopleError(
            _("An organisation's kind is one of: %s.") % ", ".join(Organization.Kind.values)
        )
    return kind


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_organization(*, name: str, kind: str, actor) -> Organization:
    name = _clean_name(name)
    org = Organization.objects.create(name=name, kind=_clean_kind(kind), slug=_unique_slug(name))
    audit.record(actor, "organization.create", org, name=org.name, kind=org.kind)
    return org


@transaction.atomic
def update_organization(
    org: Organization, *, name: str | None = None, kind: str | None = None, actor
) -> Organization:
    if name is not None:
        org.name = _clean_name(name, exclude_pk=org.pk)
    if kind is not None:
        org.kind = _clean_kind(kind)
    org.save(update_fields=["name", "kind"])
    audit.record(actor, "organization.update", org, name=org.name, kind=org.kind)
    return org


def settle(rows, known: dict[str, Organization], notes: list[str], *, actor=None) -> dict:
    """The organisations an import names, created or changed as the file says, each decision
    told in ``notes`` ("PartnerCo: new partner organisation"); ``known`` maps lower-case names
    to organisations and is updated. Returns lower-case name → id.

    A new organisation takes the kind its ``organization_kind`` cell gives; without one, the
    first new organisation is the host when Tandem has none, later ones are partners. An
    existing organisation whose kind the file gives otherwise is changed.
    """
    given: dict[str, str] = {}
    for row in rows:
        if row.organization_kind:
            given.setdefault(row.organization.lower(), row.organization_kind)
    has_host = any(org.kind == Organization.Kind.HOST for org in known.values())
    for row in rows:
        key = row.organization.lower()
        org, kind = known.get(key), given.get(key)
        if org is None:
            kind = kind or (Organization.Kind.PARTNER if has_host else Organization.Kind.HOST)
            org = Organization.objects.create(
                name=row.organization, kind=kind, slug=_unique_slug(row.organization)
            )
            known[key] = org
            notes.append(_new_note(org))
            audit.record(actor, "organization.create", org, name=org.name, kind=org.kind)
        elif kind and kind != org.kind:
            before, org.kind = org.kind, kind
            org.save(update_fields=["kind"])
            notes.append(_changed_note(org, before))
            audit.record(actor, "organization.update", org, name=org.name, kind=org.kind)
        has_host = has_host or org.kind == Organization.Kind.HOST
    return {key: org.pk for key, org in known.items()}


def _new_note(org: Organization) -> str:
    if org.kind == Organization.Kind.HOST:
        return _("%(name)s: new host organisation") % {"name": org.name}
    return _("%(name)s: new partner organisation") % {"name": org.name}


def _changed_note(org: Organization, before: str) -> str:
    if org.kind == Organization.Kind.HOST:
        return _("%(name)s: now a host organisation (was a partner)") % {"name": org.name}
    return _("%(name)s: now a partner organisation (was the host)") % {"name": org.name}
