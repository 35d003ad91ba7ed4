from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate

_MADE: set[tuple[str, int]] = set()


def create_cache_table(sender, using="default", plan=None, **kwargs) -> None:
    """``migrate`` also makes the database cache's table (idempotent), so ``make run``, a fresh
    clone and every machine's first ``tandem migrate`` have it without a separate
    ``createcachetable``. The signal comes once per app with models; the table is made once
    per ``migrate``."""
    if (using, id(plan)) in _MADE:
        return
    _MADE.add((using, id(plan)))
    call_command("createcachetable", database=using, verbosity=0)


class OperationsConfig(AppConfig):
    """Running Tandem: backups and restores of the database, following background tasks, the
    shared cache; independent of the domain apps."""

    name = "tandem.operations"
    verbose_name = "Operations"

    def ready(self):
        # Not ``sender=self``: Django sends post_migrate only for apps with models.
        post_migrate.connect(create_cache_table, dispatch_uid="tandem.operations.cache_table")
