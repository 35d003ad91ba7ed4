"""Choosing the languages one speaks: the names in the reader's language (CLDR names through
Babel), the most common first and the rest behind "All languages", as plain check boxes that
work without JavaScript; ``web/language-picker.js`` adds a search box that filters them."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from tandem.people.languages import ISO_639_1

# The languages most spoken at work in Tandem's organisations, shown first in this order.
COMMON = ("en", "fr", "es", "de", "it", "pt", "nl", "ar", "zh", "ru", "pl", "ro", "tr", "ja")


def _sort_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


@lru_cache(maxsize=8)
def language_names(reader: str) -> dict[str, str]:
    """ISO 639-1 code -> name in the reader's language (capitalised), every code named."""
    try:
        names = Locale.parse(reader.replace("-", "_")).languages
    except (UnknownLocaleError, ValueError):
        names = Locale("en").languages
    english = Locale("en").languages
    out = {}
    for code in ISO_639_1:
        name = names.get(code) or english.get(code) or code
        out[code] = name[:1].upper() + name[1:]
    return out


def ordered_codes(reader: str) -> tuple[list[str], list[str]]:
    """(the common codes in their order, every other code by name)."""
    names = language_names(reader)
    rest = sorted((c for c in ISO_639_1 if c not in COMMON), key=lambda c: _sort_key(names[c]))
    return list(COMMON), rest


class LanguagePicker(forms.CheckboxSelectMultiple):
    """Check boxes in two lists; rendered in Python (183 options through templates cost a
    noticeable fraction of a second). Chosen languages of the long list are shown first."""

    def render(self, name, value, attrs=None, renderer=None):
        reader = (get_language() or "en")[:2]
        names = language_names(reader)
        chosen = {str(v) for v in (value or [])}
        common, rest = ordered_codes(reader)
        first = common + [c for c in rest if c in chosen]
        others = [c for c in rest if c not in chosen]
        base = (attrs or {}).get("id") or f"id_{name}"

        def item(code):
            checked = mark_safe(" checked") if code in chosen else ""
            box = f"{base}-{code}"
            return (name, code, box, checked, box, names[code])

        def items(codes):
            return format_html_join(
                "",
                '<li><input type="checkbox" name="{}" value="{}" id="{}"{}>'
                '<label for="{}">{}</label></li>',
                (item(c) for c in codes),
            )

        return format_html(
            '<div class="language-picker" data-language-picker data-empty="{}" data-search="{}">'
            '<ul class="language-list" id="{}">{}</ul>'
            '<details><summary>{}</summary><ul class="language-list">{}</ul></details></div>',
            gettext("No language matches."),
            gettext("Search a language"),
            base,
            items(first),
            gettext("All languages (%(count)s)") % {"count": len(ISO_639_1)},
            items(others),
        )

    def id_for_label(self, id_, index=None):
        return id_


class LanguagesField(forms.MultipleChoiceField):
    widget = LanguagePicker

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [(c, c) for c in sorted(ISO_639_1)])
        super().__init__(**kwargs)
