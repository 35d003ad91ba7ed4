from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "tandem.programs"
    label = "programs"

    def ready(self) -> None:
        # At ready(), not at the top: the services import models, which need the app registry.
        from tandem.operations.notices import registry
        from tandem.programs.services import integrations

        # Where a program's channel is, and who gets its messages when it fails.
        registry.register_program_channels(integrations.webhook_of, integrations.fallback_of)
        from tandem.programs import receivers  # noqa: F401  (connects the signal receivers)
