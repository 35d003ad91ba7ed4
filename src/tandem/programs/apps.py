from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "tandem.programs"
    label = "programs"

    def ready(self) -> None:
        from tandem.programs import receivers  # noqa: F401  (connects the signal receivers)
