"""The form of a program's integrations page; the webhook address is never filled back."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tandem.accounts.forms import CleanTextMixin
from tandem.programs.models import ProgramIntegration


class IntegrationForm(CleanTextMixin, forms.Form):
    chat_kind = forms.ChoiceField(
        label=_("Program channel for managers and coaches"),
        choices=ProgramIntegration.ChatKind.choices,
        required=False,
    )
    chat_webhook = forms.CharField(
        label=_("Incoming webhook address"),
        max_length=1000,
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "Slack: an app's Incoming Webhooks → Add New Webhook. Teams: the channel's "
            "Workflows → “Post to a channel when a webhook request is received”. Leave empty "
            "to keep the saved address."
        ),
    )
    chat_language = forms.ChoiceField(label=_("Channel language"), choices=settings.LANGUAGES)
    chat_alerts = forms.BooleanField(label=_("Post new alerts to the channel"), required=False)
    chat_digest = forms.BooleanField(
        label=_("Post the weekly digest to the channel"), required=False
    )
    calendar_invitations = forms.BooleanField(
        label=_("Send meeting invitations by email (Outlook, Google Calendar)"), required=False
    )
    video_template = forms.CharField(
        label=_("Video room pattern"),
        max_length=300,
        required=False,
        help_text=ProgramIntegration._meta.get_field("video_template").help_text,
    )
