"""Participant forms of the programs app: applying, and one's enrolment details.

Availability is a formset of day + start + end rows; each row is read by the one availability
grammar (``services.availability``), so the same slot is accepted or refused with the same words
in a form, a file, the API and the matching (an end before the start runs past midnight).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.accounts.forms import CleanTextMixin
from tandem.people.language_picker import LanguagesField
from tandem.programs.models import Enrolment
from tandem.programs.services.availability import DAYS, SlotError, parse_slot, parse_slots

DAY_NAMES = dict(
    zip(
        DAYS,
        (
            _("Monday"),
            _("Tuesday"),
            _("Wednesday"),
            _("Thursday"),
            _("Friday"),
            _("Saturday"),
            _("Sunday"),
        ),
        strict=True,
    )
)
MAX_SLOTS = 21


class ApplyForm(CleanTextMixin, forms.Form):
    role = forms.ChoiceField(
        label=_("I apply as"), choices=Enrolment.Role.choices, widget=forms.RadioSelect
    )
    motivation = forms.CharField(
        label=_("Your motivation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few lines: what you hope to teach or to learn, and why now."),
    )


class SlotForm(CleanTextMixin, forms.Form):
    day = forms.ChoiceField(label=_("Day"), choices=[("", "—"), *DAY_NAMES.items()])
    start = forms.CharField(
        label=_("From"), max_length=5, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.CharField(
        label=_("To"), max_length=5, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        slot = f"{data['day']} {data['start']}-{data['end']}"
        try:
            parse_slot(slot)
        except SlotError as exc:
            raise forms.ValidationError(str(exc)) from None
        data["slot"] = slot
        return data


class BaseSlotFormSet(forms.BaseFormSet):
    def slots(self) -> list[str]:
        return [
            form.cleaned_data["slot"]
            for form in self.forms
            if form.cleaned_data.get("slot") and not self._should_delete_form(form)
        ]


SlotFormSet = forms.formset_factory(
    SlotForm,
    formset=BaseSlotFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_SLOTS,
    validate_max=True,
)


def slot_initial(slots: list[str]) -> list[dict]:
    """Stored slots ("mon 09:00-12:00") as formset rows; a time field cannot show 24:00, so
    an end at midnight is shown as 00:00 (which the grammar reads back as midnight)."""
    try:
        texts = [slot.text for slot in parse_slots(slots)]
    except SlotError:  # a value stored before the grammar: shown as it is, to be corrected
        texts = [str(slot) for slot in slots]
    rows = []
    for text in texts:
        day, _sep, hours = text.partition(" ")
        start, _sep, end = hours.partition("-")
        rows.append({"day": day, "start": start, "end": "00:00" if end == "24:00" else end})
    return rows


class DetailsForm(CleanTextMixin, forms.Form):
    languages = LanguagesField(
        label=_("Languages for this program"),
        required=False,
        error_messages={"invalid_choice": _("“%(value)s” is not a language Tandem knows.")},
        help_text=_("Leave empty to use the languages of your profile."),
    )
    capacity = forms.TypedChoiceField(
        label=_("How many mentees you can take on"),
        coerce=int,
        help_text=_("Each mentee means one meeting per period."),
    )

    def __init__(self, *args, enrolment: Enrolment, limit: int, **kwargs):
        super().__init__(*args, **kwargs)
        if enrolment.role == Enrolment.Role.MENTOR:
            self.fields["capacity"].choices = [(n, str(n)) for n in range(1, limit + 1)]
        else:
            del self.fields["capacity"]
