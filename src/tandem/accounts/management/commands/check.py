"""``tandem check``: Django's system checks, plus those that read the database (stored texts
that no field key decrypts, see ``accounts/keycheck.py``) unless ``--database`` says otherwise."""

from django.core.management.commands.check import Command as DjangoCheck

from tandem.accounts import keycheck


class Command(DjangoCheck):
    help = DjangoCheck.help + " Also reads the database (field keys) unless --database is given."

    def handle(self, *app_labels, **options):
        options["databases"] = options.get("databases") or ["default"]
        keycheck.REQUESTED["scan"] = True
        try:
            return super().handle(*app_labels, **options)
        finally:
            keycheck.REQUESTED["scan"] = False
