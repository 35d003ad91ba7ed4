"""Surveys at three moments of a mentorship, their answers, and the health alerts of pairs.

Answers are personal: only the respondent reads them back; everything else goes through the
aggregates of ``services.metrics`` (hidden under five people).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tandem.mentorships.models import Mentorship, Participant
from tandem.people.models import Person, Topic
from tandem.programs.models import Program


class Moment(models.TextChoices):
    BASELINE = "baseline", _("Start of the mentorship")
    MIDPOINT = "midpoint", _("Midpoint")
    FINAL = "final", _("End of the mentorship")


class Kind(models.TextChoices):
    SCALE = "scale", _("Scale from 1 to 5")
    AGREE = "agree", _("Agreement (disagree … agree)")
    FREQUENCY = "frequency", _("Frequency (never … daily)")
    LEVEL = "level", _("Level from 1 to 4")
    NPS = "nps", _("Recommendation from 0 to 10")


# The values each kind accepts, with their labels (shown on the answer page).
CHOICES = {
    Kind.SCALE: [(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")],
    Kind.AGREE: [
        (1, _("Strongly disagree")),
        (2, _("Disagree")),
        (3, _("Neither agree nor disagree")),
        (4, _("Agree")),
        (5, _("Strongly agree")),
    ],
    Kind.FREQUENCY: [(0, _("Never")), (1, _("Monthly")), (2, _("Weekly")), (3, _("Daily"))],
    Kind.LEVEL: [
        (1, _("1 – beginner")),
        (2, _("2 – can use it")),
        (3, _("3 – at ease")),
        (4, _("4 – expert")),
    ],
    Kind.NPS: [(v, str(v)) for v in range(11)],
}


TOPIC_PLACEHOLDER = "%(topic)s"  # in the texts of per-topic questions


class Survey(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="surveys")
    moment = models.CharField(_("moment"), max_length=10, choices=Moment.choices)
    role = models.CharField(_("role"), max_length=8, choices=Participant.Role.choices)

    class Meta:
        ordering = ["program_id", "moment", "role"]
        constraints = [
            models.UniqueConstraint(fields=["program", "moment", "role"], name="one_survey_each")
        ]

    def __str__(self) -> str:
        return f"{self.program} · {self.get_moment_display()} · {self.get_role_display()}"


class Question(models.Model):
    """A built-in question (``key`` from the catalogue) or one a manager added. A question
    ``per_topic`` is asked once for each topic of the respondent's goals."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text_en = models.CharField(_("English text"), max_length=300)
    text_fr = models.CharField(_("French text"), max_length=300)
    builtin = models.BooleanField(default=False)
    per_topic = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["survey_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="one_question_key_per_survey")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The stored text in the page's language; a per-topic one holds ``%(topic)s``."""
        return self.text_fr if (get_language() or "en").startswith("fr") else self.text_en

    def label(self, topic: Topic | None = None) -> str:
        """The text to show: a per-topic question names the topic, or, outside a survey
        (the list of a program's questions), says which topics it is asked about."""
        name = topic.name if topic is not None else str(_("each topic of the person's goals"))
        return self.text.replace(TOPIC_PLACEHOLDER, name)

    @property
    def general_label(self) -> str:
        return self.label()

    def choices(self):
        return CHOICES[self.kind]


class SurveyDue(models.Model):
    """One survey one person owes for one mentorship; ``refresh_dues`` keeps these."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="dues")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="survey_dues")
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="survey_dues")
    due_on = models.DateField(_("due on"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "person", "mentorship"], name="one_due_per_survey_person_pair"
            )
        ]
        indexes = [models.Index(fields=["person", "answered_at"])]

    def __str__(self) -> str:
        return f"{self.survey} · {self.person_id} · {self.due_on}"


class Answer(models.Model):
    due = models.ForeignKey(SurveyDue, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    value = models.SmallIntegerField(_("value"))
    # The due's person, copied (a due never changes hands) so that "how many people answered"
    # counts a covering index instead of joining hundreds of thousands of dues.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["due", "question", "topic"], name="one_answer_per_question_topic"
            )
        ]
        # Covering: value counts and respondents per question without touching the rows.
        indexes = [
            models.Index(fields=["question", "person", "value"], name="answer_question_person"),
            # The value counts of the dashboard's scales (satisfaction, usefulness, NPS) read
            # this index in order instead of sorting every answer.
            models.Index(fields=["question", "value"], name="answer_question_value"),
        ]

    def __str__(self) -> str:
        return f"answer {self.pk}"

    def save(self, *args, **kwargs):
        if self.person_id is None and self.due_id is not None:
            self.person_id = self.due.person_id
        super().save(*args, **kwargs)


class Alert(models.Model):
    """A health flag of one mentorship, open while the condition holds."""

    class Kind(models.TextChoices):
        NO_RECENT_MEETING = "no-recent-meeting", _("No meeting held for 1.5 cadences")
        TWO_MISSED = "two-missed", _("Two meetings missed in a row")
        NO_GOAL = "no-goal", _("No goal after the first meeting")
        LOW_SATISFACTION = "low-satisfaction", _("A low satisfaction answer")
        PROPOSAL_UNANSWERED = "proposal-unanswered", _("A proposal unanswered for a week")
        INACTIVE = "inactive", _("Inactive: closing notice sent")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="alerts")
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # What the alert is about, structured (dates, counts, a survey moment): worded when shown,
    # in the reader's language (``services.alert_words``). Never a text a pair wrote.
    params = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-opened_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "kind"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_alert_per_kind",
            )
        ]
        indexes = [models.Index(fields=["program", "closed_at"])]

    def __str__(self) -> str:
        return f"{self.kind} · {self.mentorship_id}"


class MeetingMonth(models.Model):
    """How many meetings one mentorship has in one (UTC) month, by status, and how many logs
    (and logs in which the mentor learned something). A summary of ``mentorships.Meeting``
    kept by ``services.summary``, so the dashboard sums about a tenth of the rows (a program
    of 10,000 pairs and a million meetings) instead of grouping every meeting."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    held = models.PositiveIntegerField(default=0)
    missed = models.PositiveIntegerField(default=0)
    planned = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)
    logs = models.PositiveIntegerField(default=0)
    learned = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("meetings of a month")
        verbose_name_plural = _("meetings per month")
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "month"], name="one_summary_per_month")
        ]
        indexes = [
            models.Index(
                fields=[
                    "program",
                    "month",
                    *("held", "missed", "planned", "cancelled", "logs", "learned"),
                    "mentorship",
                ],
                name="meetingmonth_program_covering",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentorship_id} · {self.month:%Y-%m}"


class AnswerPair(models.Model):
    """One person's baseline and final answers to one paired question (perceptions, tools,
    level per topic) in one mentorship: the before/after pairs the effects are computed from,
    kept by ``services.summary`` like ``MeetingMonth``, so the dashboard sums these rows
    instead of pairing hundreds of thousands of answers. Personal, like the answers: only
    aggregates over at least 5 people leave it."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=40)
    role = models.CharField(max_length=8, choices=Participant.Role.choices)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    before = models.SmallIntegerField()
    after = models.SmallIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["program", "key", "role", "topic", "person", "before", "after"],
                name="answerpair_covering",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} · {self.person_id} · {self.mentorship_id}"


class StaleMentorship(models.Model):
    """A mark left in the same transaction as a change to a mentorship's meetings, logs or
    answers; its ``MeetingMonth`` and ``AnswerPair`` rows are recomputed after the commit, or
    by the next reader. Marks
    are never merged (each change adds one), so a reader deletes only the marks it saw."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentorship to summarise again")
        verbose_name_plural = _("mentorships to summarise again")

    def __str__(self) -> str:
        return f"stale {self.mentorship_id}"


class ImpactReport(models.Model):
    """An impact report built in the background (``tasks.build_report_task``), kept in the
    database so any web worker can serve it; removed after ``KEEP_DAYS``."""

    KEEP_DAYS = 7

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=8, default="en")
    pdf = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("impact report")
        verbose_name_plural = _("impact reports")
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.program} · {self.created_at:%Y-%m-%d %H:%M}"
