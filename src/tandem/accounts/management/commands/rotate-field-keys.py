"""``tandem rotate-field-keys``: re-encrypt every confidential text with the first key of
TANDEM_FIELD_KEYS, after a new key was put first; then the old key can be dropped."""

from django.core.management.base import BaseCommand

from tandem.accounts.fields import rotate_all


class Command(BaseCommand):
    help = "Re-encrypt every confidential text with the first key of TANDEM_FIELD_KEYS."

    def handle(self, *args, **options):
        count = rotate_all()
        self.stdout.write(f"{count} rows re-encrypted.")
