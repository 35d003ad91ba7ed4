"""Weekly availability, Tandem's one grammar for it: ``mon 09:00-12:00|thu 14:00-17:00``.

Every path reads availability through this module (the enrolment import, the API's rows,
the participant's form, the matching problem, the meeting schedule), so a slot accepted in
one place is accepted everywhere, with the same meaning, and refused everywhere with the same
words. Matching only packs the parsed slots into its bitmasks.

A slot is a day or a range of days, then a start and an end time, in the person's own time
zone: ``mon 09:00-12:00``, ``mon-fri 09:00-12:00`` (one slot per day), ``fri 22:00-01:00``
(runs past midnight into Saturday, for at most 12 hours), ``lun 9h-12h`` (French exports).
Slots are stored in their canonical text, one day each, sorted: ``mon 09:00-12:00``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

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
DAY_MINUTES = 24 * 60
PAST_MIDNIGHT_MAX = 12 * 60  # a slot running past midnight lasts at most this long
_DAY = r"[^\W\d_]+"
_TIME = r"\d{1,2}(?:[:h.]\d{2}|h)?"
_SLOT = re.compile(
    rf"^(?P<first>{_DAY})\.?(?:\s*[-–]\s*(?P<last>{_DAY})\.?)?"
    rf"\s+(?P<start>{_TIME})\s*[-–]\s*(?P<end>{_TIME})$"
)


class SlotError(ValueError):
    """The message says what is wrong with the slot, for the user."""


@dataclass(frozen=True, order=True)
class Slot:
    """One day's slot: ``start`` and ``end`` in minutes from that day's midnight; ``end`` is
    past 1440 when the slot runs past midnight (``fri 22:00-01:00``: 1320, 1500)."""

    day: int
    start: int
    end: int

    @property
    def text(self) -> str:
        """The canonical text: ``fri 22:00-01:00``; an end at midnight is ``24:00``."""
        end = self.end if self.end <= DAY_MINUTES else self.end - DAY_MINUTES
        return f"{DAYS[self.day]} {_clock(self.start)}-{_clock(end)}"

    @property
    def week_span(self) -> tuple[int, int]:
        """(start, end) in minutes from Monday 00:00; the end may pass the end of the week."""
        base = self.day * DAY_MINUTES
        return base + self.start, base + self.end


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(text: str, slot: str) -> int:
    hours, _sep, minutes = text.rstrip("h").replace("h", ":").replace(".", ":").partition(":")
    hours, minutes = int(hours), int(minutes or 0)
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise SlotError(_("“%s”: hours run from 00:00 to 24:00") % slot)
    return hours * 60 + minutes


def _day(name: str, slot: str) -> int:
    day = DAY_ALIASES.get(name)
    if day is None:
        raise SlotError(_("“%s”: unknown day; use mon, tue, wed, thu, fri, sat, sun") % slot)
    return DAYS.index(day)


def _days(first: int, last: int) -> list[int]:
    """``mon-fri`` → 0..4; ``fri-mon`` wraps over the weekend → 4, 5, 6, 0."""
    if first <= last:
        return list(range(first, last + 1))
    return [*range(first, 7), *range(0, last + 1)]


def parse_slot(text) -> list[Slot]:
    """``"Lun-ven 9h-12h"`` → five ``Slot(day, 540, 720)``; ``SlotError`` says what is wrong."""
    slot = str(text).strip()
    match = _SLOT.match(slot.lower())
    if not match:
        raise SlotError(
            _(
                "“%s” is not a slot; write it like “mon 09:00-12:00”, “mon-fri 09:00-12:00” "
                "or “fri 22:00-01:00”"
            )
            % slot
        )
    first = _day(match["first"], slot)
    last = _day(match["last"], slot) if match["last"] else first
    start, end = _minutes(match["start"], slot), _minutes(match["end"], slot)
    if start == DAY_MINUTES:
        raise SlotError(_("“%s”: a slot starts before 24:00") % slot)
    if end == start:
        raise SlotError(_("“%s”: the end must differ from the start") % slot)
    if end == 0:
        end = DAY_MINUTES  # "22:00-00:00" ends at midnight
    elif end < start:
        end += DAY_MINUTES  # "fri 22:00-01:00" runs past midnight
        if end - start > PAST_MIDNIGHT_MAX:
            raise SlotError(
                _(
                    "“%s”: the end must be after the start (a slot may run past midnight, "
                    "like “fri 22:00-01:00”, for at most 12 hours)"
                )
                % slot
            )
    return [Slot(day, start, end) for day in _days(first, last)]


def parse_slots(texts: Iterable) -> list[Slot]:
    """Every slot of a list of texts, sorted by day and time, each once; the first bad text
    raises ``SlotError``."""
    return sorted({slot for text in texts for slot in parse_slot(text)})


def normalise_slots(texts: Iterable) -> list[str]:
    """The canonical texts to store: parsed, one day each, sorted, de-duplicated."""
    return [slot.text for slot in parse_slots(texts)]


def week_spans(texts: Iterable) -> list[tuple[int, int]]:
    """Local (start, end) minutes from Monday 00:00 of every slot of the texts."""
    return [slot.week_span for slot in parse_slots(texts)]
