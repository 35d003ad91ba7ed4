from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "tandem.insights"
    label = "insights"

    def ready(self) -> None:
        from tandem.insights import reminders  # noqa: F401  (registers "survey-due")
