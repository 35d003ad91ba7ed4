"""Certificates of participation (verifiable by a public code) and testimonials (published
only once their author consents and a manager approves)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.mentorships.models import Participant
from tandem.people.models import Person
from tandem.programs.models import Program


class Certificate(models.Model):
    """What it certifies is copied at issue time, so the public page never reads further."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="certificate"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="certificates")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="certificates")
    full_name = models.CharField(_("name"), max_length=200)
    program_name = models.CharField(_("program"), max_length=200)
    role = models.CharField(_("role"), max_length=8, choices=Participant.Role.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"))
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "id"]

    def __str__(self) -> str:
        return f"certificate {self.pk} ({self.program_name})"


class Testimonial(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (not shared)")
        SUBMITTED = "submitted", _("Shared, waiting for approval")
        APPROVED = "approved", _("Approved and published")
        REJECTED = "rejected", _("Not published")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="testimonials")
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="testimonials")
    role = models.CharField(_("role"), max_length=8, choices=Participant.Role.choices)
    text = models.TextField(_("testimonial"), max_length=2000)
    consented_at = models.DateTimeField(_("publication consented at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["program_id", "-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["program", "author"], name="one_testimonial_each")
        ]

    def __str__(self) -> str:
        return f"testimonial {self.pk}"

    @property
    def published(self) -> bool:
        return self.status == self.Status.APPROVED and self.consented_at is not None
