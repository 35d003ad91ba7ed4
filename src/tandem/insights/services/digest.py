"""``tandem alerts-digest``: once a week, each program manager and coach gets the open alerts
of the pairs they look after — names, what happened since when and a link to each pair's page,
in their language, never what a pair wrote.

Idempotent per ISO week and recipient: a ``SentReminder`` row (kind "alerts-digest", key
"2026-W07") is claimed in the same transaction as the send.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections import defaultdict

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem.insights import channel
from tandem.insights.models import Alert
from tandem.insights.services.alert_words import alert_text
from tandem.insights.services.alerts import refresh_running
from tandem.mentorships.models import Participant, SentReminder
from tandem.operations import notices
from tandem.operations.dates import date_text
from tandem.people.services.contact import recipient_for, recipient_for_user
from tandem.programs.models import Enrolment

KIND = "alerts-digest"
NEW = dt.timedelta(days=7)
logger = logging.getLogger(__name__)


def week_key(at: dt.datetime) -> str:
    year, week, _day = timezone.localtime(at).isocalendar()
    return f"{year}-W{week:02d}"


def _recipients(alert: Alert) -> list[notices.Recipient]:
    """The program's managers, its coaches and the pair's coaches, as each wants to be
    reached."""
    program = alert.program
    found = [recipient_for_user(u) for u in program.managers.select_related("person")]
    found += [recipient_for(p) for p in program.coaches.all()]
    coaches = Enrolment.objects.filter(
        program=program,
        person__participations__mentorship=alert.mentorship,
        coach__isnull=False,
    ).select_related("coach")
    found += [recipient_for(e.coach) for e in coaches]
    return [r for r in found if r.email]


def collect(at: dt.datetime) -> dict[notices.Recipient, list[Alert]]:
    """Open alerts per recipient."""
    alerts = Alert.objects.filter(closed_at__isnull=True).select_related("program", "mentorship")
    per: dict[notices.Recipient, list[Alert]] = defaultdict(list)
    for alert in alerts.order_by("program_id", "opened_at"):
        for recipient in set(_recipients(alert)):
            per[recipient].append(alert)
    return per


def _names(alerts: list[Alert]) -> dict[int, dict[int, str]]:
    """mentorship id → {person id: full name}, for every alert's pair, in one query."""
    rows = (
        Participant.objects.filter(mentorship_id__in={a.mentorship_id for a in alerts})
        .exclude(answer=Participant.Answer.DECLINED)
        .order_by("role", "pk")
        .values_list("mentorship_id", "person_id", "person__full_name")
    )
    names: dict[int, dict[int, str]] = defaultdict(dict)
    for mentorship_id, person_id, name in rows:
        names[mentorship_id][person_id] = name
    return names


def _pair_url(alert: Alert) -> str:
    return settings.SITE_URL + reverse(
        "cockpit:pair", args=[alert.program.slug, alert.mentorship_id]
    )


def body(alerts: list[Alert], at: dt.datetime) -> str:
    """The alerts by program: who, what since when, and the pair's page — in the active
    language, never a word a pair wrote."""
    lines, program = [_("Hello,"), "", _("The open alerts of the pairs you look after:")], None
    names = _names(alerts)
    today = timezone.localdate(at)
    for alert in alerts:
        if alert.program_id != program:
            program = alert.program_id
            lines += ["", f"{alert.program.name}"]
        new = f" [{_('new')}]" if at - alert.opened_at <= NEW else ""
        people = " & ".join(names.get(alert.mentorship_id, {}).values())
        text = alert_text(alert, names.get(alert.mentorship_id, {}), today)
        since = _("alert of %(date)s") % {"date": date_text(timezone.localtime(alert.opened_at))}
        lines.append(f"- {people}: {text} ({since}){new}")
        lines.append(f"  {_pair_url(alert)}")
    cleared = Alert.objects.filter(
        closed_at__gte=at - NEW, program_id__in={a.program_id for a in alerts}
    ).count()
    lines += ["", _("Cleared in the last 7 days: %(n)s") % {"n": cleared}, "", settings.SITE_URL]
    return "\n".join(lines) + "\n"


def send_digest(at: dt.datetime | None = None, refresh: bool = True) -> int:
    """Send this week's digest to whoever has not had it yet; returns how many were sent."""
    at = at or timezone.now()
    if refresh:
        refresh_running(at)
    key, sent = week_key(at), 0
    connection = get_connection()
    with connection:
        for recipient, alerts in collect(at).items():
            with translation.override(recipient.language):
                subject = _("Tandem: %(n)s open alerts this week") % {"n": len(alerts)}
                text = body(alerts, at)
            notice = notices.Notice(
                kind=KIND,
                recipient=recipient,
                subject=subject,
                body=text,
                link=settings.SITE_URL + reverse("insights:alerts"),
            )
            sent += _send_once(notice, key, connection)
    channel.post_digest(key, at)
    return sent


def _send_once(notice: notices.Notice, key: str, connection) -> int:
    email = notice.recipient.email
    try:
        with transaction.atomic():
            SentReminder.objects.create(kind=KIND, key=key, recipient=email)
            notices.send(notice, connection=connection)
    except IntegrityError:
        return 0
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("Alerts digest to %s not sent: %s", email, exc)
        return 0
    return 1
