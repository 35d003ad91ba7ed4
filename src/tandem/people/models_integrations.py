"""What a person set up to be reached where they work: how notices reach them (email, chat or
both, their Slack member id) and the private address of their own calendar, read for its busy
times only."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.accounts.fields import EncryptedTextField


class ContactPreference(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        CHAT = "chat", _("Chat (Slack)")
        BOTH = "both", _("Email and chat")

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="contact_preference"
    )
    channel = models.CharField(
        _("notices by"), max_length=8, choices=Channel.choices, default=Channel.EMAIL
    )
    slack_user = models.CharField(
        _("Slack member id"),
        max_length=32,
        blank=True,
        help_text=_("Leave empty to be found by your email address."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"notices of {self.person_id} by {self.channel}"


class BusyCalendar(models.Model):
    """A person's private ICS address (encrypted: it opens their whole calendar) and how its
    last reading went. Only busy intervals are kept from it (``BusyInterval``)."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="busy_calendar"
    )
    url = EncryptedTextField(_("private calendar address"))
    created_at = models.DateTimeField(auto_now_add=True)
    fetched_at = models.DateTimeField(_("last read"), null=True, blank=True)
    error = models.CharField(_("last error"), max_length=300, blank=True)
    failing_since = models.DateTimeField(null=True, blank=True)
    error_notified_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"busy calendar of {self.person_id}"


class BusyInterval(models.Model):
    calendar = models.ForeignKey(BusyCalendar, on_delete=models.CASCADE, related_name="busy")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["calendar_id", "starts_at"]
        indexes = [models.Index(fields=["calendar", "starts_at"], name="busy_calendar_start")]

    def __str__(self) -> str:
        return f"busy {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"
