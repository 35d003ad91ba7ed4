"""Programs (one run is a cohort), their charter, enrolments, mentor training and coaches."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tandem.people.models import Evidence, Person, Topic

DEFAULT_WEIGHTS = {
    "priority": [1, 2, 3],
    "level": [0, 1, 2, 3, 4],
    "evidence": [1, 2, 3, 4],
    "other_department": 30,
    "other_site": 15,
    "other_organization": 10,
    "other_gender": 10,
    "other_generation": 10,
    "preference": 60,
    "unmatched_before": 40,
}


MATCHING_TIME_LIMIT = 60  # seconds: a web-started run's budget unless the program says


def default_weights() -> dict:
    return {
        key: (list(value) if isinstance(value, list) else value)
        for key, value in DEFAULT_WEIGHTS.items()
    }


class Program(models.Model):
    class Format(models.TextChoices):
        ONE_TO_ONE = "one-to-one", _("One-to-one pairs")
        CIRCLE = "circle", _("Circle: one mentee, several mentors")
        GROUP = "group", _("Group: one mentor, several mentees")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RECRUITING = "recruiting", _("Recruiting")
        MATCHING = "matching", _("Matching")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    objective = models.TextField(_("objective"), blank=True)
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="programs", verbose_name=_("allowed topics")
    )
    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.ONE_TO_ONE
    )
    circle_size = models.PositiveSmallIntegerField(
        _("mentors per mentee (circle)"),
        default=3,
        validators=[MinValueValidator(2), MaxValueValidator(8)],
    )
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"))
    cadence_days = models.PositiveSmallIntegerField(
        _("days between meetings"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    confidentiality = models.TextField(
        _("confidentiality"),
        blank=True,
        default=_("What is said within a pair stays within the pair. HR sees only aggregates."),
    )
    authorised_subjects = models.TextField(_("authorised subjects"), blank=True)
    deliverables = models.TextField(_("expected deliverables"), blank=True)
    progression_criteria = models.TextField(_("progression criteria"), blank=True)
    require_training = models.BooleanField(
        _("mentors must complete training before matching"), default=True
    )
    required_modules = models.ManyToManyField(
        "TrainingModule",
        blank=True,
        related_name="programs",
        verbose_name=_("required training modules"),
    )
    min_evidence = models.PositiveSmallIntegerField(
        _("minimum evidence for mentors"), choices=Evidence.choices, default=Evidence.SELF
    )
    reporting_distance = models.SmallIntegerField(
        _("reporting-line distance excluded"),
        default=2,
        validators=[MinValueValidator(-1), MaxValueValidator(20)],
        help_text=_(
            "Neither may be the other's manager up to this many levels; "
            "0 turns the rule off, -1 excludes the whole chain."
        ),
    )
    weights = models.JSONField(_("matching weights"), default=default_weights, blank=True)
    matching_time_limit = models.PositiveIntegerField(
        _("matching time budget (seconds)"),
        null=True,
        blank=True,
        default=MATCHING_TIME_LIMIT,
        validators=[MinValueValidator(1), MaxValueValidator(3600)],
        help_text=_(
            "A matching run started from the site or the API stops after this many seconds "
            "with the best proposals found so far and says how far from the best they may be. "
            "Empty: no limit."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    sponsor = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sponsored_programs",
        verbose_name=_("sponsor"),
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_programs",
        verbose_name=_("program managers"),
    )
    coaches = models.ManyToManyField(
        Person, blank=True, related_name="coached_programs", verbose_name=_("coaches")
    )
    renews = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewals",
        verbose_name=_("renews"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-start", "name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="program_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def effective_weights(self) -> dict:
        weights = default_weights()
        weights.update(self.weights or {})
        return weights


class Enrolment(models.Model):
    class Role(models.TextChoices):
        MENTOR = "mentor", _("Mentor")
        MENTEE = "mentee", _("Mentee")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACCEPTED = "accepted", pgettext_lazy("enrolment status", "Accepted")
        DECLINED = "declined", pgettext_lazy("enrolment status", "Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="enrolments")
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.APPLIED, db_index=True
    )
    motivation = models.TextField(_("motivation"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("How many mentees a mentor takes on (1–3 for pairs)."),
    )
    availability = models.JSONField(
        _("weekly availability"),
        default=list,
        blank=True,
        help_text=_('Slots in the person\'s time zone, e.g. "mon 09:00-12:00".'),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    preferred = models.ManyToManyField(
        Person, blank=True, related_name="preferred_by", verbose_name=_("preferred people")
    )
    excluded = models.ManyToManyField(
        Person, blank=True, related_name="excluded_by", verbose_name=_("excluded people")
    )
    coach = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coached_enrolments",
        verbose_name=_("coach"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["program_id", "role", "person__full_name"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "person", "role"], name="one_enrolment_per_role"
            ),
        ]
        indexes = [models.Index(fields=["program", "role", "status"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.program} ({self.get_role_display()})"

    def spoken_languages(self) -> list[str]:
        return list(self.languages or self.person.languages or [])


class TrainingModule(models.Model):
    """A short course mentors follow before their first session (listening, silences…)."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name_en = models.CharField(_("English name"), max_length=120)
    name_fr = models.CharField(_("French name"), max_length=120)
    description_en = models.TextField(_("English description"), blank=True)
    description_fr = models.TextField(_("French description"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=45)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_fr if (get_language() or "en").startswith("fr") else self.name_en

    @property
    def description(self) -> str:
        return (
            self.description_fr
            if (get_language() or "en").startswith("fr")
            else self.description_en
        )


class TrainingCompletion(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="training_completions"
    )
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(_("completed at"))

    class Meta:
        ordering = ["person_id", "module__position"]
        verbose_name = _("training completion")
        verbose_name_plural = _("training completions")
        constraints = [
            models.UniqueConstraint(fields=["person", "module"], name="one_completion_per_module"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.module}"
