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


@GET_POST
@signed_in
def decline(request, pk: int):
    mentorship, me = my_mentorship(request, pk)
    form = DeclineForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            with new_version(mentorship):
                lifecycle.decline_proposal(me, request.user, form.cleaned_data["reason"])
        except MentorshipError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("You declined. Your reason goes to the program manager."))
            return redirect("web:home")
    context = page_context(mentorship, me) | {"form": form}
    return render(request, "mentorships/decline.html", context)


@GET_POST
@signed_in
def charter(request, pk: int):
    mentorship, me = my_mentorship(request, pk)
    form = CharterForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            with new_version(mentorship):
                mentorship = lifecycle.sign_charter(me, request.user)
        except MentorshipError as e:
            form.add_error(None, str(e))
        else:
            if mentorship.status == Mentorship.Status.ACTIVE:
                messages.success(request, _("The charter is signed: your mentorship has started."))
            else:
                messages.success(request, _("You signed the charter."))
            return redirect("mentorships:detail", pk=pk)
    context = page_context(mentorship, me) | {"form": form}
    return render(request, "mentorships/charter.html", context)


@GET_POST
@signed_in
def end(request, pk: int):
    mentorship, me = my_mentorship(request, pk)
    form = EndForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            with new_version(mentorship):
                lifecycle.end_mentorship(mentorship, request.user, form.cleaned_data["reason"])
        except MentorshipError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("The mentorship has ended. Thank you for your time."))
            return redirect("mentorships:detail", pk=pk)
    context = page_context(mentorship, me) | {"form": form}
    return render(request, "mentorships/end.html", context)
