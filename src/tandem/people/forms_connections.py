"""Forms of the "Notices and calendar" page: how notices reach a person, and the private
address of their own calendar."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from tandem.accounts.forms import CleanTextMixin
from tandem.people.models import ContactPreference


class NoticeForm(CleanTextMixin, forms.Form):
    channel = forms.ChoiceField(
        label=_("Send me Tandem's notices by"),
        choices=ContactPreference.Channel.choices,
        widget=forms.RadioSelect,
    )
    slack_user = forms.CharField(
        label=_("Slack member id (optional)"),
        max_length=32,
        required=False,
        validators=[
            RegexValidator(
                r"^[UW][A-Z0-9]{2,30}$",
                _(
                    "A Slack member id looks like U01AB2CD3EF (Slack: your profile → ⋮ → Copy "
                    "member ID)."
                ),
            )
        ],
        help_text=_("Leave empty: Tandem finds you in Slack by your email address."),
    )


class BusyCalendarForm(CleanTextMixin, forms.Form):
    url = forms.CharField(
        label=_("Private address of your calendar (iCal format)"),
        max_length=2000,
        help_text=_(
            "Outlook: Settings → Calendar → Shared calendars → Publish a calendar → ICS link. "
            "Google Calendar: Settings → your calendar → Secret address in iCal format."
        ),
    )


class LinkedInForm(CleanTextMixin, forms.Form):
    export = forms.FileField(
        label=_("Your LinkedIn data export (ZIP)"),
        help_text=_(
            "LinkedIn: Me → Settings & Privacy → Data privacy → Get a copy of your data → "
            "tick Skills → Request archive. LinkedIn emails you a link to the ZIP."
        ),
    )
