from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "tandem.recognition"
    label = "recognition"
