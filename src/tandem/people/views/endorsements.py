"""Endorsements in the app: asking a colleague (from one's profile) and answering the requests
asked of you (the endorsements page, linked from the profile and from the email)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.forms import CleanTextMixin
from tandem.people.errors import PeopleError
from tandem.people.models import Competence, EndorsementRequest, Evidence
from tandem.people.permissions import get_endorsement_request_for
from tandem.people.services import endorsements
from tandem.people.views.profile import my_person


class AskForm(CleanTextMixin, forms.Form):
    competence = forms.TypedChoiceField(label=gettext_lazy("Competence"), coerce=int)
    colleague = forms.EmailField(
        label=gettext_lazy("Your colleague's email"),
        help_text=gettext_lazy("Someone who has seen your work in this topic and has an account."),
    )
    message = forms.CharField(
        label=gettext_lazy("A word for them (optional)"),
        required=False,
        max_length=endorsements.MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, competences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].choices = [
            (c.pk, f"{c.topic.name} · {c.level}/4") for c in competences
        ]


@login_required
@require_http_methods(["GET", "POST"])
def ask(request):
    """Ask a colleague to endorse one of your self-declared competences."""
    person = my_person(request.user)
    askable = [c for c in person.competences.all() if c.evidence < Evidence.ENDORSED]
    initial = {"competence": request.GET.get("competence")}
    data = request.POST if request.method == "POST" else None
    form = AskForm(data, initial=initial, competences=askable)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        competence = get_object_or_404(Competence, pk=data["competence"], person=person)
        try:
            colleague = endorsements.colleague_by_email(data["colleague"])
            endorsements.request_endorsement(
                competence, colleague, actor=request.user, message=data["message"]
            )
        except PeopleError as error:
            form.add_error("colleague", str(error))
        else:
            messages.success(
                request,
                _("%(name)s is asked to endorse your competence in %(topic)s; they got an email.")
                % {"name": colleague.full_name, "topic": competence.topic.name},
            )
            return redirect(reverse("people:profile") + "#endorsements")
    status = 400 if form.errors else 200
    context = {"form": form, "person": person, "askable": askable}
    return render(request, "people/endorsement_ask.html", context, status=status)


@login_required
@require_GET
def asked_of_me(request):
    """The requests colleagues sent you, to answer, and the last ones you answered."""
    person = my_person(request.user)
    pending, answered = endorsements.asked_of(person)
    context = {"person": person, "pending": pending, "answered": answered}
    return render(request, "people/endorsements.html", context)


def _answer(request, pk: int, give: bool):
    asked = get_endorsement_request_for(request.user, pk)
    try:
        asked = endorsements.answer_endorsement(asked, actor=request.user, give=give)
    except PeopleError as error:
        messages.error(request, str(error))
        return redirect("people:endorsements")
    name = asked.competence.person.full_name
    if asked.status == EndorsementRequest.Status.STALE:
        messages.warning(request, endorsements.stale_message(asked))
    elif give:
        messages.success(
            request,
            _("You endorsed %(name)s’s competence in %(topic)s.")
            % {"name": name, "topic": asked.competence.topic.name},
        )
    else:
        messages.info(request, _("You declined %(name)s’s request.") % {"name": name})
    return redirect("people:endorsements")


@login_required
@require_POST
def give(request, pk: int):
    return _answer(request, pk, give=True)


@login_required
@require_POST
def decline(request, pk: int):
    return _answer(request, pk, give=False)
