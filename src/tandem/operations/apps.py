from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running Tandem: backups and restores of the database, following background tasks;
    independent of the domain apps."""

    name = "tandem.operations"
    verbose_name = "Operations"
