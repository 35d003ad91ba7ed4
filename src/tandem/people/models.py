"""Organisations, people and their reporting tree, topics, competences and learning needs."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
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
    def first_name(self) -> str:
        """How a message greets the person: the first word of their name ("" without a name)."""
        return self.full_name.split()[0] if self.full_name else ""

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


class Source(models.TextChoices):
    """Where a competence's evidence comes from. Everything above self-declared has one that
    names who vouched and when (``competence_evidence_has_source`` holds it in the database)."""

    SELF = "self", _("self-declared")
    ENDORSEMENT = "endorsement", _("endorsement by a colleague")
    ASSESSMENT = "assessment", _("assessment")
    CERTIFICATION = "certification", _("certification")
    HR_IMPORT = "hr_import", _("HR import")
    LEGACY = "legacy", _("recorded before provenance")


# The evidence each source may carry: an endorsement endorses, an assessment assesses…; an
# HR import attests whatever level HR's file says, and older rows kept the level they had.
SOURCE_EVIDENCE = {
    Source.SELF: (Evidence.SELF,),
    Source.ENDORSEMENT: (Evidence.ENDORSED,),
    Source.ASSESSMENT: (Evidence.ASSESSED,),
    Source.CERTIFICATION: (Evidence.CERTIFIED,),
    Source.HR_IMPORT: (Evidence.ENDORSED, Evidence.ASSESSED, Evidence.CERTIFIED),
    Source.LEGACY: (Evidence.ENDORSED, Evidence.ASSESSED, Evidence.CERTIFIED),
}
DETAILED_SOURCES = (Source.ASSESSMENT, Source.CERTIFICATION, Source.HR_IMPORT)


def _source_rule() -> models.Q:
    rule = models.Q()
    for source, levels in SOURCE_EVIDENCE.items():
        rule |= models.Q(source=source, evidence__in=levels)
    return rule


class Competence(models.Model):
    """A person's level in a topic and its evidence. ``source`` says who vouched for evidence
    above self-declared: ``endorser`` (a colleague), ``verified_by`` (the assessor, the person
    who recorded a certification, or HR's importer), ``source_note`` (the assessment's note,
    the certification's name, the imported file) and ``evidence_date`` (when it was given;
    programs may let evidence expire from that day)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="competences")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="competences")
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    evidence = models.PositiveSmallIntegerField(
        _("evidence"), choices=Evidence.choices, default=Evidence.SELF
    )
    source = models.CharField(
        _("source of the evidence"), max_length=16, choices=Source.choices, default=Source.SELF
    )
    source_note = models.CharField(
        _("note, certification or file"),
        max_length=300,
        blank=True,
        help_text=_("The assessment's note, the certification's name or the imported file."),
    )
    evidence_date = models.DateField(_("evidence given on"), null=True, blank=True)
    endorser = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="endorsed_competences",
        verbose_name=_("endorsed by"),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    verified_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["person_id", "topic__slug"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [
            models.UniqueConstraint(fields=["person", "topic"], name="one_competence_per_topic"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="competence_level_1_4"
            ),
            models.CheckConstraint(condition=_source_rule(), name="competence_evidence_has_source"),
            models.CheckConstraint(
                condition=~models.Q(source__in=DETAILED_SOURCES)
                | (~models.Q(source_note="") & models.Q(evidence_date__isnull=False)),
                name="competence_source_detailed",
            ),
            models.CheckConstraint(
                condition=~models.Q(source=Source.ENDORSEMENT)
                | models.Q(evidence_date__isnull=False),
                name="competence_endorsement_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.topic.slug} {self.level} ({self.get_evidence_display()})"

    @property
    def source_text(self) -> str:
        """Who vouched, in a sentence in the active language (``services.provenance``)."""
        from tandem.people.services.provenance import describe  # cycle: it imports models

        return describe(self)

    def clean(self):
        """The database's rules in words, for the admin's form (instead of an error 500)."""
        if self.evidence not in SOURCE_EVIDENCE.get(self.source, ()):
            raise ValidationError(
                {
                    "source": _(
                        "Evidence “%(evidence)s” needs a matching source: a colleague's "
                        "endorsement, an assessment, a certification or an HR import."
                    )
                    % {"evidence": Evidence(self.evidence).label}
                }
            )
        if self.source in DETAILED_SOURCES and not (self.source_note or "").strip():
            raise ValidationError(
                {"source_note": _("Say what vouches for it: the note, certification or file.")}
            )
        if self.source != Source.SELF and self.source != Source.LEGACY and not self.evidence_date:
            raise ValidationError({"evidence_date": _("Give the date of the evidence.")})


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


class EndorsementRequest(models.Model):
    """A person asks a named colleague to endorse one of their competences; the colleague
    answers in the app. Giving it makes the competence "endorsed", with the colleague as its
    source, as long as its level is still the one they were asked about."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        GIVEN = "given", _("Endorsed")
        DECLINED = "declined", pgettext_lazy("endorsement", "Declined")
        STALE = "stale", _("No longer needed")

    competence = models.ForeignKey(
        Competence, on_delete=models.CASCADE, related_name="endorsement_requests"
    )
    colleague = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="endorsement_requests",
        verbose_name=_("colleague"),
    )
    level = models.PositiveSmallIntegerField(
        _("level asked about"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    message = models.CharField(_("message to the colleague"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("endorsement request")
        verbose_name_plural = _("endorsement requests")
        constraints = [
            models.UniqueConstraint(
                fields=["competence", "colleague"],
                condition=models.Q(status="pending"),
                name="one_pending_endorsement_per_colleague",
            ),
        ]
        indexes = [models.Index(fields=["colleague", "status"])]

    def __str__(self) -> str:
        return f"{self.competence} ← {self.colleague}"


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
