"""``tandem scim-directory create NAME [--organization ORG]``, ``token NAME [--days D]``
(the secret printed once), ``list``, ``revoke PREFIX``: the SCIM directories and their
bearer tokens, as on the page ``/people/directories/``."""

from django.core.management.base import BaseCommand, CommandError

from tandem.people import directories
from tandem.people.models import Organization


class Command(BaseCommand):
    help = "Create SCIM directories, issue, list and revoke their bearer tokens."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a directory")
        create.add_argument("name")
        create.add_argument(
            "--organization", help="default organisation's name (the host if not given)"
        )
        token = sub.add_parser("token", help="issue a token; the secret is printed once")
        token.add_argument("name")
        token.add_argument("--days", type=int, default=directories.DEFAULT_DAYS)
        sub.add_parser("list", help="list directories and their tokens")
        revoke = sub.add_parser("revoke", help="revoke a token by its prefix")
        revoke.add_argument("prefix")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except directories.DirectoryError as exc:
            raise CommandError(str(exc)) from None

    def _directory(self, name: str) -> directories.Directory:
        directory = directories.Directory.objects.filter(name__iexact=name.strip()).first()
        if directory is None:
            raise CommandError(f"No directory named {name}.")
        return directory

    def _create(self, options):
        name = options["organization"]
        orgs = Organization.objects.all()
        org = (
            orgs.filter(name__iexact=name).first()
            if name
            else orgs.filter(kind=Organization.Kind.HOST).first()
        )
        if org is None:
            raise CommandError(f"No organisation named {name}." if name else "No host yet.")
        directory = directories.create_directory(options["name"], org, actor=None)
        self.stdout.write(f"Directory {directory.name} created (default organisation {org}).")

    def _token(self, options):
        directory = self._directory(options["name"])
        token, secret = directories.create_token(directory, None, days=options["days"])
        self.stderr.write(
            f"Token {token.prefix} for {directory.name}, expires {token.expires:%Y-%m-%d}."
        )
        self.stderr.write(
            "Store it now in the directory's provisioning settings: it is not shown again."
        )
        self.stdout.write(secret)

    def _list(self, options):
        for directory in directories.Directory.objects.select_related("organization"):
            people = directory.accounts.filter(deleted_at__isnull=True).count()
            self.stdout.write(f"{directory.name}  {directory.organization}  {people} people")
            for token in directory.tokens.order_by("pk"):
                state = "revoked" if token.revoked else ("live" if token.is_live else "expired")
                self.stdout.write(f"  {token.prefix}  {state}  expires {token.expires:%Y-%m-%d}")

    def _revoke(self, options):
        token = directories.DirectoryToken.objects.filter(prefix=options["prefix"]).first()
        if token is None:
            raise CommandError(f"No token with the prefix {options['prefix']}.")
        directories.revoke_token(token, None)
        self.stdout.write(f"Token {token.prefix} revoked.")
