"""``tandem refresh-calendars``: read every private calendar address people gave again and
keep their busy times (hourly cron); a calendar that cannot be read is reported to its owner."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from tandem.people.services.freebusy import refresh_all


class Command(BaseCommand):
    help = _("Read people's calendar addresses again and keep their busy times.")

    def handle(self, *args, **options):
        read, failed = refresh_all()
        self.stdout.write(
            _("%(read)s calendars read, %(failed)s could not be read.")
            % {"read": read, "failed": failed}
        )
