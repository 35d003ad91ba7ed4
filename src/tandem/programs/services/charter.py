"""The charter's texts from a file (``tandem create-program --charter-file``), and a project
program's deliverables as a list.

The file is TOML (UTF-8), with any of four keys; a key left out keeps the program's default::

    confidentiality = \"\"\"
    What is said within a pair stays within the pair. HR sees only aggregates.
    \"\"\"
    authorised_subjects = "Digital tools, generative AI, ways of working; no individual's pay."
    deliverables = ["A prompt library for the committee", "A 10-minute final presentation"]
    progression_criteria = "Each mentee uses two new tools on their own by the third meeting."

``deliverables`` is a list of strings or one string with one deliverable per line; in a
project program each deliverable becomes a milestone of every project when its pair starts.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.utils.translation import gettext as _

from tandem.programs.errors import ProgramsError

KEYS = ("confidentiality", "authorised_subjects", "deliverables", "progression_criteria")
MAX_BYTES = 64 * 1024
MAX_TEXT = 5000
MAX_DELIVERABLES = 30


def _check_text(key: str, value: str, where: str) -> str:
    if len(value) > MAX_TEXT:
        raise ProgramsError(
            _("%(where)s: “%(key)s” is too long (at most %(n)s characters).")
            % {"where": where, "key": key, "n": MAX_TEXT}
        )
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in value.replace("\r\n", "\n")):
        raise ProgramsError(
            _("%(where)s: “%(key)s” contains control characters.") % {"where": where, "key": key}
        )
    return value.replace("\r\n", "\n").strip()


def _deliverables(value, where: str) -> str:
    if isinstance(value, str):
        items = value.splitlines()
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        items = value
    else:
        raise ProgramsError(
            _("%(where)s: “deliverables” must be a list of texts or one text.") % {"where": where}
        )
    items = [_check_text("deliverables", item, where) for item in items]
    items = [" ".join(item.split()) for item in items if item.strip()]
    if len(items) > MAX_DELIVERABLES:
        raise ProgramsError(
            _("%(where)s: at most %(n)s deliverables.") % {"where": where, "n": MAX_DELIVERABLES}
        )
    if any(len(item) > 200 for item in items):
        raise ProgramsError(
            _("%(where)s: a deliverable is at most 200 characters.") % {"where": where}
        )
    return "\n".join(items)


def parse_charter(data: dict, where: str) -> dict[str, str]:
    """The charter's texts from parsed TOML; anything else is refused, naming it."""
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ProgramsError(
            _("%(where)s: unknown key “%(key)s”; the keys are %(keys)s.")
            % {"where": where, "key": unknown[0], "keys": ", ".join(KEYS)}
        )
    out = {}
    for key, value in data.items():
        if key == "deliverables":
            out[key] = _deliverables(value, where)
        elif isinstance(value, str):
            out[key] = _check_text(key, value, where)
        else:
            raise ProgramsError(
                _("%(where)s: “%(key)s” must be a text (in quotes).") % {"where": where, "key": key}
            )
    return out


def read_charter_file(path: str) -> dict[str, str]:
    """Read and check a charter file; a clear message for a missing, large or broken file."""
    where = _("charter file %(path)s") % {"path": path}
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ProgramsError(
            _("cannot open %(path)s: %(reason)s") % {"path": path, "reason": exc.strerror}
        ) from None
    if len(raw) > MAX_BYTES:
        raise ProgramsError(_("%(where)s is larger than 64 KiB.") % {"where": where})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProgramsError(_("%(where)s is not UTF-8 text.") % {"where": where}) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProgramsError(
            _("%(where)s is not valid TOML: %(error)s") % {"where": where, "error": exc}
        ) from None
    return parse_charter(data, where)


def deliverable_list(text: str) -> list[str]:
    """A program's deliverables, one per line (list bullets dropped)."""
    items = []
    for line in (text or "").splitlines():
        item = line.strip().lstrip("-•*").strip()
        if item:
            items.append(item[:200])
    return items
