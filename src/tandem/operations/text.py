"""What a text may contain, the same rule for every way text comes in (forms, API bodies, CSV
cells, query strings, commands): no control character (NUL first of all: PostgreSQL cannot
store it and SQLite would keep it silently), and no line break in a one-line field (a name, a
title, an email, a slug).

Tab, carriage return and line feed are allowed in multi-line texts (a log, a note); nothing
else below U+0020, nor DEL, the C1 controls or lone surrogates (which UTF-8 cannot encode).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

_ANY_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"


def codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def bad_character(value: str, *, one_line: bool = True) -> str | None:
    """The first character ``value`` may not hold, or ``None`` (no translation needed: usable
    before Django is set up)."""
    found = (_ONE_LINE if one_line else _ANY_TEXT).search(value)
    return found.group() if found else None


def text_problem(value: str, *, one_line: bool = True) -> str | None:
    """Why ``value`` cannot be accepted, in the reader's language; ``None`` when it can."""
    char = bad_character(value, one_line=one_line)
    if char is None:
        return None
    if one_line and char in _LINE_BREAKS:
        return _("must be on one line (it contains a line break)")
    if char == "\t":
        return _("must be on one line (it contains a tab)")
    return _("contains a control character (%(char)s), which is not allowed") % {
        "char": codepoint(char)
    }
