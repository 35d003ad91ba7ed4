"""Self-matching pages: a mentee chooses a mentor among the engine's suggestions and asks
with a message; the mentor answers on "Requests"; a program manager approves (``blended``)
and follows the program's requests (names, statuses, dates: never the messages)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.forms import CleanTextMixin
from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import MentorRequest
from tandem.mentorships.permissions import get_mentor_request_for, person_of
from tandem.mentorships.services import requests as service
from tandem.mentorships.views.common import signed_in
from tandem.people.models import Person
from tandem.programs.models import Program
from tandem.programs.permissions import is_program_manager_of


class RequestForm(CleanTextMixin, forms.Form):
    mentor = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    message = forms.CharField(
        label=gettext_lazy("Your message to this mentor"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What you hope to learn; only this mentor reads it."),
    )


class AnswerForm(CleanTextMixin, forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("A word for the mentee (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _person(request) -> Person:
    person = person_of(request.user)
    if person is None:
        raise Http404
    return person


@require_http_methods(["GET", "POST"])
@signed_in
def choose_mentor(request, slug: str):
    """The best available mentors for the mentee's needs, each with why and a request form."""
    program = get_object_or_404(Program, slug=slug)
    mentee = _person(request)
    if not program.enrolments.filter(person=mentee, role="mentee").exists():
        raise Http404
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            mentor = Person.objects.filter(pk=form.cleaned_data["mentor"]).first()
            try:
                if mentor is None:
                    raise MentorshipError(_("Choose a mentor from the list."))
                service.request_mentor(program, request.user, mentor, form.cleaned_data["message"])
            except MentorshipError as e:
                messages.error(request, str(e))
            else:
                messages.success(
                    request,
                    _("Your request is sent to %(name)s; you will be told of the answer.")
                    % {"name": mentor.full_name},
                )
                return redirect("mentorships:requests")
        else:
            messages.error(
                request, _("Choose a mentor from the list; a message is at most 2,000 characters.")
            )
    blocked = service.why_not_choose(program, mentee)
    choices = [] if blocked else service.choices_for(program, mentee)
    context = {"program": program, "blocked": blocked, "choices": choices}
    return render(request, "mentorships/choose_mentor.html", context)


@require_GET
@signed_in
def my_requests(request):
    """Requests the person sent (as a mentee) and received (as a mentor), newest first."""
    person = _person(request)
    mine = MentorRequest.objects.select_related("program", "mentee", "mentor", "mentorship")
    received = list(mine.filter(mentor=person).order_by("-created_at")[:50])
    lexicons: dict = {}
    for asked in received:
        asked.shown_reasons = service.reasons_words(asked, lexicons)
    context = {
        "received": received,
        "sent": list(mine.filter(mentee=person).order_by("-created_at")[:50]),
        "answer_form": AnswerForm(),
        "choose": _programs_to_choose(person),
    }
    return render(request, "mentorships/requests.html", context)


def _programs_to_choose(person: Person) -> list[Program]:
    """The programs where the person may choose a mentor now (for the page's links)."""
    programs = Program.objects.filter(
        enrolments__person=person,
        enrolments__role="mentee",
        enrolments__status="accepted",
        matching_mode__in=["self", "blended"],
        status__in=service.CHOOSING,
    ).distinct()
    return [p for p in programs if service.why_not_choose(p, person) is None]


def _act(request, pk: int, action, done: str, program: Program | None = None):
    mentor_request = get_mentor_request_for(request.user, pk)
    if program is not None and mentor_request.program_id != program.pk:
        raise Http404
    try:
        mentor_request = action(mentor_request)
    except MentorshipError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, done)
    return mentor_request


@require_POST
@signed_in
def accept(request, pk: int):
    done = _act(
        request,
        pk,
        lambda r: service.accept_request(r, request.user),
        _("You accepted the request."),
    )
    if done.mentorship_id:
        return redirect("mentorships:detail", pk=done.mentorship_id)
    return redirect("mentorships:requests")


@require_POST
@signed_in
def decline(request, pk: int):
    form = AnswerForm(request.POST)
    answer = form.cleaned_data["answer"] if form.is_valid() else ""
    _act(
        request,
        pk,
        lambda r: service.decline_request(r, request.user, answer),
        _("You declined the request."),
    )
    return redirect("mentorships:requests")


@require_POST
@signed_in
def withdraw(request, pk: int):
    _act(
        request,
        pk,
        lambda r: service.withdraw_request(r, request.user),
        _("Your request is withdrawn."),
    )
    return redirect("mentorships:requests")


def _managed_program(request, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not is_program_manager_of(request.user, program):
        raise Http404
    return program


@require_GET
@signed_in
def program_requests(request, slug: str):
    """A manager's view of the program's requests: who asked whom, statuses, dates."""
    program = _managed_program(request, slug)
    rows = MentorRequest.objects.filter(program=program).select_related("mentee", "mentor")
    context = {
        "program": program,
        "waiting": list(rows.filter(status=MentorRequest.Status.APPROVAL).order_by("answered_at")),
        "others": list(
            rows.exclude(status=MentorRequest.Status.APPROVAL).order_by("-created_at")[:200]
        ),
    }
    return render(request, "mentorships/program_requests.html", context)


@require_POST
@signed_in
def approve(request, slug: str, pk: int):
    program = _managed_program(request, slug)
    _act(
        request,
        pk,
        lambda r: service.approve_request(r, request.user),
        _("The pair is made."),
        program,
    )
    return redirect("mentorships:program-requests", slug=slug)


@require_POST
@signed_in
def refuse(request, slug: str, pk: int):
    program = _managed_program(request, slug)
    _act(
        request,
        pk,
        lambda r: service.refuse_request(r, request.user),
        _("The request is refused."),
        program,
    )
    return redirect("mentorships:program-requests", slug=slug)
