"""Widgets drawn by the Jinja2 renderer are the HTML the template language draws (white
space between tags aside), and templates only the template language has still render."""

import re

from django.forms.renderers import DjangoTemplates

from tandem.mentorships.forms import AgendaForm, GoalForm
from tandem.web.renderer import WidgetRenderer
from tests.factories import pair


def _lines(html) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


def test_the_widgets_are_the_same_html_as_the_template_language_draws(cast):
    mentorship = pair(cast.program, cast.mentor.person, cast.mentee.person)
    agenda = AgendaForm(mentorship=mentorship, renderer=WidgetRenderer())
    assert str(agenda["topics"]).count('type="checkbox"') == 2  # the program's two topics
    for form_class in (AgendaForm, GoalForm):
        fast = form_class(mentorship=mentorship, renderer=WidgetRenderer())
        plain = form_class(mentorship=mentorship, renderer=DjangoTemplates())
        for name in fast.fields:
            assert _lines(fast[name]) == _lines(plain[name]), name


def test_a_template_only_the_template_language_has_is_read_from_it():
    """The admin's change forms wrap related fields in it (tests/programs/test_create_program)."""
    template = WidgetRenderer().get_template("admin/widgets/related_widget_wrapper.html")
    assert "related-widget-wrapper" in template.render({"rendered_widget": "", "name": "x"})
