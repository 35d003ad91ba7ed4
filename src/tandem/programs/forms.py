"""The forms of the program manager's pages: the set-up steps, enrolment filters, imports,
status changes."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError

from tandem.accounts.forms import CleanTextMixin, DescribedErrorsMixin
from tandem.people.models import Evidence, Priority, Topic
from tandem.programs.errors import ProgramsError
from tandem.programs.models import (
    Enrolment,
    MatchingMode,
    Program,
    TrainingModule,
    default_weights,
)
from tandem.programs.services.staffing import apply_staff, renewable_programs, resolve, set_renews
from tandem.programs.services.training import check_required
from tandem.programs.weights import HIGHEST, LOWEST, MatchingWeights, problems


class VersionedMixin:
    """A hidden ``version``: the program's version when the page was opened, so a save over
    someone else's newer change is refused (optimistic locking, see ``save_setup_step``)."""

    def add_version(self, program: Program) -> None:
        if program.pk is None:
            return
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=1
        )
        self.initial["version"] = program.version


class RequiredModulesMixin:
    """A program requiring training requires modules: the training step and the admin refuse
    an empty list next to the field."""

    def clean(self):
        data = super().clean()
        if "require_training" in data and "required_modules" in data:
            try:
                check_required(data["require_training"], data["required_modules"])
            except ProgramsError as error:
                self.add_error("required_modules", str(error))
        return data


class StepForm(VersionedMixin, DescribedErrorsMixin, forms.ModelForm):
    """One step of the set-up: a ModelForm on the draft program."""

    class Meta:
        model = Program
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version(self.instance)

    def save(self, commit: bool = True) -> Program:
        """Write this step's columns only, so a change made meanwhile to another column (the
        status, another step) is not written back with the value read at the start."""
        program = super().save(commit=False)
        if commit and program.pk is None:
            program.save()
            self.save_m2m()
        elif commit:
            own = [
                name for name in self._meta.fields if not Program._meta.get_field(name).many_to_many
            ]
            program.save(update_fields=own)
            self.save_m2m()
        return program


class ObjectiveForm(StepForm):
    class Meta:
        model = Program
        fields = ["name", "objective"]
        help_texts = {
            "name": _("Shown to participants, e.g. “Generative AI for leaders 2027”."),
            "objective": _(
                "What the organisation expects from this program, in a sentence or two."
            ),
        }


class TopicsForm(StepForm):
    class Meta:
        model = Program
        fields = ["topics", "format", "circle_size", "matching_mode", "request_days"]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "format": forms.RadioSelect,
            "matching_mode": forms.RadioSelect,
        }
        help_texts = {
            "circle_size": _(
                "Mentors per mentee: a circle has 2 to 8; a project team 1 (a pair) to 8. "
                "Not used by the other formats."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.filter(is_active=True)
        self.fields["topics"].required = True
        self.fields["topics"].error_messages["required"] = _("Choose at least one topic.")
        for name in ("matching_mode", "request_days"):  # older clients do not send them
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        for name in ("matching_mode", "request_days"):
            if data.get(name) in (None, ""):
                data[name] = getattr(self.instance, name)
        mode = data.get("matching_mode")
        if mode and mode != MatchingMode.ENGINE and data.get("format") != Program.Format.ONE_TO_ONE:
            self.add_error(
                "matching_mode",
                _("Mentees choose their mentor in one-to-one programs only."),
            )
        return data


class DatesForm(StepForm):
    class Meta:
        model = Program
        fields = [
            "start",
            "end",
            "cadence_days",
            "meeting_minutes",
            "presentation_date",
            "inactivity_days",
            "inactivity_grace_days",
            "inactivity_notice_days",
        ]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "presentation_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "cadence_days": _("E.g. 30 for one meeting a month (1 to 365)."),
            "meeting_minutes": _("15 to 480 minutes."),
            "inactivity_days": _(
                "A pair with no meeting held for this many days gets a nudge (0 turns the "
                "inactivity nudges and closing off; default 60)."
            ),
            "inactivity_grace_days": _(
                "Still silent this many days after the nudge: its coach and managers get an "
                "alert and both members a closing notice (default 7)."
            ),
            "inactivity_notice_days": _(
                "Still silent when the notice runs out: the pair is closed as “ended: "
                "inactive” and both are free to be matched again (default 14)."
            ),
        }

    INACTIVITY = ("inactivity_days", "inactivity_grace_days", "inactivity_notice_days")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.INACTIVITY:  # left empty (or by an older form): kept as they are
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end date must be after the start date."))
        for name in self.INACTIVITY:
            if name in data and data[name] is None:
                data[name] = getattr(self.instance, name)
        return data


class CharterForm(StepForm):
    class Meta:
        model = Program
        fields = ["confidentiality", "authorised_subjects", "deliverables", "progression_criteria"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}
        help_texts = {
            "deliverables": _(
                "One per line. In the project format each becomes a milestone of every project."
            )
        }


class TrainingForm(RequiredModulesMixin, StepForm):
    class Meta:
        model = Program
        fields = [
            "require_training",
            "training_check",
            "required_modules",
            "min_evidence",
            "evidence_months",
            "reporting_distance",
        ]
        widgets = {
            "required_modules": forms.CheckboxSelectMultiple,
            "training_check": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["required_modules"].queryset = TrainingModule.objects.all()


class StaffForm(VersionedMixin, DescribedErrorsMixin, forms.Form):
    """Managers, coaches and sponsor by email, and the program this cohort renews."""

    managers = forms.CharField(
        label=_("Program managers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Emails of people with a Tandem account, one per line."),
    )
    coaches = forms.CharField(
        label=_("Coaches"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Emails of people of the directory, one per line."),
    )
    sponsor = forms.EmailField(
        label=_("Sponsor"), required=False, help_text=_("The executive who reads the results.")
    )
    renews = forms.ModelChoiceField(
        label=_("This cohort renews"),
        queryset=Program.objects.none(),
        required=False,
        empty_label=_("no earlier cohort"),
        help_text=_("Pairs of the earlier cohort are not proposed again."),
    )

    def __init__(self, *args, instance: Program, user=None, **kwargs):
        self.instance, self.user = instance, user
        initial = {
            "managers": "\n".join(instance.managers.values_list("email", flat=True)),
            "coaches": "\n".join(instance.coaches.values_list("email", flat=True)),
            "sponsor": instance.sponsor.email if instance.sponsor_id else "",
            "renews": instance.renews_id,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["renews"].queryset = renewable_programs(instance, user)
        self.add_version(instance)

    def clean(self):
        data = super().clean()
        try:
            self.staff = resolve(
                managers=data.get("managers", ""),
                coaches=data.get("coaches", ""),
                sponsor=data.get("sponsor", ""),
            )
        except ProgramsError as error:
            self.add_error(None, str(error))
        return data

    def save(self) -> Program:
        apply_staff(self.instance, self.staff, actor=self.user, via="setup")
        set_renews(self.instance, self.cleaned_data.get("renews"), actor=self.user)
        return self.instance


def _filled(text, **values) -> str:
    """Fill a lazy label when it is shown: ``lazy % values`` at import would freeze English."""
    return lazy(lambda: str(text) % values, str)()


def _weight_fields() -> dict[str, tuple]:
    """Form field name → (weights key, index or None, label, help text)."""
    out = {}
    for priority in Priority:
        out[f"priority_{priority.value}"] = (
            "priority",
            priority.value,
            _filled(_("Need of %(priority)s priority"), priority=priority.label),
            _("How much covering such a need counts."),
        )
    for level in range(1, 5):
        out[f"level_{level}"] = (
            "level",
            level,
            _filled(_("Competence at level %(level)s"), level=level),
            _("How much a mentor's level in the topic counts."),
        )
    for evidence in Evidence:
        out[f"evidence_{evidence.value}"] = (
            "evidence",
            evidence.value,
            _filled(_("Evidence: %(evidence)s"), evidence=evidence.label),
            _("Multiplies the score of a competence backed by this evidence."),
        )
    bonuses = {
        "other_department": _("Bonus: from another department"),
        "other_site": _("Bonus: from another site"),
        "other_organization": _("Bonus: from another organisation"),
        "other_gender": _("Bonus: another gender"),
        "other_generation": _("Bonus: another generation"),
        "preference": _("Bonus: a preference stated by either"),
        "unmatched_before": _("Bonus: left unmatched in an earlier cohort"),
    }
    for key, label in bonuses.items():
        out[key] = (key, None, label, _("Points added to a pair's score."))
    return out


WEIGHT_FIELDS = _weight_fields()
assert {key for key, *_rest in WEIGHT_FIELDS.values()} == set(MatchingWeights.model_fields)  # noqa: S101


def _current_weights(program: Program) -> dict:
    """The program's weights as stored, or the defaults when what is stored is not valid (the
    form then shows numbers it can save, and saving repairs them)."""
    try:
        return program.matching_weights().stored()
    except ValidationError:
        return default_weights()


class WeightsForm(VersionedMixin, DescribedErrorsMixin, forms.Form):
    """One number per weight, checked and saved as ``MatchingWeights`` into ``program.weights``.
    With ``budget``, also the matching time budget (the step's page; the API sets it through
    ``MatchingBudgetForm``)."""

    def __init__(self, *args, instance: Program, budget: bool = True, **kwargs):
        self.instance = instance
        weights = _current_weights(instance)
        initial = {}
        for name, (key, index, _label, _help) in WEIGHT_FIELDS.items():
            value = weights[key]
            initial[name] = value[index] if index is not None else value
        super().__init__(*args, initial=initial, **kwargs)
        for name, (_key, _index, label, help_text) in WEIGHT_FIELDS.items():
            self.fields[name] = forms.IntegerField(
                label=label, help_text=help_text, min_value=LOWEST, max_value=HIGHEST
            )
        if budget:
            field = Program._meta.get_field(BUDGET)
            self.fields[BUDGET] = field.formfield(validators=field.validators)
            self.initial[BUDGET] = getattr(instance, BUDGET)
        self.add_version(instance)

    def clean(self):
        data = super().clean()
        weights = _current_weights(self.instance)
        for name, (key, index, _label, _help) in WEIGHT_FIELDS.items():
            if name not in data:
                return data  # that field's own error is shown
            if index is None:
                weights[key] = data[name]
            else:
                weights[key][index] = data[name]
        try:
            self.weights = MatchingWeights.read(weights)
        except ValidationError as error:
            self.add_error(None, problems(error))
        return data

    def save(self) -> Program:
        self.instance.weights = self.weights.stored()
        fields = ["weights"]
        if BUDGET in self.fields:
            setattr(self.instance, BUDGET, self.cleaned_data[BUDGET])
            fields.append(BUDGET)
        self.instance.save(update_fields=fields)
        return self.instance


BUDGET = "matching_time_limit"


class MatchingBudgetForm(StepForm):
    """The matching time budget alone (the API's way to set it)."""

    class Meta:
        model = Program
        fields = [BUDGET]


class EnrolmentFilter(CleanTextMixin, forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("All roles")), *Enrolment.Role.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *Enrolment.Status.choices],
        required=False,
    )
    q = forms.CharField(label=_("Name, email or employee id"), required=False, max_length=100)


class ImportForm(DescribedErrorsMixin, forms.Form):
    PEOPLE, ENROLMENTS = "people", "enrolments"

    kind = forms.ChoiceField(
        label=_("File"),
        choices=[
            (ENROLMENTS, _("Enrolments of this program (CSV)")),
            (PEOPLE, _("People directory, HRIS export (CSV)")),
        ],
        widget=forms.RadioSelect,
        initial=ENROLMENTS,
    )
    file = forms.FileField(label=_("CSV file"), help_text=_("UTF-8 CSV, at most 10 MiB."))
    skip_invalid = forms.BooleanField(
        label=_("Skip invalid rows and import the others"),
        required=False,
        help_text=_("Otherwise nothing is written while any row is invalid."),
    )

    def __init__(self, *args, can_import_people: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_import_people:
            self.fields["kind"].choices = self.fields["kind"].choices[:1]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # TANDEM_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(size)s; split it.") % {"size": filesizeformat(limit)}
            )
        return upload


class StatusForm(CleanTextMixin, forms.Form):
    status = forms.ChoiceField(choices=Program.Status.choices)
