from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "tandem.mentorships"
    label = "mentorships"

    def ready(self) -> None:
        from tandem.mentorships import receivers  # noqa: F401  (connects the signal receivers)
