from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "tandem.insights"
    label = "insights"

    def ready(self) -> None:
        from tandem.insights import (  # noqa: F401
            alert_receivers,  # alerts close themselves when their cause is gone
            receivers,  # keeps the meetings-per-month summary exact
            reminders,  # registers "survey-due"
        )
