"""A realistic demo organisation for ``make run``: built once, the same for the same seed.

``build`` creates it (in one transaction) unless it exists; ``logins`` finds the accounts to
print, one per role, in an existing demo.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.demo import choosing, cohort, data, history, integrations, org, programs, skills
from tandem.mentorships.models import Participant
from tandem.people.models import Organization, Person
from tandem.programs.models import Program

PASSWORD = skills.PASSWORD
DEFAULT_SEED = 2026


class DemoError(Exception):
    """Why the demo cannot be built or read; the message is written for the user."""


@dataclass(frozen=True)
class Login:
    role: str
    name: str
    email: str


def exists() -> bool:
    return Organization.objects.filter(slug=data.HOST_SLUG).exists()


def build(seed: int = DEFAULT_SEED, today: dt.date | None = None) -> bool:
    """Builds the demo; returns False (and changes nothing) when it is already there."""
    today = today or dt.date.today()
    with transaction.atomic():
        if exists():
            return False
        _check_free()
        rng = random.Random(seed)
        the_org = org.build_org(rng)
        cast = skills.pick_cast(the_org, rng)
        skills.create_users(the_org, cast)
        skills.create_skills(the_org, cast, rng, today)
        genai, csr = programs.create_programs(the_org, today)
        pairs = programs.create_genai(the_org, cast, genai, rng)
        programs.create_csr(the_org, cast, csr, rng, showcase=pairs[0][0])
        cohort.pending_proposal(genai, today)
        earlier = cohort.create_earlier(the_org, cast, genai, rng)
        cohort.live_earlier(earlier, the_org, rng, today)
        history.running(genai, rng, today)
        history.backdate_proposals(genai, earlier)
        choosing.create_choosing(the_org, cast, rng, today, showcase=pairs[0][:2])
        # Run last at commit, after the invitations of the meetings planned above were
        # skipped (the program did not send them yet): see the module.
        transaction.on_commit(lambda: integrations.configure(programs.GENAI_SLUG))
    return True


def _check_free() -> None:
    """The demo's slugs and emails must be free: say which one is taken rather than fail on a
    unique constraint halfway."""
    slugs = [programs.GENAI_SLUG, programs.CSR_SLUG, cohort.EARLIER_SLUG, choosing.CHOOSING_SLUG]
    taken = list(Program.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    if taken:
        raise DemoError(
            _("A program with the slug “%(slug)s” already exists; the demo needs it.")
            % {"slug": taken[0]}
        )
    domains = (f"@{data.DOMAIN}", f"@{data.PARTNER_DOMAIN}")
    if (
        User.objects.filter(email__iendswith=domains[0]).exists()
        or User.objects.filter(email__iendswith=domains[1]).exists()
    ):
        raise DemoError(
            _("Accounts on the demo domain %(domain)s already exist; the demo needs it.")
            % {"domain": data.DOMAIN}
        )


def remove() -> None:
    """Deletes the demo organisation, its programs and its accounts (for ``--reset``)."""
    with transaction.atomic():
        slugs = [data.HOST_SLUG, data.PARTNER_SLUG]
        people = Person.objects.filter(organization__slug__in=slugs)
        user_ids = list(people.exclude(user=None).values_list("user_id", flat=True))
        program_slugs = [
            programs.GENAI_SLUG,
            programs.CSR_SLUG,
            cohort.EARLIER_SLUG,
            choosing.CHOOSING_SLUG,
        ]
        Program.objects.filter(slug__in=program_slugs).delete()
        Person.objects.filter(organization__slug__in=slugs).update(manager=None)
        people.delete()
        User.objects.filter(pk__in=user_ids, is_superuser=False).delete()
        Organization.objects.filter(slug__in=slugs).delete()


def logins() -> list[Login]:
    """One account per role, read back from the data so a second run prints the same."""
    genai = (
        Program.objects.select_related("sponsor__user")
        .prefetch_related("managers", "coaches__user")
        .filter(slug=programs.GENAI_SLUG)
        .first()
    )
    if genai is None:
        raise DemoError(
            _("The demo program “%(slug)s” is missing; run “tandem demo --reset” to rebuild it.")
            % {"slug": programs.GENAI_SLUG}
        )
    rows = []
    for manager in sorted(genai.managers.all(), key=lambda u: u.pk)[:1]:
        rows.append((_("Program manager"), manager.get_full_name(), manager.email))
    for coach in sorted(genai.coaches.all(), key=lambda p: p.pk)[:1]:
        rows.append((_("Coach"), coach.full_name, coach.user))
    showcase = (
        Participant.objects.filter(mentorship__program=genai)
        .select_related("person__user")
        .order_by("mentorship_id", "role")
    )
    pair = {p.role: p.person for p in showcase[:2]}
    for role, label in (("mentor", _("Mentor")), ("mentee", _("Mentee"))):
        if role in pair:
            rows.append((label, pair[role].full_name, pair[role].user))
    if genai.sponsor:
        rows.append((_("Sponsor"), genai.sponsor.full_name, genai.sponsor.user))
    return [
        Login(str(role), name, getattr(account, "email", account))
        for role, name, account in rows
        if account
    ]
