"""Programs (one run is a cohort), their charter, enrolments, mentor training and coaches."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tandem.people.models import Evidence, Person, Topic
from tandem.programs.weights import MatchingWeights

MATCHING_TIME_LIMIT = 60  # seconds: a web-started run's budget unless the program says


def default_weights() -> dict:
    """A new program's weights: the defaults of ``MatchingWeights``."""
    return MatchingWeights().stored()


class MatchingMode(models.TextChoices):
    """How a program's pairs are made. In ``self`` and ``blended`` programs mentees choose
    among the engine's suggestions and the mentor answers (in ``blended`` a manager approves
    too); the manager's matching run places whoever is left."""

    ENGINE = "engine", _("The matching engine proposes every pair")
    SELF = "self", _("Mentees choose their mentor; the engine places the others")
    BLENDED = (
        "blended",
        _("Mentees choose their mentor and a manager approves; the engine places the others"),
    )


class Program(models.Model):
    class Format(models.TextChoices):
        ONE_TO_ONE = "one-to-one", _("One-to-one pairs")
        CIRCLE = "circle", _("Circle: one mentee, several mentors")
        GROUP = "group", _("Group: one mentor, several mentees")
        PROJECT = "project", _("Project: a pair or circle works on a shared project")

    class TrainingCheck(models.TextChoices):
        QUIZ = "quiz", _("a short quiz at the end of each module")
        SIGNOFF = "signoff", _("a coach's sign-off of each module")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RECRUITING = "recruiting", _("Recruiting")
        MATCHING = "matching", _("Matching")
        SCHEDULED = "scheduled", _("Scheduled")
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
        _("mentors per mentee (circle, project)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
        help_text=_("A circle has 2 to 8 mentors; a project team 1 (a pair) to 8."),
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
    presentation_date = models.DateField(
        _("final presentations (project format)"),
        null=True,
        blank=True,
        help_text=_("The day projects are presented; each pair can move theirs. Empty: the end."),
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
    training_check = models.CharField(
        _("how a module is completed"),
        max_length=8,
        choices=TrainingCheck.choices,
        default=TrainingCheck.QUIZ,
    )
    required_modules = models.ManyToManyField(
        "TrainingModule",
        blank=True,
        related_name="programs",
        verbose_name=_("required training modules"),
    )
    min_evidence = models.PositiveSmallIntegerField(
        _("minimum evidence for mentors"), choices=Evidence.choices, default=Evidence.ENDORSED
    )
    evidence_months = models.PositiveSmallIntegerField(
        _("evidence counts for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_(
            "An endorsement, assessment, certification or HR attestation older than this no "
            "longer counts; empty: evidence never expires."
        ),
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
    matching_mode = models.CharField(
        _("how pairs are made"),
        max_length=8,
        choices=MatchingMode.choices,
        default=MatchingMode.ENGINE,
    )
    request_days = models.PositiveSmallIntegerField(
        _("days a mentor has to answer a mentee's request"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Unanswered after this many days, a request expires (1 to 60)."),
    )
    # Inactivity (``tandem remind``): a pair silent this many days gets a nudge; ``grace``
    # days later its coach and manager an alert and both members a closing notice; ``notice``
    # days after the notice it is closed as "ended: inactive". 0 days turns it off.
    inactivity_days = models.PositiveSmallIntegerField(
        _("days without a meeting before a nudge"),
        default=60,
        db_default=60,
        validators=[MaxValueValidator(730)],
        help_text=_("0 turns the inactivity nudges and closing off."),
    )
    inactivity_grace_days = models.PositiveSmallIntegerField(
        _("days after the nudge before the alert and the closing notice"),
        default=7,
        db_default=7,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    inactivity_notice_days = models.PositiveSmallIntegerField(
        _("days of notice before an inactive pair is closed"),
        default=14,
        db_default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
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

    @property
    def mentees_choose(self) -> bool:
        return self.matching_mode in (MatchingMode.SELF, MatchingMode.BLENDED)

    def clean(self):
        if self.format == self.Format.CIRCLE and (self.circle_size or 0) < 2:
            raise ValidationError({"circle_size": _("A circle has at least 2 mentors per mentee.")})

    @property
    def mentors_per_mentee(self) -> int:
        """How many mentors one mentee gets: a circle's size, a project team's size, else 1."""
        if self.format in (self.Format.CIRCLE, self.Format.PROJECT):
            return max(1, self.circle_size)
        return 1

    def effective_weights(self) -> dict:
        """The stored weights over the defaults, as stored (shown by the API even if invalid)."""
        return {**default_weights(), **(self.weights or {})}

    def matching_weights(self) -> MatchingWeights:
        """The weights checked and typed; pydantic's ``ValidationError`` if they are not valid."""
        return MatchingWeights.read(self.weights)


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


class TrainingModule(models.Model):
    """A short course mentors follow before their first session (listening, silences…)."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name_en = models.CharField(_("English name"), max_length=120)
    name_fr = models.CharField(_("French name"), max_length=120)
    description_en = models.TextField(_("English description"), blank=True)
    description_fr = models.TextField(_("French description"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=45)
    position = models.PositiveSmallIntegerField(default=0)
    pass_mark = models.PositiveSmallIntegerField(
        _("correct answers needed to pass the quiz"), default=3
    )

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


class TrainingQuestion(models.Model):
    """One question of a module's closing quiz, in English and French; ``choices`` is a list
    of ``{"en": …, "fr": …, "correct": bool}`` with at least one correct answer."""

    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text_en = models.TextField(_("English question"))
    text_fr = models.TextField(_("French question"))
    choices = models.JSONField(_("choices"), default=list)

    class Meta:
        ordering = ["module_id", "position", "id"]
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        constraints = [
            models.UniqueConstraint(fields=["module", "position"], name="one_question_per_place"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.text_fr if (get_language() or "en").startswith("fr") else self.text_en

    def choice_texts(self) -> list[str]:
        key = "fr" if (get_language() or "en").startswith("fr") else "en"
        return [str(choice.get(key) or choice.get("en") or "") for choice in self.choices]

    def correct(self) -> set[int]:
        return {k for k, choice in enumerate(self.choices) if choice.get("correct")}


class TrainingCompletion(models.Model):
    """A module completed by a mentor, and how: a quiz passed (its score), a coach's sign-off
    (who), or a completion recorded before modules had checks (counts for no program)."""

    class Method(models.TextChoices):
        QUIZ = "quiz", _("quiz passed")
        SIGNOFF = "signoff", _("signed off by a coach")
        LEGACY = "legacy", _("recorded before modules had checks")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="training_completions"
    )
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="completions")
    method = models.CharField(_("how"), max_length=8, choices=Method.choices, default=Method.QUIZ)
    score = models.PositiveSmallIntegerField(_("quiz score"), null=True, blank=True)
    out_of = models.PositiveSmallIntegerField(_("quiz questions"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    note = models.CharField(_("sign-off note"), max_length=300, blank=True)
    completed_at = models.DateTimeField(_("completed at"))

    class Meta:
        ordering = ["person_id", "module__position"]
        verbose_name = _("training completion")
        verbose_name_plural = _("training completions")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "module", "method"], name="one_completion_per_module_and_way"
            ),
            models.CheckConstraint(
                condition=~models.Q(method="quiz")
                | models.Q(
                    score__isnull=False, out_of__isnull=False, score__lte=models.F("out_of")
                ),
                name="quiz_completion_has_score",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.module} ({self.get_method_display()})"


# Directory group rules live beside their logic; imported here so Django registers the model.
from tandem.programs.directory_groups import GroupMapping  # noqa: E402, F401
from tandem.programs.models_integrations import ProgramIntegration  # noqa: E402,F401
