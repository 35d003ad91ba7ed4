from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "tandem.mentorships"
    label = "mentorships"

    def ready(self) -> None:
        from tandem.mentorships import receivers  # noqa: F401  (connects the signal receivers)
        from tandem.mentorships.services import training_due  # noqa: F401  (a remind kind)
