"""Who runs a program: its managers (accounts), coaches and sponsor (people of the directory),
named by email from the set-up page, the API and ``tandem create-program``. Each change of who
may see what is audited with before and after, as the admin does.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.audit import record, record_set_change
from tandem.people.models import Person
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program
from tandem.programs.permissions import managed_programs

UNSET = object()


def split_emails(text) -> list[str]:
    """Emails from a list or from text (one per line, or separated by commas or spaces)."""
    items = text if isinstance(text, list | tuple) else str(text or "").replace(",", " ").split()
    out: list[str] = []
    for item in items:
        email = str(item).strip().lower()
        if email and email not in out:
            out.append(email)
    return out


def person_by_email(email: str, label: str) -> Person:
    person = Person.objects.filter(email__iexact=email.strip()).first()
    if person is None:
        raise ProgramsError(
            _("%(label)s: nobody in the directory has the email “%(email)s”; import them first.")
            % {"label": label, "email": email}
        )
    if not person.is_active:
        raise ProgramsError(
            _("%(label)s: %(name)s has left the directory.") % {"label": label, "name": person}
        )
    return person


def manager_by_email(email: str):
    """The account of a manager: theirs by email, or the one of the directory's person."""
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is not None:
        return user
    person = Person.objects.filter(email__iexact=email.strip()).select_related("user").first()
    if person is not None and person.user_id and person.user.is_active:
        return person.user
    if person is not None:
        raise ProgramsError(
            _(
                "Managers: %(name)s has no Tandem account yet; invite them first "
                "(tandem invite --email %(email)s)."
            )
            % {"name": person.full_name, "email": email}
        )
    raise ProgramsError(
        _("Managers: no account and nobody in the directory has the email “%(email)s”.")
        % {"email": email}
    )


def resolve(*, managers=None, coaches=None, sponsor=UNSET) -> dict:
    """Emails -> accounts and people, every unknown one refused by name before anything is
    written. ``None`` leaves that part as it is; a sponsor of ``""`` or None removes it."""
    out: dict = {}
    if managers is not None:
        out["managers"] = [manager_by_email(e) for e in split_emails(managers)]
        if not out["managers"]:
            raise ProgramsError(_("Managers: a program needs at least one manager."))
    if coaches is not None:
        out["coaches"] = [person_by_email(e, _("Coaches")) for e in split_emails(coaches)]
    if sponsor is not UNSET:
        email = (sponsor or "").strip()
        out["sponsor"] = person_by_email(email, _("Sponsor")) if email else None
    return out


def apply_staff(program: Program, resolved: dict, *, actor, via: str) -> Program:
    """Write what ``resolve`` found, with one audit event per changed set."""
    with transaction.atomic():
        for name in ("managers", "coaches"):
            if name not in resolved:
                continue
            relation = getattr(program, name)
            before = set(relation.values_list("pk", flat=True))
            relation.set(resolved[name])
            after = {item.pk for item in resolved[name]}
            record_set_change(actor, f"program.{name}_changed", program, before, after, via=via)
        if "sponsor" in resolved:
            before, after = program.sponsor_id, getattr(resolved["sponsor"], "pk", None)
            if before != after:
                program.sponsor_id = after
                program.save(update_fields=["sponsor"])
                record(
                    actor, "program.sponsor_changed", program, before=before, after=after, via=via
                )
    return program


def renewable_programs(program: Program, user):
    """The programs a cohort may renew: others the user manages (all for a superuser)."""
    programs = Program.objects.all() if user is None else managed_programs(user)
    return programs.exclude(pk=program.pk).order_by("-start", "name")


def set_renews(program: Program, renews: Program | None, *, actor) -> Program:
    """Which earlier cohort this one renews (its pairs are not proposed again)."""
    if renews is not None and renews.pk == program.pk:
        raise ProgramsError(_("A program cannot renew itself."))
    after = renews.pk if renews is not None else None
    if program.renews_id != after:
        before, program.renews_id = program.renews_id, after
        program.save(update_fields=["renews"])
        record(actor, "program.update", program, step="staff", fields=["renews"], before=before)
    return program
