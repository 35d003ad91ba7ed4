"""A project program's shared project: one per pair or circle, with its deliverable, its
milestones and the day of its final presentation. The texts are the pair's (encrypted, read
by the pair alone); managers and coaches see its status, counts and dates."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.accounts.fields import EncryptedTextField


class Project(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        ON_TRACK = "on_track", _("On track")
        LATE = "late", _("Behind schedule")
        DELIVERED = "delivered", _("Delivered")

    mentorship = models.OneToOneField(
        "mentorships.Mentorship", on_delete=models.CASCADE, related_name="project"
    )
    deliverable = EncryptedTextField(_("deliverable"), blank=True)
    presentation_date = models.DateField(_("final presentation"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return f"project of mentorship {self.mentorship_id}"

    def status_on(self, today: dt.date, milestones=None) -> str:
        """Delivered; late (a milestone past due, or the presentation passed); not started
        (nothing done yet); else on track. ``milestones`` as read (else read here)."""
        if self.delivered_at is not None:
            return self.Status.DELIVERED
        milestones = list(self.milestones.all()) if milestones is None else milestones
        if self.presentation_date and self.presentation_date < today:
            return self.Status.LATE
        if any(m.done_at is None and m.due and m.due < today for m in milestones):
            return self.Status.LATE
        if not any(m.done_at for m in milestones):
            return self.Status.NOT_STARTED
        return self.Status.ON_TRACK


class ProjectMilestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = EncryptedTextField(_("milestone"))
    due = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["project_id", "position", "due", "id"]
        verbose_name = _("project milestone")
        verbose_name_plural = _("project milestones")

    def __str__(self) -> str:
        return f"milestone {self.pk} of project {self.project_id}"
