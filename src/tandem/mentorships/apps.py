from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "tandem.mentorships"
    label = "mentorships"

    def ready(self) -> None:
        from tandem.mentorships import (  # noqa: F401
            receivers,  # connects the signal receivers
            request_reminders,  # registers self-matching's kinds of `tandem remind`
        )
        from tandem.mentorships.services import training_due  # noqa: F401  (a remind kind)
