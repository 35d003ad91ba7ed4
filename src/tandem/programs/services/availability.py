"""Weekly availability slots as HR files write them: ``mon 09:00-12:00|thu 14:00-17:00``.

Slots are in the person's own time zone; they are stored normalised (``"mon 09:00-12:00"``,
sorted by day and time) so that a re-import of the same file compares equal.
"""

import re

from django.utils.translation import gettext as _

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_ALIASES = {
    **{day: day for day in DAYS},
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
    # French exports
    "lun": "mon",
    "lundi": "mon",
    "mar": "tue",
    "mardi": "tue",
    "mer": "wed",
    "mercredi": "wed",
    "jeu": "thu",
    "jeudi": "thu",
    "ven": "fri",
    "vendredi": "fri",
    "sam": "sat",
    "samedi": "sat",
    "dim": "sun",
    "dimanche": "sun",
}
_TIME = r"\d{1,2}(?:[:h]\d{2}|h)?"
_SLOT = re.compile(rf"^(?P<day>[^\W\d_]+)\.?\s+(?P<start>{_TIME})\s*[-–]\s*(?P<end>{_TIME})$")


class SlotError(ValueError):
    """The message says what is wrong with the slot, for the user."""


def _minutes(text: str, slot: str) -> int:
    hours, _sep, minutes = text.rstrip("h").replace("h", ":").partition(":")
    hours, minutes = int(hours), int(minutes or 0)
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise SlotError(_("“%s”: hours run from 00:00 to 24:00") % slot)
    return hours * 60 + minutes


def parse_slot(slot: str) -> tuple[int, int, int]:
    """``"Lun 9h00-12:00"`` → ``(0, 540, 720)``: day index, start and end minutes."""
    match = _SLOT.match(slot.strip().lower())
    if not match:
        raise SlotError(_("“%s” is not a slot; write it like “mon 09:00-12:00”") % slot)
    day = DAY_ALIASES.get(match["day"])
    if day is None:
        raise SlotError(_("“%s”: unknown day; use mon, tue, wed, thu, fri, sat, sun") % slot)
    start, end = _minutes(match["start"], slot), _minutes(match["end"], slot)
    if end <= start:
        raise SlotError(_("“%s”: the end must be after the start") % slot)
    return DAYS.index(day), start, end


def format_slot(day: int, start: int, end: int) -> str:
    return f"{DAYS[day]} {start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


def normalise_slots(slots: list[str]) -> list[str]:
    """Parse, sort and de-duplicate slots; raise ``SlotError`` on the first bad one."""
    parsed = sorted({parse_slot(slot) for slot in slots})
    return [format_slot(*slot) for slot in parsed]
