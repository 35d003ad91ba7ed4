"""The cockpit's filters: status, health, coach, topic and a name, read from the query
string (a bad value is ignored and the form says so)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.accounts.forms import CleanTextMixin
from tandem.insights.services.cockpit import NO_COACH, Filters, coach_choices
from tandem.insights.services.health import Health
from tandem.mentorships.models import Mentorship
from tandem.programs.models import Program


class CockpitFilter(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    health = forms.ChoiceField(label=_("Health"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    coach = forms.ChoiceField(label=_("Coach"), required=False)
    topic = forms.TypedChoiceField(label=_("Topic"), required=False, coerce=int, empty_value=None)

    def __init__(self, program: Program, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["health"].choices = [("", _("Any health")), *Health.choices]
        self.fields["status"].choices = [("", _("Any status")), *Mentorship.Status.choices]
        self.fields["coach"].choices = [
            ("", _("Any coach")),
            *coach_choices(program),
            (NO_COACH, _("No coach assigned")),
        ]
        topics = program.topics.order_by("name_en")
        self.fields["topic"].choices = [("", _("Any topic"))] + [(t.pk, t.name) for t in topics]

    def filters(self) -> Filters:
        """The valid filters (none when the form is not valid)."""
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            status=data["status"],
            health=data["health"],
            coach=data["coach"],
            topic=data["topic"],
            q=data["q"],
        )
