"""What a coach (or a program manager) sees of the pairs they supervise: statuses, dates and
health flags — never a preparation, a log, a goal's notes or a progress comment. The overview
is built from plain dataclasses that have no field for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.mentorships.models import (
    Goal,
    Meeting,
    Mentorship,
    Participant,
    Project,
    ProjectMilestone,
)
from tandem.mentorships.permissions import person_of
from tandem.mentorships.services.common import now
from tandem.mentorships.services.goals import LIVE_GOALS
from tandem.mentorships.services.projects import ProjectSummary, summary
from tandem.programs.models import Program

FLAGS = {
    "no-recent-meeting": _("No meeting held for more than one and a half cadences."),
    "two-missed": _("Two meetings missed in a row."),
    "no-goal": _("No goal after the first meeting."),
}


@dataclass(frozen=True)
class GoalStatus:
    title: str
    learner_role: str
    status: str


@dataclass(frozen=True)
class MentorshipHealth:
    mentorship_id: int
    program: str
    people: list[tuple[str, str]]
    status: str
    started_at: dt.datetime | None
    held: list[dt.datetime]
    missed: list[dt.datetime]
    next_meeting: dt.datetime | None
    goals: list[GoalStatus]
    flags: list[str] = field(default_factory=list)
    project: ProjectSummary | None = None  # a project program's: status, counts, dates

    def flag_labels(self) -> list[str]:
        return [str(FLAGS[f]) for f in self.flags]


def supervised(user, program: Program | None = None):
    """Mentorships the user coaches (program coach or enrolment coach) or manages."""
    person = person_of(user)
    q = Q(pk__in=[])
    if person is not None:
        q |= Q(program__coaches=person)
        q |= Q(
            participants__person__enrolments__coach=person,
            participants__person__enrolments__program=F("program"),
        )
    if getattr(user, "is_authenticated", False):
        q |= Q(program__managers=user)
        if user.is_superuser:  # as ``is_program_manager_of``: superusers administer every program
            q = Q()
    qs = Mentorship.objects.filter(q)
    if program is not None:
        qs = qs.filter(program=program)
    return Mentorship.objects.filter(pk__in=qs.values("pk")).select_related("program")


def coach_overview(user, program: Program | None = None, at: dt.datetime | None = None):
    """One query per kind of row, not per pair: the page lists every supervised pair."""
    at = at or now()
    pairs = supervised(user, program).order_by("program_id", "pk")
    return [health(m, at) for m in _with_details(pairs)]


def _with_details(mentorships):
    return mentorships.prefetch_related(
        Prefetch(
            "project",
            queryset=Project.objects.only(
                "mentorship_id", "presentation_date", "delivered_at"
            ).prefetch_related(
                Prefetch(
                    "milestones",
                    queryset=ProjectMilestone.objects.only("project_id", "due", "done_at"),
                )
            ),
        ),
        Prefetch("meetings", queryset=Meeting.objects.only("mentorship_id", "starts_at", "status")),
        Prefetch(
            "goals",
            queryset=Goal.objects.select_related("learner", "topic").only(
                "mentorship_id",
                "title",
                "title_code",
                "status",
                "learner__role",
                "topic__name_en",
                "topic__name_fr",
            ),
        ),
        Prefetch(
            "participants",
            queryset=Participant.objects.exclude(answer=Participant.Answer.DECLINED).select_related(
                "person"
            ),
        ),
    )


def health(mentorship: Mentorship, at: dt.datetime) -> MentorshipHealth:
    """From ``_with_details``' prefetched meetings, goals and participants."""
    meetings = sorted(
        ((m.starts_at, m.status) for m in mentorship.meetings.all()), key=lambda row: row[0]
    )
    held = [s for s, st in meetings if st == Meeting.Status.HELD]
    missed = [s for s, st in meetings if st == Meeting.Status.MISSED]
    upcoming = [s for s, st in meetings if st == Meeting.Status.PLANNED and s > at]
    goals = [
        GoalStatus(title=g.shown_title, learner_role=g.learner.role, status=g.status)
        for g in mentorship.goals.all()
    ]
    return MentorshipHealth(
        mentorship_id=mentorship.pk,
        program=mentorship.program.name,
        people=[(p.person.full_name, p.role) for p in mentorship.participants.all()],
        status=mentorship.status,
        started_at=mentorship.started_at,
        held=held,
        missed=missed,
        next_meeting=upcoming[0] if upcoming else None,
        goals=goals,
        flags=_flags(mentorship, meetings, held, goals, at),
        project=_project(mentorship, at),
    )


def _project(mentorship: Mentorship, at: dt.datetime) -> ProjectSummary | None:
    try:
        project = mentorship.project
    except Project.DoesNotExist:
        return None
    return summary(project, timezone.localdate(at), list(project.milestones.all()))


def _flags(mentorship, meetings, held, goals, at) -> list[str]:
    if mentorship.status != Mentorship.Status.ACTIVE:
        return []
    flags = []
    reference = held[-1] if held else mentorship.started_at
    limit = dt.timedelta(days=1.5 * mentorship.program.cadence_days)
    if reference is not None and at - reference > limit:
        flags.append("no-recent-meeting")
    done = [st for _s, st in meetings if st in (Meeting.Status.HELD, Meeting.Status.MISSED)]
    if done[-2:] == [Meeting.Status.MISSED, Meeting.Status.MISSED]:
        flags.append("two-missed")
    if held and not any(g.status in LIVE_GOALS for g in goals):
        flags.append("no-goal")
    return flags
