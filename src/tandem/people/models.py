"""Organisations, people and their reporting tree, topics, competences and learning needs."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    class Kind(models.TextChoices):
        HOST = "host", _("Host organisation")
        PARTNER = "partner", _("Partner organisation")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.HOST)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """An employee of the host or a partner organisation.

    ``tree_pre``/``tree_post``/``tree_depth`` number the reporting tree (pre/post order) so
    that "is A within N levels above B" is a constant-time test for matching; they are
    recomputed by ``people.services.tree.renumber`` after every change of managers.
    """

    class Gender(models.TextChoices):
        FEMALE = "f", _("Female")
        MALE = "m", _("Male")
        OTHER = "x", _("Other")

    employee_id = models.CharField(_("employee id"), max_length=64, unique=True)
    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=120, blank=True, db_index=True)
    site = models.CharField(_("site"), max_length=120, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    languages = models.JSONField(_("spoken languages"), default=list, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("organisation"),
    )
    manager = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("manager"),
    )
    gender = models.CharField(
        _("gender"),
        max_length=1,
        choices=Gender.choices,
        blank=True,
        help_text=_("Optional; used only for diversity reporting, never for eligibility."),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        help_text=_("Optional; used only for diversity reporting, never for eligibility."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    tree_pre = models.IntegerField(default=0, editable=False)
    tree_post = models.IntegerField(default=0, editable=False)
    tree_depth = models.IntegerField(default=0, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["full_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    @property
    def mail_language(self) -> str:
        """The first of the person's languages Tandem speaks (en, fr), English otherwise: emails
        and calendar files go out in it, whatever the sender's language."""
        for code in self.languages or []:
            short = str(code).lower()[:2]
            if short in ("en", "fr"):
                return short
        return "en"


class Topic(models.Model):
    """A subject a mentor teaches or a mentee wants to learn; ``side`` tells which way the
    knowledge usually flows (digital skills from juniors, business context from seniors)."""

    class Side(models.TextChoices):
        JUNIOR = "junior", _("Taught by juniors")
        SENIOR = "senior", _("Taught by seniors")

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name_en = models.CharField(_("English name"), max_length=120)
    name_fr = models.CharField(_("French name"), max_length=120)
    side = models.CharField(_("side"), max_length=8, choices=Side.choices, default=Side.JUNIOR)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["side", "name_en"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_fr if (get_language() or "en").startswith("fr") else self.name_en


class Evidence(models.IntegerChoices):
    SELF = 0, _("self-declared")
    ENDORSED = 1, _("endorsed")
    ASSESSED = 2, _("assessed")
    CERTIFIED = 3, _("certified")


class Priority(models.IntegerChoices):
    LOW = 0, _("low")
    MEDIUM = 1, _("medium")
    HIGH = 2, _("high")


class Competence(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="competences")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="competences")
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    evidence = models.PositiveSmallIntegerField(
        _("evidence"), choices=Evidence.choices, default=Evidence.SELF
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    class Meta:
        ordering = ["person_id", "topic__slug"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [
            models.UniqueConstraint(fields=["person", "topic"], name="one_competence_per_topic"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="competence_level_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.topic.slug} {self.level} ({self.get_evidence_display()})"


class LearningNeed(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="needs")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="needs")
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    current_level = models.PositiveSmallIntegerField(
        _("current self-rated level"),
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(4)],
    )

    class Meta:
        ordering = ["person_id", "-priority", "topic__slug"]
        verbose_name = _("learning need")
        verbose_name_plural = _("learning needs")
        constraints = [
            models.UniqueConstraint(fields=["person", "topic"], name="one_need_per_topic"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.topic.slug} ({self.get_priority_display()})"


# SCIM directories live beside their logic; imported here so Django registers the models.
from tandem.people.directories import (  # noqa: E402, F401
    Directory,
    DirectoryAccount,
    DirectoryGroup,
    DirectoryToken,
)
from tandem.people.models_integrations import (  # noqa: E402,F401 - models of this app
    BusyCalendar,
    BusyInterval,
    ContactPreference,
)
