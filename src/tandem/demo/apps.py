from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo organisation and its ``tandem demo`` command: the top floor, above the pages."""

    name = "tandem.demo"
    label = "demo"
