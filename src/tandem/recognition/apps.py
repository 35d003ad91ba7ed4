from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "tandem.recognition"
    label = "recognition"

    def ready(self) -> None:
        from tandem.recognition.services import sections  # noqa: F401  (report testimonials)
