"""A program's chat channel (Slack or Teams webhook, set on its integrations page) hears about
its health: new alerts as ``tandem remind`` opens them (``health-alerts``), and the weekly
digest. Counts and kinds only, never a name nor what a pair wrote: a channel has more readers
than an inbox."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem.insights.models import Alert
from tandem.operations import notices
from tandem.programs.models import ProgramIntegration

NEW = dt.timedelta(days=7)


def _integrations(flag: str):
    if not notices.webhooks_enabled():
        return ProgramIntegration.objects.none()
    return (
        ProgramIntegration.objects.exclude(chat_kind="")
        .exclude(chat_webhook="")
        .filter(**{flag: True})
        .select_related("program")
    )


def _kinds(alerts) -> str:
    counts = Counter(str(alert.get_kind_display()) for alert in alerts)
    return "\n".join(f"{n} × {kind}" for kind, n in sorted(counts.items()))


def _link() -> str:
    return settings.SITE_URL + reverse("insights:alerts")


def _post(
    integration: ProgramIntegration, kind: str, subject: str, body: str, once_key: str
) -> bool:
    """Post to the program's channel, in its language, with a link to the alerts page."""
    message = notices.ChannelPost(
        kind=kind,
        program_id=integration.program_id,
        subject=subject,
        body=body,
        link=_link(),
        language=integration.chat_language,
        once_key=once_key,
    )
    return bool(notices.post(message))


def post_new_alerts() -> int:
    """One post per program with alerts opened since its last post; returns how many."""
    posted = 0
    for integration in _integrations("chat_alerts"):
        program = integration.program
        new = list(
            Alert.objects.filter(
                program=program, closed_at__isnull=True, pk__gt=integration.alerts_posted_upto
            ).order_by("pk")
        )
        if not new:
            continue
        with translation.override(integration.chat_language):
            subject = _("Tandem · %(program)s: %(n)s new alerts") % {
                "program": program.name,
                "n": len(new),
            }
            body = _kinds(new)
        posted += _post(integration, "alerts", subject, body, f"alerts:{program.pk}:{new[-1].pk}")
        ProgramIntegration.objects.filter(pk=integration.pk).update(alerts_posted_upto=new[-1].pk)
    return posted


def post_digest(week: str, at: dt.datetime | None = None) -> int:
    """This ISO week's summary to each program channel, once."""
    at = at or timezone.now()
    posted = 0
    for integration in _integrations("chat_digest"):
        program = integration.program
        open_alerts = list(Alert.objects.filter(program=program, closed_at__isnull=True))
        cleared = Alert.objects.filter(program=program, closed_at__gte=at - NEW).count()
        new = sum(1 for alert in open_alerts if at - alert.opened_at <= NEW)
        with translation.override(integration.chat_language):
            subject = _("Tandem · %(program)s: %(n)s open alerts this week") % {
                "program": program.name,
                "n": len(open_alerts),
            }
            body = "\n".join(
                [
                    _("New in the last 7 days: %(n)s") % {"n": new},
                    _("Cleared in the last 7 days: %(n)s") % {"n": cleared},
                    _kinds(open_alerts),
                ]
            ).strip()
        posted += _post(integration, "alerts-digest", subject, body, f"digest:{program.pk}:{week}")
    return posted
