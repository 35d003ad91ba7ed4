"""Form widgets drawn with Django's own Jinja2 widget templates.

A select or a list of checkboxes renders one small template per option; with the template
language the log form's widgets took a quarter of its page's time, with Jinja2's compiled
templates about a tenth (same HTML: Django ships both sets). Templates only the template
language has (the admin's widget wrappers, a form's own template) are read from it.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class WidgetRenderer(Jinja2):
    def __init__(self):
        super().__init__()
        self.fallback = DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.fallback.get_template(template_name)
