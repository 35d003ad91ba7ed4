from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Personal data rights: export, erasure and retention across every app."""

    name = "tandem.privacy"
    verbose_name = "Privacy"
