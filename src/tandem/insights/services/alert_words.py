"""Alerts in words, in the reader's language, from their stored kind and parameters: what
happened and since when — statuses, dates and counts, never what a pair wrote. An alert stored
before it had parameters reads as its kind's label."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.insights.models import Alert, Moment
from tandem.operations.dates import date_text

Kind = Alert.Kind


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _days_since(day: dt.date, today: dt.date) -> int:
    return max((today - day).days, 0)


def _no_recent_meeting(p: dict, today, names) -> str | None:
    since = _date(p.get("since"))
    if since is None:
        return None
    days = _days_since(since, today)
    return ngettext(
        "No meeting held for %(days)s day (since %(date)s); the program meets every %(cadence)s "
        "days.",
        "No meeting held for %(days)s days (since %(date)s); the program meets every "
        "%(cadence)s days.",
        days,
    ) % {"days": days, "date": date_text(since), "cadence": p.get("cadence", "?")}


def _two_missed(p: dict, today, names) -> str | None:
    last = _date(p.get("last"))
    if last is None:
        return None
    return _("%(n)s meetings missed in a row, the last on %(date)s.") % {
        "n": p.get("missed", 2),
        "date": date_text(last),
    }


def _no_goal(p: dict, today, names) -> str | None:
    first = _date(p.get("first_meeting"))
    if first is None:
        return None
    return _("No goal set, though the pair has met (last on %(date)s).") % {
        "date": date_text(first)
    }


def _low_satisfaction(p: dict, today, names) -> str | None:
    moment = p.get("moment")
    if moment not in Moment.values:
        return None
    return _("A low satisfaction answer in the survey “%(moment)s”.") % {
        "moment": Moment(moment).label
    }


def _unanswered(p: dict, today, names) -> str | None:
    since = _date(p.get("since"))
    if since is None:
        return None
    waiting = [names[i] for i in p.get("waiting", []) if i in names]
    if waiting:
        return _("Proposed on %(date)s, still waiting for the answer of %(names)s.") % {
            "date": date_text(since),
            "names": ", ".join(waiting),
        }
    return _("Proposed on %(date)s, still waiting for an answer.") % {"date": date_text(since)}


def _inactive(p: dict, today, names) -> str | None:
    since, closes = _date(p.get("since")), _date(p.get("closes_on"))
    if since is None or closes is None:
        return None
    return _(
        "No meeting held since %(since)s: both were told the pair closes on %(closes)s unless "
        "they meet."
    ) % {"since": date_text(since), "closes": date_text(closes)}


WORDS = {
    Kind.NO_RECENT_MEETING: _no_recent_meeting,
    Kind.TWO_MISSED: _two_missed,
    Kind.NO_GOAL: _no_goal,
    Kind.LOW_SATISFACTION: _low_satisfaction,
    Kind.PROPOSAL_UNANSWERED: _unanswered,
    Kind.INACTIVE: _inactive,
}


def alert_text(alert: Alert, names: dict[int, str] | None = None, today=None) -> str:
    """The alert as a sentence; ``names`` maps person ids to names (who is awaited)."""
    today = today or timezone.localdate()
    say = WORDS.get(alert.kind)
    text = say(alert.params or {}, today, names or {}) if say else None
    return text or str(alert.get_kind_display())
