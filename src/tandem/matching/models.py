"""Matching runs, their proposals and unmatched people, and the manager's pair decisions.

A run is a snapshot: the settings it used, what it proposed and why, who it left out and why.
Proposals become mentorships only when the run is published (see ``services/publish.py``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.people.models import Person
from tandem.programs.models import Program


class Role(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class MatchingRun(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        PUBLISHED = "published", _("Published")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="matching_runs")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    dry_run = models.BooleanField(_("dry run"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("run by"),
    )
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)
    snapshot = models.JSONField(_("settings used"), default=dict, blank=True)
    totals = models.JSONField(_("totals"), default=dict, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["program_id", "-id"]
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")

    def __str__(self) -> str:
        return f"{self.program} · run {self.pk}"


class Proposal(models.Model):
    """One mentorship-to-be: a pair, a circle (one mentee, several mentors) or a group."""

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="proposals")
    score = models.IntegerField(_("score"))
    reasons = models.JSONField(_("why"), default=list, blank=True)
    details = models.JSONField(_("structured reasons"), default=list, blank=True)
    locked = models.BooleanField(_("locked by a manager"), default=False)
    people = models.ManyToManyField(
        Person, through="ProposalMember", related_name="matching_proposals"
    )

    class Meta:
        ordering = ["run_id", "id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return f"{self.run} · proposal {self.pk}"


class ProposalMember(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)

    class Meta:
        ordering = ["proposal_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person"], name="one_member_per_proposal"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} ({self.role})"


class Unmatched(models.Model):
    """Someone a run left without a partner, with the real reason."""

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="unmatched")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)
    code = models.CharField(_("reason code"), max_length=40, blank=True)
    reasons = models.JSONField(_("why"), default=list, blank=True)
    details = models.JSONField(_("structured reasons"), default=list, blank=True)

    class Meta:
        ordering = ["run_id", "role", "id"]
        verbose_name = _("unmatched person")
        verbose_name_plural = _("unmatched people")

    def __str__(self) -> str:
        return f"{self.run} · {self.person_id} ({self.role})"


class PairDecision(models.Model):
    """A manager's word on one mentee-mentor pair, kept across re-runs of the program.

    A lock that breaks a hard rule exists only with the manager's written justification: the
    rules it breaks and the text are kept here (and in the audit trail), and every proposal
    and pair made of it carries the warning for the managers."""

    class Kind(models.TextChoices):
        LOCK = "lock", _("Locked")
        FORBID = "forbid", _("Forbidden")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="pair_decisions")
    mentee = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("decision"), max_length=8, choices=Kind.choices)
    override_rules = models.JSONField(
        _("hard rules overridden"),
        default=list,
        blank=True,
        help_text=_("The rules a lock breaks, each as {code, text}; empty for most locks."),
    )
    justification = models.TextField(_("justification of the override"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("decided at"), auto_now=True)

    class Meta:
        ordering = ["program_id", "id"]
        verbose_name = _("pair decision")
        verbose_name_plural = _("pair decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "mentee", "mentor"], name="one_decision_per_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} · {self.mentee_id}/{self.mentor_id} {self.kind}"
