"""Dates and times as people read them: in their language's one format (``tandem/formats``)
and, for a moment, in their time zone. Emails, calendar texts and PDFs use these, so a date
reads the same there as on the pages."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import formats, translation


class UnknownZone(ValueError):
    """A time-zone name the machine's zone database does not know."""


def read_zone(name: str | None) -> ZoneInfo:
    """The zone called ``name`` (empty: UTC); ``UnknownZone`` for a name that is none (the
    one place a stored zone name is parsed: callers say whose it was, or fall back)."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownZone(name) from None


def zone_of(name: str | None) -> ZoneInfo:
    """The zone called ``name``, UTC when empty or unknown (for showing a moment)."""
    try:
        return read_zone(name)
    except UnknownZone:
        return ZoneInfo("UTC")


def date_text(value: dt.date | dt.datetime | None, language: str | None = None) -> str:
    """ "24 Aug. 2026" / "24 août 2026"; a datetime gives its (already local) date."""
    if value is None:
        return ""
    with translation.override(language or translation.get_language()):
        return formats.date_format(value, "DATE_FORMAT")


def month_text(value: dt.date, language: str | None = None) -> str:
    """ "Aug. 2026" / "août 2026" (chart axes and monthly tables)."""
    with translation.override(language or translation.get_language()):
        return formats.date_format(value, "YEAR_MONTH_FORMAT")


def datetime_text(
    moment: dt.datetime | None,
    zone: str | None = None,
    language: str | None = None,
    *,
    with_zone: bool = True,
) -> str:
    """ "24 Aug. 2026, 14:30 (Europe/Paris)" in ``zone`` (a person's time zone)."""
    if moment is None:
        return ""
    tz = zone_of(zone)
    local = moment.astimezone(tz) if moment.tzinfo else moment
    with translation.override(language or translation.get_language()):
        text = formats.date_format(local, "DATETIME_FORMAT")
    return f"{text} ({tz.key})" if with_zone else text
