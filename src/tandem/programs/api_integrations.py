"""A program's integrations over the API (its managers only): the chat channel, calendar
invitations and video room pattern, the same rules as its integrations page. The webhook
address is write-only: reads say whether one is set and on which host."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Router, Schema
from pydantic import ConfigDict

from tandem.accounts.apikit import answers
from tandem.accounts.schemas import InputSchema
from tandem.operations.notices import webhooks_enabled
from tandem.programs.permissions import get_managed_program_for
from tandem.programs.services import integrations

router = Router(tags=["programs"])
ChatKind = Literal["", "slack_webhook", "teams_webhook"]


class IntegrationsOut(Schema):
    chat_webhooks_enabled: bool
    chat_kind: str
    chat_webhook_set: bool
    chat_webhook_host: str
    chat_language: str
    chat_alerts: bool
    chat_digest: bool
    calendar_invitations: bool
    video_template: str


class IntegrationsIn(InputSchema):
    """Every field; ``chat_webhook`` omitted or null keeps the saved address."""

    model_config = ConfigDict(extra="forbid")
    chat_kind: ChatKind
    chat_webhook: str | None = None
    chat_language: Literal["en", "fr"]
    chat_alerts: bool
    chat_digest: bool
    calendar_invitations: bool
    video_template: str = ""


class DeliveryOut(Schema):
    kind: str
    channel: str
    recipient: str
    subject: str
    attempts: int
    last_error: str
    created_at: dt.datetime
    failed_at: dt.datetime | None
    fallback_at: dt.datetime | None


def _out(program) -> dict:
    integration = integrations.integration_of(program)
    return {
        "chat_webhooks_enabled": webhooks_enabled(),
        "chat_webhook_set": bool(integration.chat_webhook),
        "chat_webhook_host": integrations.webhook_host(integration),
        **integrations.settings_of(integration),
    }


@router.get("/programs/{program_id}/integrations", response=answers(200, IntegrationsOut))
def read_integrations(request, program_id: int):
    return _out(get_managed_program_for(request.user, program_id))


@router.put("/programs/{program_id}/integrations", response=answers(200, IntegrationsOut))
def write_integrations(request, program_id: int, payload: IntegrationsIn):
    program = get_managed_program_for(request.user, program_id)
    integrations.save_integration(
        program, integrations.Changes(**payload.dict()), actor=request.user
    )
    return _out(program)


@router.get("/programs/{program_id}/failed-deliveries", response=answers(200, list[DeliveryOut]))
def failed_deliveries(request, program_id: int):
    """The program's notices that could not be delivered (the latest 50)."""
    return list(integrations.failed_deliveries(get_managed_program_for(request.user, program_id)))
