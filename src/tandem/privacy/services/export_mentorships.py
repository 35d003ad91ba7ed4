"""The mentorships part of a personal export: each pair with its goals, meetings,
preparations and logs, decrypted, since the pair alone reads them and the person is one."""

from __future__ import annotations

from django.db.models import Prefetch

from tandem.mentorships.models import (
    ClosingReview,
    Goal,
    Meeting,
    MeetingLog,
    Participant,
    Preparation,
    Project,
)
from tandem.mentorships.services.why import reasons_for
from tandem.privacy.services.confidential import texts_of


def _name(participant: Participant | None, me: Participant) -> str | None:
    if participant is None:
        return None
    return "me" if participant.pk == me.pk else participant.person.full_name


def _goal(goal: Goal, me: Participant) -> dict:
    return {
        "learner": _name(goal.learner, me),
        "topic": goal.topic.slug if goal.topic_id else None,
        "title": goal.shown_title,
        "start_level": goal.start_level,
        "level": goal.level,
        "target_level": goal.target_level,
        "criteria": goal.criteria,
        "notes": goal.notes,
        "status": goal.status,
        "milestones": [
            {"title": m.title, "due": m.due, "reached_at": m.reached_at}
            for m in goal.milestones.all()
        ],
        "progress": [
            {"meeting_log": p.log_id, "level": p.level, "status": p.status, "comment": p.comment}
            for p in goal.progress.all()
        ],
    }


def _log(log: MeetingLog | None, me: Participant) -> dict | None:
    if log is None:
        return None
    data = {"id": log.pk, "author": _name(log.author, me)}
    data.update({name: getattr(log, name) for name in texts_of(MeetingLog)})
    data.update(created_at=log.created_at, updated_at=log.updated_at)
    return data


def _meeting(meeting: Meeting, me: Participant) -> dict:
    try:
        log = meeting.log
    except MeetingLog.DoesNotExist:
        log = None
    return {
        "starts_at": meeting.starts_at,
        "minutes": meeting.minutes,
        "status": meeting.status,
        "preparations": [
            {"author": _name(p.author, me)} | {n: getattr(p, n) for n in texts_of(Preparation)}
            for p in meeting.preparations.all()
        ],
        "log": _log(log, me),
    }


def _review(me: Participant) -> dict | None:
    review = ClosingReview.objects.filter(participant=me).first()
    if review is None:
        return None
    return {
        "goals_reached": review.goals_reached,
        "autonomy": review.autonomy,
        "next_steps": review.next_steps,
        "would_recommend": review.would_recommend,
        "submitted_at": review.submitted_at,
    }


def _mentorship(me: Participant) -> dict:
    m = me.mentorship
    return {
        "id": m.pk,
        "program": str(m.program),
        "status": m.status,
        "my_role": me.role,
        "my_answer": me.answer,
        "answered_at": me.answered_at,
        "decline_reason": me.decline_reason,
        "charter_signed_at": me.charter_signed_at,
        "partners": [
            {"name": p.person.full_name, "role": p.role}
            for p in m.participants.all()
            if p.pk != me.pk
        ],
        "score": m.score,
        "reasons": reasons_for(m, manager=False),
        "created_at": m.created_at,
        "started_at": m.started_at,
        "ended_at": m.ended_at,
        "goals": [_goal(g, me) for g in m.goals.all()],
        "meetings": [_meeting(meeting, me) for meeting in m.meetings.all()],
        "closing_review": _review(me),
        "project": _project(m),
    }


def _project(mentorship) -> dict | None:
    """A project program's project: the pair's own texts, decrypted."""
    try:
        project = mentorship.project
    except Project.DoesNotExist:
        return None
    return {
        "deliverable": project.deliverable,
        "presentation_date": project.presentation_date,
        "delivered_at": project.delivered_at,
        "milestones": [
            {"title": m.title, "due": m.due, "done_at": m.done_at} for m in project.milestones.all()
        ],
    }


def for_person(person) -> list[dict]:
    participants = Participant.objects.select_related("person")
    rows = (
        Participant.objects.filter(person=person)
        .select_related("mentorship__program")
        .prefetch_related(
            Prefetch("mentorship__participants", participants),
            Prefetch(
                "mentorship__goals",
                Goal.objects.select_related("topic", "learner__person").prefetch_related(
                    "milestones", "progress"
                ),
            ),
            Prefetch("mentorship__project", Project.objects.prefetch_related("milestones")),
            Prefetch(
                "mentorship__meetings",
                Meeting.objects.select_related("log__author__person").prefetch_related(
                    Prefetch("preparations", Preparation.objects.select_related("author__person"))
                ),
            ),
        )
        .order_by("mentorship_id")
    )
    return [_mentorship(me) for me in rows]
