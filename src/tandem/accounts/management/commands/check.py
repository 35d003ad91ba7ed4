"""``tandem check``: Django's system checks, plus those that read the database (stored texts
that no field key decrypts, see ``accounts/keycheck.py``) unless ``--database`` says otherwise."""

from django.core.management.commands.check import Command as DjangoCheck


class Command(DjangoCheck):
    help = DjangoCheck.help + " Also reads the database (field keys) unless --database is given."

    def handle(self, *app_labels, **options):
        options["databases"] = options.get("databases") or ["default"]
        return super().handle(*app_labels, **options)
