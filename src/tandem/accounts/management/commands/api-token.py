"""``tandem api-token create EMAIL --name N [--days D]``: a personal API token, printed once.
``tandem api-token revoke PREFIX`` revokes one; ``tandem api-token list EMAIL`` lists them."""

from django.core.management.base import BaseCommand, CommandError

from tandem.accounts.models import User
from tandem.accounts.tokens import DEFAULT_DAYS, ApiToken, TokenError, create_token, revoke_token


class Command(BaseCommand):
    help = "Create, list or revoke personal API tokens."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token; the secret is printed once")
        create.add_argument("email")
        create.add_argument("--name", required=True)
        create.add_argument("--days", type=int, default=DEFAULT_DAYS)
        listing = sub.add_parser("list", help="list a user's tokens")
        listing.add_argument("email")
        revoke = sub.add_parser("revoke", help="revoke a token by its prefix")
        revoke.add_argument("prefix")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except TokenError as exc:
            raise CommandError(str(exc)) from None

    def _user(self, email: str) -> User:
        user = User.objects.filter(email=email.strip().lower()).first()
        if user is None:
            raise CommandError(f"No user with the email {email}.")
        return user

    def _create(self, options):
        user = self._user(options["email"])
        token, secret = create_token(user, options["name"], days=options["days"])
        self.stderr.write(
            f"Token {token.prefix} for {user.email}, expires {token.expires:%Y-%m-%d}."
        )
        self.stderr.write("Store it now: it is not shown again.")
        self.stdout.write(secret)

    def _list(self, options):
        for token in ApiToken.objects.filter(user=self._user(options["email"])).order_by("pk"):
            state = "revoked" if token.revoked else ("live" if token.is_live else "expired")
            self.stdout.write(
                f"{token.prefix}  {token.name}  {state}  expires {token.expires:%Y-%m-%d}"
            )

    def _revoke(self, options):
        token = ApiToken.objects.filter(prefix=options["prefix"]).first()
        if token is None:
            raise CommandError(f"No token with the prefix {options['prefix']}.")
        revoke_token(token, token.user)
        self.stdout.write(f"Token {token.prefix} revoked.")
