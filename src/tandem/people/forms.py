"""The participant's profile forms: settings, and competences and needs as formsets.

Choices (topics, languages, time zones) are computed once per request and handed to every
row, so a formset of twenty rows costs the same queries as one row.
"""

from functools import lru_cache
from zoneinfo import available_timezones

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from tandem.accounts.forms import CleanTextMixin
from tandem.people.language_picker import LanguagesField
from tandem.people.models import Evidence, Priority, Topic
from tandem.people.services.people_validation import Invalid, clean_timezone
from tandem.people.services.profile import CompetenceRow, NeedRow

COMMON_TIMEZONES = (
    "Europe/Paris",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Brussels",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Montreal",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Africa/Casablanca",
    "UTC",
)
MAX_ROWS = 50
LEVELS = [(n, str(n)) for n in range(1, 5)]
CURRENT_LEVELS = [(n, str(n)) for n in range(0, 5)]


class QuickSelect(forms.Select):
    """A select rendered in Python: the stock widget renders a template per option, which
    costs a noticeable fraction of a second for the 600 time zones."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group, options, _index in widget["optgroups"]:
            html = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (o["value"], mark_safe(" selected") if o["selected"] else "", o["label"])
                    for o in options
                ),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group, html) if group else html
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(groups)),
        )


@lru_cache(maxsize=1)
def _all_timezones() -> tuple[str, ...]:
    return tuple(sorted(tz for tz in available_timezones() if "/" in tz or tz == "UTC"))


def timezone_choices() -> list:
    """Common zones first, then all of them, as two option groups."""
    common = [(tz, tz) for tz in COMMON_TIMEZONES]
    return [
        (_("Common"), common),
        (_("All time zones"), [(tz, tz) for tz in _all_timezones()]),
    ]


def topic_choices() -> list[tuple[int, str]]:
    return [("", "—")] + [(t.pk, t.name) for t in Topic.objects.filter(is_active=True)]


class SettingsForm(CleanTextMixin, forms.Form):
    languages = LanguagesField(
        label=_("Languages you can hold a conversation in"),
        error_messages={"invalid_choice": _("“%(value)s” is not a language Tandem knows.")},
        help_text=_("Tick every language you can work in; search the list to find one."),
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        widget=QuickSelect,
        error_messages={"invalid_choice": _("“%(value)s” is not a time zone Tandem knows.")},
        help_text=_("Your availability is read in this time zone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = timezone_choices()

    def clean_timezone(self):
        try:
            return clean_timezone(self.cleaned_data["timezone"])
        except Invalid as exc:
            raise forms.ValidationError(str(exc)) from None


class _RowForm(CleanTextMixin, forms.Form):
    """A row of a formset: the id of an existing row (hidden), a topic, its values."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    topic = forms.TypedChoiceField(label=_("Topic"), coerce=int, widget=QuickSelect)

    def __init__(self, *args, topics=(), existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = topics
        self.existing = existing or {}

    def existing_row(self):
        raw = self.data.get(self.add_prefix("id")) if self.is_bound else self.initial.get("id")
        try:
            return self.existing.get(int(raw))
        except (TypeError, ValueError):
            return None


class CompetenceForm(_RowForm):
    level = forms.TypedChoiceField(label=_("Level (1 to 4)"), choices=LEVELS, coerce=int, initial=1)
    evidence = forms.TypedChoiceField(
        label=_("Evidence"),
        coerce=int,
        error_messages={
            "invalid_choice": _(
                "Only a program manager can raise the evidence; choose self-declared."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        old = self.existing_row()
        allowed = [Evidence.SELF] + ([old.evidence] if old and old.evidence else [])
        self.fields["evidence"].choices = [(e, Evidence(e).label) for e in allowed]
        self.fields["evidence"].initial = old.evidence if old else Evidence.SELF
        self.verified = old is not None and old.evidence > Evidence.SELF

    def row(self) -> CompetenceRow:
        data = self.cleaned_data
        return CompetenceRow(data.get("id"), data["topic"], data["level"], data["evidence"])

    @staticmethod
    def removal(old) -> CompetenceRow:
        return CompetenceRow(old.pk, old.topic_id, old.level, old.evidence, delete=True)


class NeedForm(_RowForm):
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Priority.choices, coerce=int, initial=Priority.MEDIUM
    )
    current_level = forms.TypedChoiceField(
        label=_("Your current level (0 to 4)"), choices=CURRENT_LEVELS, coerce=int, initial=1
    )

    def row(self) -> NeedRow:
        data = self.cleaned_data
        return NeedRow(
            data.get("id"),
            data["topic"],
            data["priority"],
            data["current_level"],
        )

    @staticmethod
    def removal(old) -> NeedRow:
        return NeedRow(old.pk, old.topic_id, old.priority, old.current_level, delete=True)


class RowFormSet(forms.BaseFormSet):
    """Refuses a topic listed twice, naming the row; ``rows()`` gives the service's input."""

    def clean(self):
        if any(self.errors):
            return
        seen = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or data.get("topic") is None:
                continue
            topic = data["topic"]
            if topic in seen:
                form.add_error("topic", _("This topic is already listed above."))
            seen[topic] = form

    def rows(self) -> list:
        """What to save: existing rows (kept, changed or removed) and filled-in new ones."""
        rows = []
        for form in self.forms:
            old = form.existing_row()
            if self._should_delete_form(form):
                if old is not None:
                    rows.append(form.removal(old))
            elif old is not None or form.has_changed():
                rows.append(form.row())
        return rows


CompetenceFormSet = forms.formset_factory(
    CompetenceForm,
    formset=RowFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_ROWS,
    validate_max=True,
)
NeedFormSet = forms.formset_factory(
    NeedForm, formset=RowFormSet, extra=1, can_delete=True, max_num=MAX_ROWS, validate_max=True
)


def row_formset(formset_class, prefix: str, rows, *, data=None, existing=None):
    """A formset of the person's ``rows`` (models), or bound to ``data``."""
    initial = [
        {key: getattr(row, key) for key in ("id", "topic_id", *_VALUE_FIELDS[prefix])}
        for row in rows
    ]
    for values in initial:
        values["topic"] = values.pop("topic_id")
    return formset_class(
        data,
        prefix=prefix,
        initial=None if data is not None else initial,
        form_kwargs={"topics": topic_choices(), "existing": existing or {r.pk: r for r in rows}},
    )


_VALUE_FIELDS = {"competences": ("level", "evidence"), "needs": ("priority", "current_level")}
