"""Delivering queued notices in the task worker (django-tasks, database backend): one try per
task; a transient failure enqueues the next try after a growing delay (at least the service's
``Retry-After``); after ``TANDEM_NOTICE_ATTEMPTS`` tries, or on a permanent failure, the
delivery is marked failed and the message goes by email instead — to the person for a direct
message, to the program's managers for a channel — and the failure is listed on the program's
integrations page."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.exceptions import InvalidTaskError

from tandem.operations.models import Delivery
from tandem.operations.notices import email, registry, slack, teams, webhooks
from tandem.operations.notices.errors import DeliveryFailed, Permanent, Transient

BACKOFF = [30, 120, 600, 3600, 6 * 3600]  # seconds before the 2nd, 3rd, … try
PENDING = (Delivery.Status.QUEUED, Delivery.Status.RETRYING)
Channel = Delivery.Channel
logger = logging.getLogger(__name__)


@task()
def deliver_task(delivery_id: int) -> str:
    return attempt(delivery_id)


def enqueue(pk: int, at: dt.datetime | None = None) -> None:
    """Hand one delivery to the worker, not before ``at``."""
    try:
        (deliver_task.using(run_after=at) if at else deliver_task).enqueue(delivery_id=pk)
    except InvalidTaskError:  # a backend that cannot defer: the next run of the sweep will
        logger.info("Delivery %s waits for `tandem deliver-notices`", pk)


def attempt(pk: int) -> str:
    """One try at delivery ``pk``; returns its status afterwards."""
    delivery = Delivery.objects.filter(pk=pk, status__in=PENDING).first()
    if delivery is None:
        return "done"
    delivery.attempts += 1
    try:
        _send(delivery)
    except Transient as error:
        if delivery.attempts < max(1, settings.TANDEM_NOTICE_ATTEMPTS):
            return _again(delivery, error)
        _fail(delivery, error)
    except Permanent as error:
        _fail(delivery, error)
    else:
        _done(delivery)
    return delivery.status


def deliver_due(now: dt.datetime | None = None) -> int:
    """Try every delivery whose time has come (a sweep for ``tandem deliver-notices``)."""
    now = now or timezone.now()
    due = (
        Delivery.objects.filter(status__in=PENDING).exclude(next_attempt_at__gt=now).order_by("pk")
    )
    return sum(1 for pk in due.values_list("pk", flat=True) if attempt(pk))


def _send(delivery: Delivery) -> None:
    if delivery.channel == Channel.EMAIL:
        _email(delivery, delivery.recipient)
    elif delivery.channel == Channel.SLACK:
        content = slack.message(delivery.subject, "", delivery.link, delivery.language)
        user = slack.send_direct(delivery.recipient, delivery.slack_user, content)
        delivery.slack_user = user
    else:
        hook = registry.webhook_of(delivery.program_id) if delivery.program_id else None
        if hook is None or not webhooks.allowed(hook[1]):
            raise Permanent("The program's chat channel is no longer set.")
        channel, url = hook
        sender = slack if channel == webhooks.SLACK else teams
        content = sender.message(delivery.subject, delivery.body, delivery.link, delivery.language)
        sender.send_webhook(url, content)


def _email(delivery: Delivery, to: str) -> None:
    body = delivery.body
    if delivery.link and delivery.link not in body:
        body = f"{body}\n\n{delivery.link}\n".lstrip()
    message = email.build(
        delivery.subject,
        body,
        to,
        calendar=delivery.calendar.encode("utf-8"),
        method=delivery.calendar_method,
    )
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        raise Permanent(f"SMTP: {error}") from None
    except (smtplib.SMTPException, OSError) as error:
        raise Transient(f"SMTP: {error}") from None


def _again(delivery: Delivery, error: Transient) -> str:
    delay = max(BACKOFF[min(delivery.attempts, len(BACKOFF)) - 1], error.retry_after)
    delivery.status = Delivery.Status.RETRYING
    delivery.next_attempt_at = timezone.now() + dt.timedelta(seconds=delay)
    delivery.last_error = str(error)
    delivery.save()
    transaction.on_commit(lambda: enqueue(delivery.pk, delivery.next_attempt_at))
    return delivery.status


def _done(delivery: Delivery) -> None:
    delivery.status, delivery.sent_at = Delivery.Status.SENT, timezone.now()
    delivery.next_attempt_at = None
    delivery.body = delivery.calendar = ""
    delivery.save()


def _fail(delivery: Delivery, error: DeliveryFailed) -> None:
    delivery.status, delivery.failed_at = Delivery.Status.FAILED, timezone.now()
    delivery.last_error, delivery.next_attempt_at = str(error), None
    logger.warning("Delivery %s (%s) failed: %s", delivery.pk, delivery.kind, error)
    try:
        if _fall_back(delivery):
            delivery.fallback_at = timezone.now()
    except DeliveryFailed as fallback_error:
        delivery.last_error = f"{error} / email: {fallback_error}"[:300]
    delivery.body = delivery.calendar = ""
    delivery.save()


def _fall_back(delivery: Delivery) -> bool:
    """The message by email instead; whether any went."""
    if delivery.channel == Channel.EMAIL:
        return False
    if delivery.channel == Channel.SLACK:
        if delivery.also_emailed or not delivery.recipient:
            return False
        _email(delivery, delivery.recipient)
        return True
    people = registry.fallback_of(delivery.program_id) if delivery.program_id else []
    for person in people:
        _email(delivery, person.email)
    return bool(people)
