"""A program's integrations: its managers' and coaches' chat channel (a Slack or Teams
incoming webhook, encrypted: the address alone lets anyone post there), which notices go
there, calendar invitations by email, and a video room pattern for its pairs' meetings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.accounts.fields import EncryptedTextField


class ProgramIntegration(models.Model):
    class ChatKind(models.TextChoices):
        NONE = "", _("No channel")
        SLACK = "slack_webhook", _("Slack incoming webhook")
        TEAMS = "teams_webhook", _("Microsoft Teams incoming webhook")

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="integration"
    )
    chat_kind = models.CharField(
        _("program channel"), max_length=16, choices=ChatKind.choices, blank=True
    )
    chat_webhook = EncryptedTextField(_("webhook address"), blank=True)
    chat_language = models.CharField(
        _("channel language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    chat_alerts = models.BooleanField(_("post new alerts to the channel"), default=True)
    chat_digest = models.BooleanField(_("post the weekly digest to the channel"), default=True)
    calendar_invitations = models.BooleanField(
        _("send meeting invitations by email"),
        default=False,
        help_text=_(
            "Each participant gets an invitation that Outlook and Google Calendar show with "
            "accept and decline; moves and cancellations update it."
        ),
    )
    video_template = models.CharField(
        _("video room pattern"),
        max_length=300,
        blank=True,
        help_text=_(
            "The address of a pair's video room when the pair set none, e.g. "
            "https://meet.example.com/tandem-{program}-{pair}. {program} is the program's "
            "short name, {pair} the pair's number."
        ),
    )
    alerts_posted_upto = models.BigIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"integrations of {self.program_id}"

    @property
    def has_channel(self) -> bool:
        return bool(self.chat_kind and self.chat_webhook)
