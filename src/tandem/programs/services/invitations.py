"""Inviting a program's people to Tandem (``tandem invite``, the program page, the API):
everyone enrolled without an account and without an invitation still valid, or the people
named by email. Idempotent: running it again sends nothing new. The emails are the accounts
app's, each in the invitee's language."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import Invitation
from tandem.accounts.services.invitations import invite_people
from tandem.people.models import Person
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Enrolment, Program

OPEN = [Enrolment.Status.APPLIED, Enrolment.Status.ACCEPTED]


@dataclass
class InviteReport:
    invited: list[Person] = field(default_factory=list)  # sent (or to send, in a dry run)
    has_account: list[Person] = field(default_factory=list)
    pending: list[Person] = field(default_factory=list)  # an invitation is still valid
    inactive: list[Person] = field(default_factory=list)
    dry_run: bool = False

    def as_dict(self) -> dict:
        def emails(people):
            return [p.email for p in people]

        return {
            "dry_run": self.dry_run,
            "invited": emails(self.invited),
            "has_account": emails(self.has_account),
            "pending": emails(self.pending),
            "inactive": emails(self.inactive),
        }


def _pending_ids(people) -> set[int]:
    valid = Invitation.objects.filter(
        person__in=people, used_at__isnull=True, expires_at__gt=timezone.now()
    )
    return set(valid.values_list("person_id", flat=True))


def enrolled(program: Program):
    """The people with an open enrolment (applied or accepted) in the program."""
    return Person.objects.filter(enrolments__program=program, enrolments__status__in=OPEN)


def by_email(emails) -> list[Person]:
    """The directory's people with these emails; every unknown one is refused at once."""
    found, missing = {}, []
    for email in dict.fromkeys(e.strip() for e in emails if e and e.strip()):
        person = Person.objects.filter(email__iexact=email).first()
        if person is None:
            missing.append(email)
        else:
            found[person.pk] = person
    if missing:
        raise ProgramsError(
            _("Nobody in the directory has the email %(emails)s; nothing was sent.")
            % {"emails": ", ".join(missing)}
        )
    return list(found.values())


def invite(people, *, actor=None, dry_run: bool = False) -> InviteReport:
    """Invite those of ``people`` who have no account and no valid invitation."""
    people = sorted({p.pk: p for p in people}.values(), key=lambda p: (p.full_name, p.pk))
    report = InviteReport(dry_run=dry_run)
    pending = _pending_ids(people)
    for person in people:
        if not person.is_active:
            report.inactive.append(person)
        elif person.user_id is not None:
            report.has_account.append(person)
        elif person.pk in pending:
            report.pending.append(person)
        else:
            report.invited.append(person)
    if not dry_run and report.invited:
        invite_people(report.invited, actor=actor)
    return report


def invite_program(program: Program, *, actor=None, dry_run: bool = False) -> InviteReport:
    return invite(enrolled(program).distinct(), actor=actor, dry_run=dry_run)
