"""The one seam every outgoing notice goes through (reminders, proposals, invitations, the
alerts digest, calendar invitations, program channels).

Email goes out at once, as before, so ``tandem remind`` keeps claiming a reminder and sending
it in one transaction; a failure raises like Django's mail does. Everything else — a Slack
direct message, a program channel's webhook, an email marked ``later`` — becomes a
``Delivery`` row handed to the task worker once the transaction commits: a slow or failing
chat service never holds up a page or ``tandem remind``, and a rolled-back reminder takes its
chat message with it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import get_connection
from django.db import IntegrityError, transaction

from tandem.operations.models import Delivery
from tandem.operations.notices import email, registry
from tandem.operations.notices.base import ChannelPost, Notice, slack_enabled, webhooks_enabled

Channel = Delivery.Channel


def send(notice: Notice, *, connection=None, later: bool = False) -> bool:
    """Deliver ``notice`` by the channels its recipient chose: email unless they chose chat
    alone (or chat is not possible), Slack when they chose it. Returns whether anything was
    sent or queued."""
    recipient = notice.recipient
    chat = notice.chat and recipient.by_chat and slack_enabled()
    by_email = bool(recipient.email) and (recipient.by_email or not chat)
    if by_email and later:
        _queue(notice, Channel.EMAIL)
    elif by_email:
        email.build(
            notice.subject,
            notice.body,
            recipient.email,
            calendar=notice.calendar,
            method=notice.calendar_method,
            connection=connection,
        ).send()
    if chat:
        _queue(notice, Channel.SLACK, also_emailed=by_email)
    return by_email or chat


def send_all(notices: Iterable[Notice]) -> int:
    """Send several notices over one mail connection; returns how many went out."""
    sent = 0
    with get_connection() as connection:
        for notice in notices:
            sent += send(notice, connection=connection)
    return sent


def post(message: ChannelPost) -> Delivery | None:
    """Queue ``message`` for its program's channel; None when the program has no channel,
    webhooks are off, or a post with the same ``once_key`` exists."""
    if not webhooks_enabled():
        return None
    hook = registry.webhook_of(message.program_id)
    if hook is None:
        return None
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                kind=message.kind,
                channel=hook[0],
                program_id=message.program_id,
                language=message.language,
                subject=message.subject[:300],
                body=message.body,
                link=message.link[:500],
                once_key=message.once_key or None,
            )
    except IntegrityError:
        return None
    _enqueue_on_commit(delivery.pk)
    return delivery


def _queue(notice: Notice, channel: str, also_emailed: bool = False) -> Delivery:
    recipient = notice.recipient
    delivery = Delivery.objects.create(
        kind=notice.kind,
        channel=channel,
        program_id=notice.program_id,
        person_id=recipient.person_id,
        recipient=recipient.email,
        slack_user=recipient.slack_user,
        language=recipient.language,
        subject=notice.subject[:300],
        body=notice.body,
        link=notice.link[:500],
        calendar=notice.calendar.decode("utf-8"),
        calendar_method=notice.calendar_method,
        also_emailed=also_emailed,
    )
    _enqueue_on_commit(delivery.pk)
    return delivery


def _enqueue_on_commit(pk: int) -> None:
    # Cycle: the worker imports the notices package, whose __init__ imports this module.
    from tandem.operations.notices.worker import enqueue

    transaction.on_commit(lambda: enqueue(pk))
