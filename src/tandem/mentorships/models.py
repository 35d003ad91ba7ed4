"""Mentorships: a pair, a circle (one mentee, several mentors) or a group (one mentor, several
mentees), from proposal to closing review."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.people.models import Person
from tandem.programs.models import Program


class Mentorship(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted, charter to sign")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        ENDED = "ended", _("Ended early")
        DECLINED = "declined", _("Declined")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="mentorships")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    score = models.IntegerField(_("matching score"), null=True, blank=True)
    reasons = models.JSONField(_("why this pair"), default=list, blank=True)
    source_run_id = models.BigIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["program_id", "id"]
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self) -> str:
        names = ", ".join(p.person.full_name for p in self.participants.all())
        return f"{self.program} · {names}"


class Participant(models.Model):
    class Role(models.TextChoices):
        MENTOR = "mentor", _("Mentor")
        MENTEE = "mentee", _("Mentee")

    class Answer(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason (seen by the manager only)"), blank=True)
    charter_signed_at = models.DateTimeField(_("charter signed at"), null=True, blank=True)

    class Meta:
        ordering = ["mentorship_id", "role", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "person"], name="one_participation_per_mentorship"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"
