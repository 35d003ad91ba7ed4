"""Surveys at three moments: baseline when a mentorship starts, midpoint halfway through the
program, final at the program's end or the mentorship's completion. ``refresh_dues`` works the
dues out from the mentorships' state (idempotent; ``tandem remind`` runs it), the respondent
answers, and a manager may add questions to a program's surveys."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.insights.catalogue import builtin_questions
from tandem.insights.errors import InsightsError
from tandem.insights.models import CHOICES, Answer, Kind, Moment, Question, Survey, SurveyDue
from tandem.insights.services import summary
from tandem.mentorships.models import Goal, Mentorship, Participant
from tandem.people.models import Topic
from tandem.programs.models import Program
from tandem.programs.permissions import is_program_manager_of

SURVEYED = (Mentorship.Status.ACTIVE, Mentorship.Status.COMPLETED)


def ensure_surveys(program: Program) -> dict[tuple[str, str], Survey]:
    """The program's six surveys with their built-in questions (created on first use)."""
    surveys = {(s.moment, s.role): s for s in program.surveys.all()}
    if len(surveys) == len(Moment.values) * len(Participant.Role.values):
        return surveys
    with transaction.atomic():
        for moment in Moment.values:
            for role in Participant.Role.values:
                survey, created = Survey.objects.get_or_create(
                    program=program, moment=moment, role=role
                )
                surveys[(moment, role)] = survey
                if created:
                    Question.objects.bulk_create(
                        Question(
                            survey=survey,
                            key=key,
                            kind=kind,
                            per_topic=per_topic,
                            text_en=en,
                            text_fr=fr,
                            builtin=True,
                            position=i,
                        )
                        for i, (key, kind, per_topic, en, fr) in enumerate(
                            builtin_questions(moment, role)
                        )
                    )
    return surveys


def midpoint(program: Program) -> dt.date:
    return program.start + (program.end - program.start) / 2


def _dates(program: Program, status, started_at, ended_at) -> dict[str, dt.date]:
    """When each survey is due for a mentorship; a late start skips the midpoint."""
    started = timezone.localdate(started_at)
    final = program.end
    if status == Mentorship.Status.COMPLETED and ended_at:
        final = min(timezone.localdate(ended_at), program.end)
    dates = {Moment.BASELINE: started, Moment.FINAL: max(final, started)}
    if started < midpoint(program) < final:
        dates[Moment.MIDPOINT] = midpoint(program)
    return dates


def refresh_dues(program: Program) -> int:
    """Create the missing dues of the program's started mentorships and move unanswered final
    dues to an earlier completion; returns how many were created. Safe to run any time (plain
    tuples, no model instances: it runs on every ``tandem remind``)."""
    surveys = ensure_surveys(program)
    mentorships = Mentorship.objects.filter(
        program=program, status__in=SURVEYED, started_at__isnull=False
    )
    people = {}
    for mentorship_id, person_id, role in (
        Participant.objects.filter(mentorship__in=mentorships)
        .exclude(answer=Participant.Answer.DECLINED)
        .values_list("mentorship_id", "person_id", "role")
    ):
        people.setdefault(mentorship_id, []).append((person_id, role))
    existing = {
        (survey_id, person_id, mentorship_id): (pk, due_on)
        for pk, survey_id, person_id, mentorship_id, due_on in SurveyDue.objects.filter(
            survey__program=program, answered_at__isnull=True
        ).values_list("pk", "survey_id", "person_id", "mentorship_id", "due_on")
    }
    answered = set(
        SurveyDue.objects.filter(survey__program=program, answered_at__isnull=False).values_list(
            "survey_id", "person_id", "mentorship_id"
        )
    )
    new, moved = [], []
    for pk, status, started_at, ended_at in mentorships.values_list(
        "pk", "status", "started_at", "ended_at"
    ):
        for moment, due_on in _dates(program, status, started_at, ended_at).items():
            for person_id, role in people.get(pk, []):
                key = (surveys[(moment, role)].pk, person_id, pk)
                if key in answered:
                    continue
                if key not in existing:
                    new.append(
                        SurveyDue(
                            survey_id=key[0], person_id=person_id, mentorship_id=pk, due_on=due_on
                        )
                    )
                elif existing[key][1] != due_on:
                    moved.append(SurveyDue(pk=existing[key][0], due_on=due_on))
    SurveyDue.objects.bulk_create(new, batch_size=5000, ignore_conflicts=True)
    SurveyDue.objects.bulk_update(moved, ["due_on"], batch_size=5000)
    return len(new)


def open_dues(person, today: dt.date | None = None):
    """What the person can answer now."""
    today = today or timezone.localdate()
    return (
        SurveyDue.objects.filter(person=person, answered_at__isnull=True, due_on__lte=today)
        .exclude(mentorship__status__in=[Mentorship.Status.ENDED, Mentorship.Status.DECLINED])
        .select_related("survey__program")
    )


def goal_topics(due: SurveyDue) -> list[Topic]:
    """Topics of the respondent's goals in that mentorship (per-topic questions ask each)."""
    ids = (
        Goal.objects.filter(
            mentorship=due.mentorship, learner__person=due.person, topic__isnull=False
        )
        .exclude(status=Goal.Status.DROPPED)
        .values("topic_id")
    )
    return list(Topic.objects.filter(pk__in=ids).order_by("name_en"))


def form_items(due: SurveyDue) -> list[tuple[str, Question, Topic | None]]:
    """(field name, question, topic) for each thing to answer."""
    items = []
    topics = goal_topics(due)
    for q in due.survey.questions.all():
        for topic in topics if q.per_topic else [None]:
            name = f"q{q.pk}" + (f"-t{topic.pk}" if topic else "")
            items.append((name, q, topic))
    return items


def question_label(question: Question, topic: Topic | None) -> str:
    return question.label(topic)


def submit_answers(due: SurveyDue, actor, data: dict) -> SurveyDue:
    """Record every answer at once; each must be one of the question's values."""
    if due.person.user_id != getattr(actor, "pk", None):
        raise InsightsError(_("Only the respondent can answer this survey."))
    if due.answered_at is not None:
        raise InsightsError(_("You have already answered this survey. Thank you!"))
    if due.due_on > timezone.localdate():
        raise InsightsError(_("This survey opens on %(d)s.") % {"d": due.due_on})
    rows = []
    for name, question, topic in form_items(due):
        raw = str(data.get(name, "")).strip()
        allowed = {v for v, _label in CHOICES[question.kind]}
        if not raw.lstrip("-").isdecimal() or int(raw) not in allowed:
            raise InsightsError(_("Please answer: %(q)s") % {"q": question_label(question, topic)})
        rows.append(
            Answer(due=due, person_id=due.person_id, question=question, topic=topic, value=int(raw))
        )
    with transaction.atomic():
        due = SurveyDue.objects.select_for_update().get(pk=due.pk)
        if due.answered_at is not None:
            raise InsightsError(_("You have already answered this survey. Thank you!"))
        Answer.objects.bulk_create(rows)  # no signal: the summaries are told below
        due.answered_at = timezone.now()
        due.save(update_fields=["answered_at"])
        summary.mark(due.mentorship_id)
    return due


def add_question(
    program: Program, actor, *, moment: str, role: str, kind: str, text_en: str, text_fr: str = ""
) -> Question:
    """A manager's own question on one of the program's surveys (numbers only: aggregates)."""
    if not is_program_manager_of(actor, program):
        raise InsightsError(_("Only the program's managers can add questions."))
    if moment not in Moment.values:
        raise InsightsError(_("Unknown moment: %(m)s.") % {"m": moment})
    if role not in Participant.Role.values:
        raise InsightsError(_("Unknown role: %(r)s.") % {"r": role})
    if kind not in Kind.values:
        raise InsightsError(_("Unknown kind of question: %(k)s.") % {"k": kind})
    text_en = (text_en or "").strip()
    if not text_en:
        raise InsightsError(_("The question needs an English text."))
    if len(text_en) > 300 or len(text_fr or "") > 300:
        raise InsightsError(_("A question is at most 300 characters long."))
    survey = ensure_surveys(program)[(moment, role)]
    with transaction.atomic():
        question = Question.objects.create(
            survey=survey,
            key=f"custom-{secrets.token_hex(6)}",
            kind=kind,
            text_en=text_en,
            text_fr=(text_fr or "").strip() or text_en,
            position=100 + survey.questions.count(),
            created_by=actor,
        )
        record(actor, "insights.question_added", question, program=program.pk)
    return question
