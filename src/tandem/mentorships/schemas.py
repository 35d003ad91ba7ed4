"""The shapes of the mentorships API: what goes in and out, and the confidential fields
(goal notes) that only the pair's routes fill."""

import datetime as dt

from ninja import Field, ModelSchema, Schema

from tandem.accounts.fields import confidential_texts
from tandem.accounts.schemas import InputSchema, QuerySchema, Text
from tandem.mentorships.models import (
    FallbackReason,
    Goal,
    Meeting,
    MeetingLog,
    Mentorship,
    Participant,
    Preparation,
)
from tandem.mentorships.services.why import reasons_for, warnings_for
from tandem.programs.permissions import is_program_manager_of


def _reads_as_manager(mentorship, context) -> bool:
    request = (context or {}).get("request")
    return bool(request) and is_program_manager_of(request.user, mentorship.program)


class ParticipantOut(Schema):
    id: int
    person_id: int
    full_name: str = Field(..., alias="person.full_name")
    role: str
    answer: str
    charter_signed_at: dt.datetime | None


class MentorshipOut(Schema):
    id: int
    program_id: int
    status: str
    score: int | None
    reasons: list[str] = Field(
        ..., description="Why this pair, in the reader's language (the pair reads its own part)."
    )
    warnings: list[str] = Field(
        [], description="For the program's managers: the rules a manager's decision broke."
    )
    created_at: dt.datetime
    accepted_at: dt.datetime | None
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    version: int
    participants: list[ParticipantOut]

    @staticmethod
    def resolve_participants(mentorship):
        return list(mentorship.participants.select_related("person").order_by("pk"))

    @staticmethod
    def resolve_reasons(mentorship, context):
        return reasons_for(mentorship, manager=_reads_as_manager(mentorship, context))

    @staticmethod
    def resolve_warnings(mentorship, context):
        if not _reads_as_manager(mentorship, context):
            return []
        return warnings_for(mentorship)


class MentorshipFilter(QuerySchema):
    program: int | None = None
    status: Mentorship.Status | None = None
    role: Participant.Role | None = Field(None, description="Where I am this role.")
    topic: str | None = Field(None, description="A topic slug of the mentorship's goals.")


class ReasonIn(InputSchema):
    reason: Text = ""


class GoalOut(Schema):
    id: int
    mentorship_id: int
    learner_id: int
    topic: str | None
    title: str
    start_level: int
    level: int
    target_level: int
    criteria: str
    status: str
    notes: str | None = Field(None, description="Confidential: returned to the pair only.")


class GoalIn(InputSchema):
    learner: int = Field(..., description="The learner's participant id.")
    title: str = Field(..., min_length=1, max_length=200)
    topic: str | None = Field(None, description="A topic slug.")
    target_level: int = Field(2, ge=1, le=4)
    criteria: Text = ""
    notes: Text = ""


class GoalPatch(InputSchema):
    title: str | None = Field(None, min_length=1, max_length=200)
    target_level: int | None = Field(None, ge=1, le=4)
    criteria: Text | None = None
    notes: Text | None = None
    status: Goal.Status | None = None


class MeetingOut(Schema):
    id: int
    mentorship_id: int
    starts_at: dt.datetime
    minutes: int
    status: str
    sequence: int
    fallback_time: bool
    fallback_reason: str = Field(
        "",
        description=(
            "Why a default time: none_given, no_common, none_near, or (for the program's "
            "managers only) override: a manager paired them against the free-time rule."
        ),
    )
    has_log: bool

    @staticmethod
    def resolve_has_log(meeting):
        return MeetingLog.objects.filter(meeting_id=meeting.pk).exists()

    @staticmethod
    def resolve_fallback_reason(meeting, context):
        reason = meeting.fallback_reason
        request = (context or {}).get("request")
        if reason == FallbackReason.OVERRIDE and not (
            request and is_program_manager_of(request.user, meeting.mentorship.program)
        ):
            return FallbackReason.NO_COMMON
        return reason


class MoveIn(InputSchema):
    starts_at: dt.datetime = Field(..., description="With its time zone, e.g. +02:00.")


class MeetingStatusIn(InputSchema):
    status: Meeting.Status


class PreparationIn(ModelSchema, InputSchema):
    """The preparation's texts, read off the model (``confidential_texts``)."""

    class Meta:
        model = Preparation
        fields = confidential_texts(Preparation)


class PreparationOut(PreparationIn):
    id: int
    meeting_id: int
    author_id: int
    updated_at: dt.datetime


class ProgressIn(InputSchema):
    goal: int
    level: int | None = Field(None, ge=0, le=4)
    status: Goal.Status | None = None
    comment: Text = ""


class LogTexts(ModelSchema, InputSchema):
    """The log's texts, read off the model (``confidential_texts``)."""

    class Meta:
        model = MeetingLog
        fields = confidential_texts(MeetingLog)


class LogIn(LogTexts):
    next_topic_refs: list[str] = Field([], description="Topic slugs for next time.")
    progress: list[ProgressIn] = []


class LogOut(LogTexts):
    id: int
    meeting_id: int
    next_topic_refs: list[str]
    updated_at: dt.datetime

    @staticmethod
    def resolve_next_topic_refs(log):
        return sorted(log.next_topic_refs.values_list("slug", flat=True))


class CalendarLinkOut(Schema):
    url: str = Field(..., description="Private: shown only now; anyone with it sees your dates.")
