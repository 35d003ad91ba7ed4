"""``tandem invite PROGRAM [--dry-run]`` / ``tandem invite --email EMAIL ... [--dry-run]``:
invitations to Tandem for the people enrolled in a program who have no account, or for the
people named; each email in the person's language. Running it again sends nothing new."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program
from tandem.programs.services.invitations import by_email, invite, invite_program


class Command(BaseCommand):
    help = _(
        "Invite the people enrolled in a program who have no account yet (or the people "
        "named with --email); idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("program", nargs="?", help=_("the program's slug"))
        parser.add_argument(
            "--email",
            action="append",
            dest="emails",
            metavar="EMAIL",
            help=_("a person of the directory to invite (repeat for several)"),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("say who would be invited; send nothing")
        )

    def handle(self, *args, program=None, emails=None, dry_run=False, **options):
        if bool(program) == bool(emails):
            raise CommandError(_("Give a program's slug or --email addresses (not both)."))
        try:
            if emails:
                report = invite(by_email(emails), dry_run=dry_run)
            else:
                found = Program.objects.filter(slug=program).first()
                if found is None:
                    raise CommandError(_("No program with the slug “%s”.") % program)
                report = invite_program(found, dry_run=dry_run)
        except ProgramsError as exc:
            raise CommandError(str(exc)) from None
        self._say(report)

    def _say(self, report) -> None:
        verb = _("Would invite") if report.dry_run else _("Invited")
        for person in report.invited:
            self.stdout.write(
                f"{verb}: {person.full_name} <{person.email}> ({person.mail_language})"
            )
        groups = (
            (report.has_account, _("already has an account")),
            (report.pending, _("already invited, the link is still valid")),
            (report.inactive, _("no longer active in the directory")),
        )
        for people, why in groups:
            for person in people:
                self.stdout.write(
                    _("Skipped: %(name)s <%(email)s>, %(why)s")
                    % {"name": person.full_name, "email": person.email, "why": why}
                )
        n = len(report.invited)
        if report.dry_run:
            line = ngettext(
                "%(n)s invitation would be sent (dry run).",
                "%(n)s invitations would be sent (dry run).",
                n,
            )
        else:
            line = ngettext("%(n)s invitation sent.", "%(n)s invitations sent.", n)
        self.stdout.write(line % {"n": n})
