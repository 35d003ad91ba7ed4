"""Answering a proposal, signing the charter, ending early: each a form over one service."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.forms import CharterForm, DeclineForm, EndForm
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services import lifecycle
from tandem.mentorships.views.common import form_data, my_mentorship, new_version, signed_in
from tandem.mentorships.views.mentorship import page_context

GET_POST = require_http_methods(["GET", "POST"])


@require_POST
@signed_in
def accept(request, pk: int):
    mentorship, me = my_mentorship(request, pk)
    try:
        with new_version(mentorship):
            mentorship = lifecycle.accept_proposal(me, request.user)
    except MentorshipError as e:
        messages.error(request, str(e))
    else:
        if mentorship.status == Mentorship.Status.ACCEPTED:
            messages.success(request, _("Everyone accepted: please read and sign the charter."))
            return redirect("mentorships:charter", pk=pk)
        messages.success(request, _("You accepted. We are waiting for the others' answers."))
    return redirect("mentorships:detail", pk=pk)


def _form_step(request, pk: int, form_class, template: str, act):
    """One participant's form over one service: on a valid POST, ``act(me, cleaned_data)``
    runs with the version bump and returns (message, response); a refusal goes back on the
    form, which is shown again."""
    mentorship, me = my_mentorship(request, pk)
    form = form_class(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            with new_version(mentorship):
                message, response = act(mentorship, me, form.cleaned_data)
        except MentorshipError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, message)
            return response
    return render(request, template, page_context(mentorship, me) | {"form": form})


@GET_POST
@signed_in
def decline(request, pk: int):
    def act(mentorship, me, data):
        lifecycle.decline_proposal(me, request.user, data["reason"])
        return _("You declined. Your reason goes to the program manager."), redirect("web:home")

    return _form_step(request, pk, DeclineForm, "mentorships/decline.html", act)


@GET_POST
@signed_in
def charter(request, pk: int):
    def act(mentorship, me, data):
        mentorship = lifecycle.sign_charter(me, request.user)
        if mentorship.status == Mentorship.Status.ACTIVE:
            message = _("The charter is signed: your mentorship has started.")
        else:
            message = _("You signed the charter.")
        return message, redirect("mentorships:detail", pk=pk)

    return _form_step(request, pk, CharterForm, "mentorships/charter.html", act)


@GET_POST
@signed_in
def end(request, pk: int):
    def act(mentorship, me, data):
        lifecycle.end_mentorship(mentorship, request.user, data["reason"])
        message = _("The mentorship has ended. Thank you for your time.")
        return message, redirect("mentorships:detail", pk=pk)

    return _form_step(request, pk, EndForm, "mentorships/end.html", act)
