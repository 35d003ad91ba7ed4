"""``tandem deliver-notices``: deliver the queued chat messages and emails whose time has come,
now. The task worker does it by itself; this is for a deployment without one, or to flush the
queue after an outage."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from tandem.operations.notices.worker import deliver_due


class Command(BaseCommand):
    help = _("Deliver the queued chat messages and emails whose time has come.")

    def handle(self, *args, **options):
        count = deliver_due()
        self.stdout.write(_("%(n)s queued notices tried.") % {"n": count})
