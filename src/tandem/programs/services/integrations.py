"""A program's chat channel, calendar invitations and video room pattern: reading them with
their defaults, saving them (checked, audited, the webhook never shown back), and telling the
notice seam where the program's channel is and who gets its messages when it fails."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.operations.models import Delivery
from tandem.operations.notices import Recipient, registry, webhooks, webhooks_enabled
from tandem.people.services.contact import recipient_for_user
from tandem.programs.errors import ProgramsError
from tandem.programs.models import Program, ProgramIntegration

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
TEMPLATE_FIELDS = {"program", "pair"}
ChatKind = ProgramIntegration.ChatKind


@dataclass(frozen=True)
class Changes:
    """What a manager submits; ``chat_webhook`` None keeps the saved address, "" removes it."""

    chat_kind: str
    chat_webhook: str | None
    chat_language: str
    chat_alerts: bool
    chat_digest: bool
    calendar_invitations: bool
    video_template: str


def integration_of(program: Program) -> ProgramIntegration:
    try:
        return program.integration
    except ProgramIntegration.DoesNotExist:
        return ProgramIntegration(program=program)


def check_webhook(kind: str, url: str) -> None:
    if not kind:
        return
    if not webhooks_enabled():
        raise ProgramsError(
            _("Chat channels are turned off on this server (TANDEM_CHAT_WEBHOOKS).")
        )
    if not url:
        raise ProgramsError(_("Give the channel's webhook address."))
    if len(url) > 1000 or not webhooks.allowed(url):
        raise ProgramsError(
            _(
                "This webhook address is not allowed: it must be an https address of Slack or "
                "Microsoft (the hosts in TANDEM_CHAT_WEBHOOK_HOSTS)."
            )
        )


def check_template(template: str) -> None:
    if not template:
        return
    names = set(PLACEHOLDER.findall(template))
    if names - TEMPLATE_FIELDS or "{" in PLACEHOLDER.sub("", template):
        raise ProgramsError(
            _("The video room pattern may only use {program} and {pair} in braces.")
        )
    parts = urlsplit(render_template(template, "program", 1))
    if parts.scheme != "https" or not parts.hostname:
        raise ProgramsError(_("The video room pattern must be an https address."))


def render_template(template: str, program_slug: str, pair_id: int) -> str:
    return template.replace("{program}", program_slug).replace("{pair}", str(pair_id))


def save_integration(program: Program, changes: Changes, actor) -> ProgramIntegration:
    """Check and save; the audit event says what changed, never the webhook address."""
    current = integration_of(program)
    url = current.chat_webhook if changes.chat_webhook is None else changes.chat_webhook.strip()
    kind = changes.chat_kind if url or changes.chat_kind else ""
    check_webhook(kind, url)
    check_template(changes.video_template.strip())
    with transaction.atomic():
        integration, _created = ProgramIntegration.objects.select_for_update().get_or_create(
            program=program
        )
        before = _summary(integration)
        integration.chat_kind = kind
        integration.chat_webhook = url if kind else ""
        integration.chat_language = changes.chat_language
        integration.chat_alerts = changes.chat_alerts
        integration.chat_digest = changes.chat_digest
        integration.calendar_invitations = changes.calendar_invitations
        integration.video_template = changes.video_template.strip()
        integration.save()
        after = _summary(integration)
        if before != after or changes.chat_webhook:
            record(actor, "programs.integrations_changed", program, before=before, after=after)
    return integration


SETTINGS = (
    "chat_kind",
    "chat_language",
    "chat_alerts",
    "chat_digest",
    "calendar_invitations",
    "video_template",
)


def settings_of(integration: ProgramIntegration) -> dict:
    """What a manager sets, but the webhook's address (a secret): the page's form, the API
    and the audit event read the same fields."""
    return {name: getattr(integration, name) for name in SETTINGS}


def _summary(integration: ProgramIntegration) -> dict:
    settings = settings_of(integration)
    host = webhook_host(integration)
    return {"chat_kind": settings.pop("chat_kind"), "chat_webhook_host": host, **settings}


def webhook_host(integration: ProgramIntegration) -> str:
    """The webhook's host alone, to show which service it is without the secret path."""
    try:
        return urlsplit(integration.chat_webhook).hostname or ""
    except ValueError:
        return ""


def failed_deliveries(program: Program, limit: int = 50):
    return Delivery.objects.filter(program_id=program.pk, status=Delivery.Status.FAILED)[:limit]


# What the notice seam asks (registered in ProgramsConfig.ready).


def webhook_of(program_id: int) -> registry.Webhook | None:
    integration = ProgramIntegration.objects.filter(program_id=program_id).first()
    if integration is None or not integration.has_channel:
        return None
    return integration.chat_kind, integration.chat_webhook


def fallback_of(program_id: int) -> list[Recipient]:
    """The program's managers, by email, when its channel cannot be reached."""
    program = Program.objects.filter(pk=program_id).first()
    if program is None:
        return []
    managers = program.managers.filter(is_active=True).select_related("person")
    return [recipient_for_user(user) for user in managers if user.email]
