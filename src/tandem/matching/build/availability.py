"""Weekly availability: "mon 09:00-12:00" in a person's time zone -> UTC half-hour bitmask.

The slots are read by the programs app's grammar (``programs.services.availability``), the
one every path uses; this module only lays them on the UTC week and packs them.

The week has 336 half-hour slots, slot 0 = Monday 00:00 UTC; the mask is 6 uint64 words
(bit t%64 of word t//64), the layout the engine expects. A slot counts only when the stated
range covers it entirely, so a Paris 09:15-10:00 gives the one slot 08:30-09:00 UTC in winter.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
from django.utils.translation import gettext as _

from tandem.matching.engine import AVAIL_WORDS as WORDS
from tandem.matching.engine import SLOTS_PER_WEEK
from tandem.matching.errors import MatchingError
from tandem.operations.dates import UnknownZone, read_zone
from tandem.programs.services.availability import SlotError, week_spans


class AvailabilityError(ValueError):
    pass


@lru_cache(maxsize=512)
def utc_offset_minutes(tz_name: str, on: dt.date) -> int:
    """The zone's UTC offset at noon on ``on`` (the program start), in minutes."""
    try:
        zone = read_zone(tz_name)
    except UnknownZone as exc:
        raise AvailabilityError from exc
    offset = dt.datetime.combine(on, dt.time(12), tzinfo=zone).utcoffset()
    return int(offset.total_seconds() // 60)


def _slots_of(start: int, end: int) -> np.ndarray:
    """UTC minute range (may be negative or past the week) -> fully covered slot numbers."""
    first = -(-start // 30)
    last = end // 30
    return np.arange(first, last) % SLOTS_PER_WEEK


@lru_cache(maxsize=4096)
def slots(text: str, offset: int) -> np.ndarray:
    """One availability string, with the zone's offset in minutes -> UTC slot numbers."""
    try:
        spans = week_spans([text])
    except SlotError as exc:
        raise AvailabilityError(str(exc)) from None
    parts = [_slots_of(start - offset, end - offset) for start, end in spans]
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


def _pack(bits: np.ndarray) -> np.ndarray:
    packed = np.packbits(bits, axis=1, bitorder="little")
    return np.ascontiguousarray(packed).view("<u8").astype(np.uint64).reshape(len(bits), WORDS)


def masks_from_offsets(rows: list[tuple[list, int]]) -> tuple[np.ndarray, np.ndarray]:
    """[(availability strings, offset minutes)] -> ((k, 6) uint64 masks, (k,) bool given)."""
    given = np.zeros(len(rows), dtype=bool)
    distinct: dict[tuple[str, int], int] = {}
    owners, which = [], []
    for k, (texts, offset) in enumerate(rows):
        for text in texts:
            owners.append(k)
            which.append(distinct.setdefault((str(text), offset), len(distinct)))
        given[k] = bool(texts)
    bits = np.zeros((len(distinct), WORDS * 64), dtype=bool)
    for (text, offset), d in distinct.items():
        bits[d, slots(text, offset)] = True
    out = np.zeros((len(rows), WORDS), dtype=np.uint64)
    if owners:  # each person's mask is the OR of their distinct strings' masks
        np.bitwise_or.at(out, np.array(owners), _pack(bits)[np.array(which)])
    return out, given


def masks(rows: list[tuple[list, str, str]], on: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """[(availability list, time zone, who)] -> ((k, 6) uint64 masks, (k,) bool given).

    ``who`` names the person in the error message when a slot cannot be read.
    """
    prepared = []
    for texts, tz_name, who in rows:
        texts = [texts] if isinstance(texts, str) else list(texts or [])
        try:
            offset = utc_offset_minutes(tz_name, on) if texts else 0
            for text in texts:
                slots(str(text), offset)
        except AvailabilityError:
            raise MatchingError(
                _(
                    "The availability of %(who)s cannot be read: %(value)s "
                    '(expected slots like "mon 09:00-12:00" and a time zone like '
                    '"Europe/Paris"; time zone: %(tz)s).'
                )
                % {"who": who, "value": ", ".join(map(str, texts)), "tz": tz_name}
            ) from None
        prepared.append((texts, offset))
    return masks_from_offsets(prepared)
