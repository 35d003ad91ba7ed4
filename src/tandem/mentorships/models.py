"""Mentorships: a pair, a circle (one mentee, several mentors) or a group (one mentor, several
mentees), from proposal to closing review."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tandem.accounts.fields import EncryptedTextField
from tandem.matching.explain.words import in_sentence
from tandem.people.models import Person, Topic
from tandem.programs.models import Program

OPEN_STATUSES = ("proposed", "accepted", "active")


class EndCause(models.TextChoices):
    """Why an ended mentorship ended, when the system decided it (blank: someone asked)."""

    INACTIVE = "inactive", _("inactive")


class Mentorship(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted, charter to sign")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        ENDED = "ended", _("Ended early")
        DECLINED = "declined", pgettext_lazy("mentorship status", "Declined")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="mentorships")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    score = models.IntegerField(_("matching score"), null=True, blank=True)
    reasons = models.JSONField(_("why this pair (words of an older run)"), default=list, blank=True)
    details = models.JSONField(
        _("why this pair"),
        default=dict,
        blank=True,
        help_text=_("The matching's reasons, structured; worded for each reader."),
    )
    source_run_id = models.BigIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    end_reason = models.TextField(_("reason for ending (seen by the manager only)"), blank=True)
    end_cause = models.CharField(
        _("why it ended"),
        max_length=12,
        choices=EndCause.choices,
        blank=True,
        default="",
        db_default="",  # rows inserted around the ORM (benchmarks, loads) need no value
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["program_id", "id"]
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self) -> str:
        names = ", ".join(p.person.full_name for p in self.participants.all())
        return f"{self.program} · {names}"

    def get_status_label(self) -> str:
        """The status as shown to managers: "Ended early: inactive" when inactivity closed it."""
        if self.status == self.Status.ENDED and self.end_cause:
            return _("%(status)s: %(cause)s") % {
                "status": self.get_status_display(),
                "cause": self.get_end_cause_display(),
            }
        return str(self.get_status_display())


class Participant(models.Model):
    class Role(models.TextChoices):
        MENTOR = "mentor", _("Mentor")
        MENTEE = "mentee", _("Mentee")

    class Answer(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", pgettext_lazy("participant answer", "Accepted")
        DECLINED = "declined", pgettext_lazy("participant answer", "Declined")

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


def _topic_in_sentence(topic: Topic) -> str:
    """The topic's name as written inside a sentence (lower case in French)."""
    french = (get_language() or "en").startswith("fr")
    return in_sentence(topic.name) if french else topic.name


class GeneratedTitle(models.TextChoices):
    """The titles Tandem writes for the first goals (``goals.propose_initial_goals``)."""

    PROGRESS = "progress", "Progress in <topic>"
    UNDERSTAND = "understand", "Understand <topic> from the inside"


class Goal(models.Model):
    """What one participant wants to learn: the mentee's needs, and the mentor's too."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        REACHED = "reached", _("Reached")
        DROPPED = "dropped", _("Dropped")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="goals")
    learner = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="goals")
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("goal"), max_length=200)
    title_code = models.CharField(
        _("generated title"),
        max_length=12,
        choices=GeneratedTitle.choices,
        blank=True,
        help_text=_("Set while the title is the one Tandem wrote: it is then worded per reader."),
    )
    start_level = models.PositiveSmallIntegerField(
        _("starting level"), default=0, validators=[MaxValueValidator(4)]
    )
    level = models.PositiveSmallIntegerField(
        _("current level"), default=0, validators=[MaxValueValidator(4)]
    )
    target_level = models.PositiveSmallIntegerField(
        _("target level"), default=2, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    criteria = models.TextField(_("progression criteria"), blank=True)
    notes = EncryptedTextField(_("notes (confidential)"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["mentorship_id", "learner_id", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.shown_title

    @property
    def shown_title(self) -> str:
        """The title in the reader's language when Tandem wrote it from a need or a topic,
        else as its author wrote it."""
        if self.title_code == GeneratedTitle.PROGRESS and self.topic_id:
            return gettext("Progress in %(topic)s") % {"topic": _topic_in_sentence(self.topic)}
        if self.title_code == GeneratedTitle.UNDERSTAND:
            name = _topic_in_sentence(self.topic) if self.topic_id else None
            return gettext("Understand %(topic)s from the inside") % {
                "topic": name or gettext("the business context")
            }
        return self.title


class Milestone(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due = models.DateField(_("due"), null=True, blank=True)
    reached_at = models.DateTimeField(_("reached at"), null=True, blank=True)

    class Meta:
        ordering = ["goal_id", "due", "id"]

    def __str__(self) -> str:
        return self.title


class FallbackReason(models.TextChoices):
    """Why the schedule put a meeting at the default time (10:00 on a weekday)."""

    NONE_GIVEN = "none_given", _("nobody gave their availability")
    NO_COMMON = "no_common", _("their weekly availabilities have no common slot long enough")
    OVERRIDE = "override", _("no common free time: a program manager paired them against that rule")
    NONE_NEAR = "none_near", _("no common free time around that date")


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        MISSED = "missed", _("Missed")
        CANCELLED = "cancelled", _("Cancelled")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=60)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)
    fallback_time = models.BooleanField(_("no common availability: default time"), default=False)
    fallback_reason = models.CharField(
        _("why a default time"), max_length=16, choices=FallbackReason.choices, blank=True
    )
    agenda_topics = models.ManyToManyField(Topic, blank=True, related_name="+")
    agenda_goals = models.ManyToManyField(Goal, blank=True, related_name="agenda_meetings")
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moved_at = models.DateTimeField(null=True, blank=True)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["mentorship_id", "starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        # Dashboards count a program's meetings by status and month (insights).
        indexes = [
            models.Index(
                fields=["mentorship", "status", "starts_at"], name="meeting_pair_status_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentorship_id} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.minutes)

    @property
    def fallback_words(self) -> str:
        """Why a default time, as the pair reads it: a manager's override stays with the
        managers, the pair reads that they have no common free time."""
        if self.fallback_reason == FallbackReason.OVERRIDE:
            return str(FallbackReason.NO_COMMON.label)
        return self.get_fallback_reason_display()


class Preparation(models.Model):
    """What one participant brings to a meeting; read by the pair alone."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="preparations")
    author = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="preparations")
    state_of_mind = EncryptedTextField(_("state of mind"), blank=True)
    topics_to_raise = EncryptedTextField(_("topics to raise"), blank=True)
    targeted_learning = EncryptedTextField(_("targeted learning"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="one_preparation_each")
        ]

    def __str__(self) -> str:
        return f"preparation {self.pk} (meeting {self.meeting_id})"


class MeetingLog(models.Model):
    """What a meeting brought, both ways; read by the pair alone."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="log")
    author = models.ForeignKey(
        Participant, null=True, on_delete=models.SET_NULL, related_name="logs"
    )
    acquired = EncryptedTextField(_("what was acquired"), blank=True)
    to_improve = EncryptedTextField(_("what to improve"), blank=True)
    exercises = EncryptedTextField(_("exercises and real cases worked on"), blank=True)
    next_topics = EncryptedTextField(_("topics for next time"), blank=True)
    mentor_learned = EncryptedTextField(_("what the mentor learned"), blank=True)
    mentee_learned = EncryptedTextField(_("what the mentee learned"), blank=True)
    next_topic_refs = models.ManyToManyField(Topic, blank=True, related_name="+")
    # Set on save, so insights can count reciprocity without decrypting any text.
    mentor_learned_something = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"log of meeting {self.meeting_id}"

    def save(self, *args, **kwargs):
        self.mentor_learned_something = bool((self.mentor_learned or "").strip())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "mentor_learned" in update_fields:
            kwargs["update_fields"] = {*update_fields, "mentor_learned_something"}
        super().save(*args, **kwargs)


class GoalProgress(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress")
    log = models.ForeignKey(MeetingLog, on_delete=models.CASCADE, related_name="progress")
    level = models.PositiveSmallIntegerField(
        _("level"), null=True, blank=True, validators=[MaxValueValidator(4)]
    )
    status = models.CharField(_("status"), max_length=12, choices=Goal.Status.choices)
    comment = EncryptedTextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["goal", "log"], name="one_progress_per_goal_and_log")
        ]

    def __str__(self) -> str:
        return f"progress {self.pk} (goal {self.goal_id})"


class ClosingReview(models.Model):
    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="closing_review"
    )
    goals_reached = models.JSONField(_("goals reached"), default=dict, blank=True)
    autonomy = models.PositiveSmallIntegerField(
        _("autonomy (1-5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    next_steps = EncryptedTextField(_("next development steps"), blank=True)
    would_recommend = models.BooleanField(_("would recommend"))
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(autonomy__gte=1, autonomy__lte=5), name="review_autonomy_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"closing review {self.pk}"


class CalendarFeed(models.Model):
    """A person's private calendar link: only the SHA-256 of the token is kept."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.person_id}"


class SentReminder(models.Model):
    """One row per reminder sent; the unique key makes ``tandem remind`` idempotent."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=120)
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "recipient"], name="one_reminder_per_kind_key_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} -> {self.recipient}"


class MentorRequest(models.Model):
    """A mentee's request to a mentor in a program where mentees choose (``self`` or
    ``blended``). The message is for the mentor alone; managers see names, statuses, dates."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the mentor's answer")
        APPROVAL = "approval", _("Accepted by the mentor, waiting for a manager's approval")
        ACCEPTED = "accepted", pgettext_lazy("mentor request status", "Accepted: the pair is made")
        DECLINED = "declined", pgettext_lazy("mentor request status", "Declined")
        EXPIRED = "expired", _("Expired without an answer")
        WITHDRAWN = "withdrawn", pgettext_lazy("mentor request status", "Withdrawn")

    OPEN = (Status.PENDING, Status.APPROVAL)

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="mentor_requests")
    mentee = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="requests_sent")
    mentor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="requests_received")
    message = EncryptedTextField(_("message to the mentor"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    score = models.IntegerField(_("matching score"), null=True, blank=True)
    reasons = models.JSONField(_("why this mentor"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = EncryptedTextField(_("the mentor's answer"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    mentorship = models.ForeignKey(
        Mentorship, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["program_id", "-created_at", "-id"]
        verbose_name = _("mentor request")
        verbose_name_plural = _("mentor requests")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "mentee"],
                condition=models.Q(status__in=["pending", "approval"]),
                name="one_open_request_per_mentee",
            )
        ]
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["status", "expires_at"]),
        ]

    def __str__(self) -> str:
        return f"request {self.pk} ({self.get_status_display()})"


# A project program's projects live beside their logic; imported so Django registers them.
from tandem.mentorships.models_calendar import MeetingReply, VideoLink  # noqa: E402,F401
from tandem.mentorships.project_models import Project, ProjectMilestone  # noqa: E402, F401
