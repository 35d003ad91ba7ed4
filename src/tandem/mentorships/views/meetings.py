"""One meeting: its page (agenda, both preparations, the log), preparing, moving, marking
held or missed, writing the log, and its ``.ics`` invitation. Participants only."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.forms.models import ModelChoiceIteratorValue, model_to_dict
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.fields import confidential_texts
from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.forms import (
    AgendaForm,
    LogForm,
    MeetingStatusForm,
    MoveMeetingForm,
    PreparationForm,
)
from tandem.mentorships.models import Goal, Meeting, MeetingLog, Preparation
from tandem.mentorships.permissions import get_pair_meeting_for, require_participant
from tandem.mentorships.services import journal, schedule
from tandem.mentorships.services.calendar import meeting_ics
from tandem.mentorships.views.common import (
    form_data,
    form_saved,
    is_htmx,
    signed_in,
    tell_outcome,
)
from tandem.mentorships.views.meeting_calendar import meeting_context
from tandem.mentorships.views.mentorship import meetings_of

GET_POST = require_http_methods(["GET", "POST"])


def _meeting(request, pk: int):
    """The meeting (its pair only: ``get_pair_meeting_for``, as the API) and the user's place
    in the pair; a 404 for anyone else."""
    meeting = get_pair_meeting_for(
        request.user, pk, "mentorship__program__integration", "mentorship__video_link"
    )
    me = require_participant(request.user, meeting.mentorship)
    me.mentorship = meeting.mentorship  # services reading ``me.mentorship`` need no query
    return meeting, me


def _context(meeting: Meeting, me, **extra) -> dict:
    return {"meeting": meeting, "mentorship": meeting.mentorship, "me": me, **extra}


def _texts(row, labels: dict) -> list[tuple[str, str]]:
    """A preparation's or a log's texts, each with its label, in the model's order."""
    return [(label, getattr(row, name)) for name, label in labels.items()]


# Read as the pair reads them: a preparation by the model's names, a log as its form asks.
PREPARATION_LABELS = {
    name: capfirst(Preparation._meta.get_field(name).verbose_name)
    for name in confidential_texts(Preparation)
}
LOG_LABELS = {name: LogForm.base_fields[name].label for name in LogForm._meta.fields}


def _choices(field, objects) -> None:
    """Render a model choice field from rows already read (the queryset stays for POSTs)."""
    field.widget.choices = [
        (ModelChoiceIteratorValue(o.pk, o), field.label_from_instance(o)) for o in objects
    ]


@require_GET
@signed_in
def meeting_page(request, pk: int):
    """Every row is read once: the agenda proposal, the form's choices and the page share
    the mentorship's goals and the program's topics (a fixed number of queries)."""
    meeting, me = _meeting(request, pk)
    preparations = list(meeting.preparations.select_related("author__person"))
    log = MeetingLog.objects.filter(meeting=meeting).first()
    goals = list(meeting.mentorship.goals.select_related("topic"))
    topics = journal.allowed_topic_list(meeting.mentorship)
    agenda = journal.agenda_proposal(meeting, goals, topics)
    agenda_topics = list(meeting.agenda_topics.all())
    agenda_goal_ids = set(meeting.agenda_goals.values_list("pk", flat=True))
    agenda_goals = [g for g in goals if g.pk in agenda_goal_ids]
    form = AgendaForm(
        initial={
            "topics": agenda_topics or agenda["topics"],
            "goals": agenda_goals or agenda["goals"],
        },
        mentorship=meeting.mentorship,
        topics=topics,
    )
    _choices(form.fields["topics"], topics)
    _choices(form.fields["goals"], goals)
    context = _context(
        meeting,
        me,
        preparations=[(prep, _texts(prep, PREPARATION_LABELS)) for prep in preparations],
        log=log,
        log_texts=_texts(log, LOG_LABELS) if log else [],
        progress=list(log.progress.select_related("goal__topic")) if log else [],
        agenda_topics=agenda_topics,
        agenda_goals=agenda_goals,
        agenda_form=form,
        **meeting_context(meeting),
        can_log=journal.can_log(meeting),
    )
    return render(request, "mentorships/meeting.html", context)


@require_POST
@signed_in
def agenda(request, pk: int):
    meeting, me = _meeting(request, pk)
    form = AgendaForm(request.POST, mentorship=meeting.mentorship)
    if form.is_valid():
        tell_outcome(
            request,
            lambda: journal.set_agenda(
                meeting, request.user, form.cleaned_data["topics"], form.cleaned_data["goals"]
            ),
            _("The agenda is saved."),
        )
    else:
        messages.error(request, _("Choose topics and goals from the lists."))
    return redirect("mentorships:meeting", pk=pk)


@GET_POST
@signed_in
def prepare(request, pk: int):
    meeting, me = _meeting(request, pk)
    mine = Preparation.objects.filter(meeting=meeting, author=me).first()
    initial = model_to_dict(mine, PreparationForm._meta.fields) if mine else {}
    form = PreparationForm(form_data(request), initial=initial)
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: journal.write_preparation(meeting, request.user, **form.texts()),
        _("Your preparation is saved; your partner can read it."),
    ):
        return redirect("mentorships:meeting", pk=pk)
    return render(request, "mentorships/prepare.html", _context(meeting, me, form=form))


def _log_initial(log: MeetingLog | None) -> dict:
    if log is None:
        return {}
    return model_to_dict(log, LogForm._meta.fields) | {"next_topic_refs": log.next_topic_refs.all()}


@GET_POST
@signed_in
def write_log(request, pk: int):
    """Only for a meeting that took place: anyone reaching it earlier (an old link, a typed
    address) is sent back to the meeting with the reason."""
    meeting, me = _meeting(request, pk)
    if refusal := journal.log_refusal(meeting):
        messages.error(request, refusal)
        return redirect("mentorships:meeting", pk=pk)
    log = MeetingLog.objects.filter(meeting=meeting).first()
    goals = list(
        meeting.mentorship.goals.filter(status__in=journal.OPEN_GOALS + (Goal.Status.REACHED,))
        .select_related("learner__person", "topic")
        .order_by("learner__role", "pk")
    )
    topics = journal.allowed_topic_list(meeting.mentorship)
    form = LogForm(
        form_data(request),
        initial=_log_initial(log),
        mentorship=meeting.mentorship,
        goals=goals,
        topics=topics,
    )
    _choices(form.fields["next_topic_refs"], topics)
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: journal.write_log(
            meeting,
            request.user,
            next_topic_refs=form.cleaned_data["next_topic_refs"],
            progress=form.progress(),
            **form.texts(),
        ),
        _("The log is saved. Only your pair can read it."),
    ):
        return redirect("mentorships:meeting", pk=pk)
    return render(request, "mentorships/log.html", _context(meeting, me, form=form, log=log))


@GET_POST
@signed_in
def move(request, pk: int):
    meeting, me = _meeting(request, pk)
    form = MoveMeetingForm(form_data(request), initial={"starts_at": meeting.starts_at})
    if request.method == "POST" and form.is_valid():
        try:
            schedule.move_meeting(meeting, request.user, form.cleaned_data["starts_at"])
        except MentorshipError as e:
            form.add_error("starts_at", str(e))
        else:
            messages.success(request, _("The meeting is moved; calendars will follow."))
            return redirect("mentorships:detail", pk=meeting.mentorship_id)
    return render(request, "mentorships/move.html", _context(meeting, me, form=form))


@require_POST
@signed_in
def set_status(request, pk: int):
    """Held, missed or cancelled; htmx swaps the one row, a plain POST reloads the page."""
    meeting, me = _meeting(request, pk)
    form = MeetingStatusForm(request.POST)
    error = None
    if not form.is_valid():
        error = _("Choose held, missed or cancelled.")
    else:
        try:
            with transaction.atomic():
                schedule.set_meeting_status(meeting, request.user, form.cleaned_data["status"])
        except MentorshipError as e:
            error = str(e)
    if is_htmx(request):
        row = meetings_of(meeting.mentorship, me).get(pk=meeting.pk)
        context = {"m": row, "mentorship": meeting.mentorship, "row_error": error}
        return render(request, "mentorships/_meeting_row.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The meeting's status is saved."))
    return redirect("mentorships:detail", pk=meeting.mentorship_id)


@require_GET
@signed_in
def invitation(request, pk: int):
    meeting, _me = _meeting(request, pk)
    response = HttpResponse(
        meeting_ics(meeting, get_language() or "en"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="tandem-meeting-{meeting.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
