"""The engine's reasons as they are stored: code and plain data that mean something without
the run that made them, so that they are worded when shown, in the reader's language.

The engine speaks in run-local terms (language bitmasks over the run's languages, partner
indices, UTC slots); stored, a reason names languages by code, counts partners, and carries
the mentee's time zone with the slots. Proposals are stored as
``{"links": [{"mentee": id, "mentor": id, "reasons": [...]}], "notes": [...]}``, unmatched
people as a list of reasons. ``words`` and ``unmatched`` word them.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from tandem.matching.build.problem import Built
from tandem.matching.engine import Reason

_LANGUAGE_KEYS = {
    "shared": "codes",
    "own_languages": "own",
    "partner_languages": "partners",
    "mentee_languages": "mentee",
    "mentor_languages": "mentor",
}


def language_codes(built: Built, mask: int) -> list[str]:
    """A run's language bitmask -> the language codes it holds (remembered per run)."""
    known = built.__dict__.setdefault("_language_codes", {})
    mask = int(mask)
    if mask not in known:
        known[mask] = [code for k, code in enumerate(built.languages) if (mask >> k) & 1]
    return known[mask]


def _plain(value):
    """JSON-ready: numpy scalars as Python numbers (tuples are written as lists)."""
    return value.item() if isinstance(value, np.generic) else value


def stored_reason(built: Built, reason: Reason, mentee: int | None = None) -> dict:
    """One engine reason as stored (JSON): see the module's docstring."""
    data = {}
    for key, value in reason.data.items():
        if key in _LANGUAGE_KEYS:
            data[_LANGUAGE_KEYS[key]] = language_codes(built, value)
        elif key == "partners" and isinstance(value, tuple | list):
            data[key] = len(value)
        else:
            data[key] = _plain(value)
    if reason.code == "language":
        everyone = (1 << len(built.languages)) - 1
        data["all"] = bool(built.languages) and int(reason.data["shared"]) & everyone == everyone
    if reason.code == "availability" and mentee is not None:
        data["zone"] = built.mentees.timezones[mentee]
    return {"code": reason.code, "data": data}


def stored_reasons(
    built: Built, reasons: Iterable[Reason], mentee: int | None = None, memo: dict | None = None
) -> list:
    """The reasons as stored; with ``memo`` (one per run), equal reasons are converted once
    and share one dict (10,000 pairs repeat a few hundred distinct reasons)."""
    if memo is None:
        return [stored_reason(built, r, mentee) for r in reasons]
    out = []
    for reason in reasons:
        zone = built.mentees.timezones[mentee] if reason.code == "availability" else None
        key = (reason.code, zone, *reason.data.items())
        found = memo.get(key)
        if found is None:
            found = memo[key] = stored_reason(built, reason, mentee)
        out.append(found)
    return out


def link(mentee_id: int, mentor_id: int, reasons: list[dict]) -> dict:
    return {"mentee": int(mentee_id), "mentor": int(mentor_id), "reasons": reasons}
