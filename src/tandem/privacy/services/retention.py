"""Retention: the confidential texts of mentorships closed more than
``TANDEM_RETENTION_MONTHS`` months ago are deleted (0 keeps them forever); the facts stay."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tandem.accounts.audit import record
from tandem.mentorships.models import Mentorship
from tandem.privacy.services import confidential

CLOSED = (Mentorship.Status.COMPLETED, Mentorship.Status.ENDED, Mentorship.Status.DECLINED)


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def expired(months: int | None = None):
    """Mentorships closed before the retention limit; none when retention is off."""
    months = settings.TANDEM_RETENTION_MONTHS if months is None else months
    if months <= 0:
        return Mentorship.objects.none()
    limit = months_before(timezone.now(), months)
    return Mentorship.objects.filter(status__in=CLOSED, ended_at__lt=limit)


def purge(*, dry_run: bool = False, months: int | None = None) -> dict[str, int]:
    """Delete the expired texts (or count them); returns the rows emptied by kind."""
    with transaction.atomic():
        ids = expired(months).values("pk")
        counts = {"mentorships": ids.count()}
        counts.update(confidential.purge_mentorships(ids))
        if dry_run:
            transaction.set_rollback(True)
        elif any(v for k, v in counts.items() if k != "mentorships"):
            record(None, "privacy.purge", None, **counts)
    return counts
