"""Outgoing notices that the task worker delivers: one row per chat message (Slack direct
message, a program channel's Slack or Teams webhook) or queued email, with its tries.

A row holds what Tandem wrote (a subject, a short body, a link), never a pair's text. The
body and the calendar part are cleared once the notice is delivered or has fallen back to
email; the subject stays so a manager can read what failed and when.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SLACK = "slack", _("Slack direct message")
        SLACK_WEBHOOK = "slack_webhook", _("Slack channel")
        TEAMS_WEBHOOK = "teams_webhook", _("Teams channel")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RETRYING = "retrying", _("Waiting to try again")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    program_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    person_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    recipient = models.CharField(_("recipient"), max_length=254, blank=True)
    slack_user = models.CharField(max_length=32, blank=True)
    language = models.CharField(max_length=8, default="en")
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    calendar = models.TextField(blank=True)
    calendar_method = models.CharField(max_length=16, blank=True)
    also_emailed = models.BooleanField(default=False)
    once_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    fallback_at = models.DateTimeField(_("fell back to email at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notice delivery")
        verbose_name_plural = _("notice deliveries")
        indexes = [models.Index(fields=["program_id", "status"], name="delivery_program_status")]

    def __str__(self) -> str:
        return f"{self.kind} by {self.channel} ({self.status})"
