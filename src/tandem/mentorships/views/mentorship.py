"""The mentorship page: partner(s), status, what to do next, the schedule and the goals.

Read in a fixed number of queries whatever the number of meetings and goals: meetings come
with "has a log" and "I prepared" as annotations, goals with their milestones prefetched.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tandem.mentorships.forms import DeclineForm
from tandem.mentorships.models import (
    CalendarFeed,
    ClosingReview,
    Goal,
    Meeting,
    MeetingLog,
    Mentorship,
    Participant,
    Preparation,
    Project,
)
from tandem.mentorships.permissions import mentorships_of
from tandem.mentorships.services.lifecycle import activation_blockers
from tandem.mentorships.services.projects import summary
from tandem.mentorships.services.why import reasons_for
from tandem.mentorships.views.common import my_mentorship_and_people, signed_in
from tandem.mentorships.views.meeting_calendar import mentorship_context

Status = Mentorship.Status
DECLINED = Participant.Answer.DECLINED


def meetings_of(mentorship: Mentorship, me: Participant):
    """The mentorship's meetings with two flags each, in one query."""
    return (
        Meeting.objects.filter(mentorship=mentorship)
        .annotate(
            has_log=Exists(MeetingLog.objects.filter(meeting=OuterRef("pk"))),
            prepared=Exists(Preparation.objects.filter(meeting=OuterRef("pk"), author=me)),
        )
        .order_by("starts_at", "pk")
    )


def goals_of(mentorship: Mentorship) -> list[Goal]:
    return list(
        mentorship.goals.select_related("learner__person", "topic")
        .prefetch_related("milestones")
        .order_by("learner__role", "pk")
    )


def _people(mentorship: Mentorship, me: Participant) -> list[Participant]:
    people = list(
        mentorship.participants.select_related("person")
        .annotate(reviewed=Exists(ClosingReview.objects.filter(participant=OuterRef("pk"))))
        .order_by("role", "pk")
    )
    me.reviewed = any(p.pk == me.pk and p.reviewed for p in people)
    me.has_feed = CalendarFeed.objects.filter(
        person_id=me.person_id, revoked_at__isnull=True
    ).exists()
    return people


def page_context(mentorship: Mentorship, me: Participant, people=None) -> dict:
    """``people`` as ``my_mentorship_and_people`` reads them (else they are read here)."""
    if people is None:
        people = _people(mentorship, me)
    meetings = list(meetings_of(mentorship, me)) if mentorship.status != Status.PROPOSED else []
    now = timezone.now()
    upcoming = [m for m in meetings if m.status == Meeting.Status.PLANNED and m.ends_at > now]
    return {
        "mentorship": mentorship,
        "program": mentorship.program,
        "me": me,
        "others": [p for p in people if p.pk != me.pk],
        "people": people,
        "meetings": meetings,
        "next_meeting": upcoming[0] if upcoming else None,
        "goals": goals_of(mentorship) if mentorship.status != Status.PROPOSED else [],
        "blockers": activation_blockers(mentorship) if mentorship.status == Status.ACCEPTED else [],
        "has_feed": me.has_feed,
        "reviewed": me.reviewed,
        "reviews_missing": (
            [p.person.full_name for p in people if p.answer != DECLINED and not p.reviewed]
            if mentorship.status == Status.ACTIVE
            else []
        ),
        "zone": timezone.get_current_timezone_name(),
        "now": now,
        "project": _project(mentorship),
    }


def _project(mentorship: Mentorship):
    """A project program's project with its summary (no query for the other formats)."""
    if mentorship.program.format != "project":
        return None
    project = Project.objects.filter(mentorship=mentorship).first()
    return (project, summary(project)) if project is not None else None


@require_GET
@signed_in
def mentorship_page(request, pk: int):
    mentorship, me, people = my_mentorship_and_people(request, pk)
    context = {**page_context(mentorship, me, people), **mentorship_context(mentorship)}
    if mentorship.status == Status.PROPOSED:
        context["decline_form"] = DeclineForm()
        context["reasons"] = reasons_for(mentorship, manager=False)
    return render(request, "mentorships/mentorship.html", context)


@require_GET
@signed_in
def mentorship_list(request):
    """The user's own mentorships, newest first, with everyone's names."""
    mentorships = (
        mentorships_of(request.user)
        .select_related("program")
        .prefetch_related(
            Prefetch("participants", Participant.objects.select_related("person").order_by("role"))
        )
        .order_by("-created_at", "-pk")
    )
    return render(request, "mentorships/list.html", {"mentorships": mentorships})
