"""Recognition's contribution to the insights impact report: the published testimonials."""

from django.utils.translation import gettext as _

from tandem.insights.services.report import register_section
from tandem.recognition.services.testimonials import attribution, published


@register_section("testimonials")
def testimonials_section(program):
    found = published(program)
    if not found:
        return None
    return _("In their words"), [f"“{t.text}” — {attribution(t)}" for t in found]
