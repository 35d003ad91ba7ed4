"""Small display helpers shared by the web templates."""

from django import template
from django.utils.translation import get_language_info

register = template.Library()


@register.filter
def language_names(codes) -> str:
    """``["fr", "en"]`` → "French, English" in the page's language; unknown codes as they are."""
    names = []
    for code in codes or []:
        try:
            names.append(str(get_language_info(code)["name_translated"]))
        except KeyError:
            names.append(str(code))
    return ", ".join(names)
