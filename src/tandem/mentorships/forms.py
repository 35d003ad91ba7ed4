"""The participants' forms. They only check shapes (required, choices among THIS mentorship's
goals, topics and people); the services decide and raise ``MentorshipError``, which views
show as a form error. The preparation and the log are model forms of their confidential texts
(``confidential_texts``): the services write them, the forms are never saved."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.accounts.fields import confidential_texts
from tandem.accounts.forms import CleanTextMixin, DescribedErrorsMixin
from tandem.mentorships.models import (
    Goal,
    Meeting,
    MeetingLog,
    Mentorship,
    Participant,
    Preparation,
)
from tandem.mentorships.services.journal import allowed_topics
from tandem.people.models import Topic

TEXTAREA = {"rows": 3}
LEVELS = [(n, str(n)) for n in range(5)]


class AccessibleForm(DescribedErrorsMixin, forms.Form):
    """Links each field to its error message (aria-describedby) and marks it invalid."""


class TextsMixin(DescribedErrorsMixin):
    """A model form of confidential texts (``Meta.fields = confidential_texts(…)``): each
    a textarea, handed to the service by ``texts()``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._meta.fields:
            self.fields[name].widget.attrs.update(TEXTAREA)

    def texts(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


def _text(label, required=False, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs=TEXTAREA), **kwargs
    )


class DeclineForm(AccessibleForm):
    reason = _text(
        _("Why do you decline?"),
        required=True,
        help_text=_("Only the program manager reads this; the other side never sees it."),
        error_messages={
            "required": _("Please give a reason; only the program manager will see it.")
        },
    )


class CharterForm(AccessibleForm):
    accept = forms.BooleanField(
        label=_("I have read and accept the charter"),
        error_messages={"required": _("Tick the box to accept the charter.")},
    )


class EndForm(AccessibleForm):
    reason = _text(
        _("Why do you end it? (optional)"),
        help_text=_("No fault is assumed. Only the program manager reads this."),
    )
    confirm = forms.BooleanField(
        label=_("I want to end this mentorship now"),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class MoveMeetingForm(AccessibleForm):
    starts_at = forms.DateTimeField(
        label=_("New date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class MeetingStatusForm(CleanTextMixin, forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Meeting.Status.HELD, Meeting.Status.HELD.label),
            (Meeting.Status.MISSED, Meeting.Status.MISSED.label),
            (Meeting.Status.CANCELLED, Meeting.Status.CANCELLED.label),
        ]
    )


class PreparationForm(TextsMixin, forms.ModelForm):
    class Meta:
        model = Preparation
        fields = confidential_texts(Preparation)
        labels = {  # spoken to the one who prepares
            "state_of_mind": _("Your state of mind"),
            "topics_to_raise": _("Topics you want to raise"),
            "targeted_learning": _("What you want to learn this time"),
        }


class AgendaForm(AccessibleForm):
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, mentorship: Mentorship, topics: list[Topic] | None = None, **kwargs):
        """``topics``: the allowed topics, when the caller already read them."""
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = allowed_topics(mentorship, topics)
        self.fields["goals"].queryset = mentorship.goals.all()


class LogForm(TextsMixin, forms.ModelForm):
    """The log after a meeting, both sides' learning, and each open goal's progress."""

    class Meta:
        model = MeetingLog
        fields = confidential_texts(MeetingLog)
        labels = {
            "mentor_learned": _("What the mentor learned from the mentee"),
            "mentee_learned": _("What the mentee learned from the mentor"),
        }

    next_topic_refs = forms.ModelMultipleChoiceField(
        label=_("Program topics for next time"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args,
        mentorship: Mentorship,
        goals: list[Goal],
        topics: list[Topic] | None = None,
        **kwargs,
    ):
        """``topics``: the allowed topics, when the caller already read them."""
        super().__init__(*args, **kwargs)
        self.fields["next_topic_refs"].queryset = allowed_topics(mentorship, topics)
        self.goals = goals
        for goal in goals:
            self.fields[f"level_{goal.pk}"] = forms.TypedChoiceField(
                label=_("Level now (0-4)"),
                choices=[("", _("Unchanged")), *LEVELS],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"status_{goal.pk}"] = forms.ChoiceField(
                label=_("Status"), choices=Goal.Status.choices, initial=goal.status
            )

    def text_rows(self) -> list:
        """The texts in the model's order, the program's topics beside the free-text ones."""
        names = list(self._meta.fields)
        names.insert(names.index("next_topics") + 1, "next_topic_refs")
        return [self[name] for name in names]

    def goal_rows(self):
        return [(g, self[f"level_{g.pk}"], self[f"status_{g.pk}"]) for g in self.goals]

    def progress(self) -> list[dict]:
        rows = []
        for goal in self.goals:
            level = self.cleaned_data.get(f"level_{goal.pk}")
            status = self.cleaned_data.get(f"status_{goal.pk}")
            if level is not None or status != goal.status:
                rows.append({"goal": goal, "level": level, "status": status})
        return rows


class GoalForm(AccessibleForm):
    learner = forms.ModelChoiceField(
        label=_("Who learns"), queryset=Participant.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Goal"), max_length=200)
    topic = forms.ModelChoiceField(
        label=_("Topic (optional)"), queryset=Topic.objects.none(), required=False
    )
    target_level = forms.TypedChoiceField(
        label=_("Target level (1-4)"), choices=LEVELS[1:], coerce=int, initial=2
    )
    criteria = _text(_("How will you know it is reached?"))
    notes = _text(_("Notes (seen by your pair only)"))

    def __init__(self, *args, mentorship: Mentorship, **kwargs):
        super().__init__(*args, **kwargs)
        learners = mentorship.participants.exclude(answer=Participant.Answer.DECLINED)
        self.fields["learner"].queryset = learners.select_related("person")
        self.fields["learner"].label_from_instance = lambda p: (
            f"{p.person.full_name} ({p.get_role_display().lower()})"
        )
        self.fields["topic"].queryset = allowed_topics(mentorship)


class GoalEditForm(AccessibleForm):
    title = forms.CharField(label=_("Goal"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices)
    target_level = forms.TypedChoiceField(
        label=_("Target level (1-4)"), choices=LEVELS[1:], coerce=int
    )
    criteria = _text(_("How will you know it is reached?"))
    notes = _text(_("Notes (seen by your pair only)"))


class MilestoneForm(AccessibleForm):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due = forms.DateField(
        label=_("Due (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ClosingReviewForm(AccessibleForm):
    goals_reached = forms.ModelMultipleChoiceField(
        label=_("Goals reached"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    autonomy = forms.TypedChoiceField(
        label=_("How autonomous do you feel now? (1 = not at all, 5 = fully)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    next_steps = _text(_("Your next development steps"))
    would_recommend = forms.TypedChoiceField(
        label=_("Would you recommend Tandem to a colleague?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, mentorship: Mentorship, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals_reached"].queryset = mentorship.goals.all()

    def goals_map(self) -> dict:
        reached = set(self.cleaned_data["goals_reached"])
        return {g: g in reached for g in self.fields["goals_reached"].queryset}


class ProjectForm(AccessibleForm):
    deliverable = _text(
        _("Deliverable (seen by your pair only)"),
        max_length=2000,
        help_text=_("What you will hand over or present at the end."),
    )
    presentation_date = forms.DateField(
        label=_("Final presentation"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    delivered = forms.BooleanField(label=_("The project is delivered"), required=False)


class ProjectMilestoneForm(MilestoneForm):
    done = forms.BooleanField(label=_("Done"), required=False)
