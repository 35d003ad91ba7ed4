from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_cache_table(sender, using="default", verbosity=0, **kwargs) -> None:
    """``migrate`` also makes the database cache's table (idempotent), so ``make run``, a fresh
    clone and the test database have it without a separate ``createcachetable``."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class OperationsConfig(AppConfig):
    """Running Tandem: backups and restores of the database, following background tasks, the
    shared cache; independent of the domain apps."""

    name = "tandem.operations"
    verbose_name = "Operations"

    def ready(self):
        post_migrate.connect(create_cache_table, sender=self)
