"""The demo's self-matching program: running for two weeks, its mentees choose their mentor
among the engine's suggestions. The printed mentee has still to choose (a to-do on their
home), and one leader's request waits for the printed mentor's answer."""

from __future__ import annotations

import datetime as dt
import random

from tandem.demo import data, programs
from tandem.demo.org import Org
from tandem.demo.skills import Cast
from tandem.matching.services.suggestions import check_pair
from tandem.mentorships.models import MentorRequest
from tandem.people.models import Evidence, Person, Topic
from tandem.programs.models import MatchingMode, Program, TrainingModule

CHOOSING_SLUG = "digital-toolbox"
MENTORS = 10
MENTEES = 6


def create_choosing(org: Org, cast: Cast, rng: random.Random, today: dt.date, showcase) -> Program:
    """``showcase`` is the printed (mentor, mentee): both take part here too."""
    mentor, mentee = showcase
    start = today - dt.timedelta(days=14 + today.weekday())
    program = Program.objects.create(
        **data.CHOOSING_PROGRAM,
        slug=CHOOSING_SLUG,
        format=Program.Format.ONE_TO_ONE,
        start=start,
        end=start + dt.timedelta(days=168),
        min_evidence=Evidence.ENDORSED,
        status=Program.Status.RUNNING,
        matching_mode=MatchingMode.SELF,
        request_days=7,
        sponsor=org.sponsor,
    )
    program.topics.set(Topic.objects.filter(slug__in=data.GENAI_TOPICS + data.OTHER_JUNIOR_TOPICS))
    program.managers.add(org.program_manager.user)
    program.coaches.add(org.coach)
    program.required_modules.set(TrainingModule.objects.all())
    mentors = [mentor, *[p for p in cast.other_juniors if p != mentor][: MENTORS - 1]]
    mentees = [mentee, *[p for p in cast.genai_mentees if p != mentee][-(MENTEES - 1) :]]
    programs.enrol(program, mentors, "mentor", rng, coach=org.coach)
    programs.enrol(program, mentees, "mentee", rng, coach=org.coach)
    programs.complete_training(program, mentors[1:], rng)  # the first trained for GenAI
    _pending_request(program, mentor, mentees[1:], today)
    return program


def _pending_request(program: Program, mentor: Person, mentees: list[Person], today) -> None:
    """The first leader the rules allow with the printed mentor asked them three days ago."""
    for mentee in mentees:
        check = check_pair(program, mentee, mentor)
        if not check.refusals and check.score > 0:
            request = MentorRequest.objects.create(
                program=program,
                mentee=mentee,
                mentor=mentor,
                message=data.REQUEST_MESSAGE,
                score=check.score,
                reasons=check.reasons,
                expires_at=programs._at(today + dt.timedelta(days=program.request_days - 3)),
            )
            MentorRequest.objects.filter(pk=request.pk).update(
                created_at=programs._at(today - dt.timedelta(days=3))
            )
            return
