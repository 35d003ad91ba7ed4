"""The before/after answer pairs the dashboard sums stay equal to the answers: as surveys are
answered, when answers or dues are deleted, after a commit, and after a rebuild; and the
figures computed from them are those worked out by hand (``test_metrics``)."""

import datetime as dt

import time_machine
from django.core.management import call_command
from django.db import connection

from tandem.insights.models import Answer, AnswerPair, Moment, StaleMentorship, SurveyDue
from tandem.insights.services import metrics, pairing, summary, surveys
from tests.insights import builders as b
from tests.insights.conftest import LEVEL_AFTER, LEVEL_BEFORE, answer_mentees


def truth(program) -> set:
    """Every (mentorship, person, key, role, topic, before, after), worked out from the answers
    one by one."""
    answers = Answer.objects.filter(due__survey__program=program).select_related(
        "due__survey", "question"
    )
    found = {}
    for a in answers:
        if a.question.key not in pairing.PAIRED_KEYS or a.due.survey.moment == Moment.MIDPOINT:
            continue
        key = (a.due.mentorship_id, a.due.person_id, a.question.key, a.due.survey.role, a.topic_id)
        found.setdefault(key, {})[a.due.survey.moment] = a.value
    return {(*k, v["baseline"], v["final"]) for k, v in found.items() if len(v) == 2}


def stored(program) -> set:
    summary.refresh_programs([program.pk])
    return set(
        AnswerPair.objects.filter(program=program).values_list(
            "mentorship_id", "person_id", "key", "role", "topic_id", "before", "after"
        )
    )


def test_it_pairs_the_answers_of_the_hand_built_program(built, cast):
    answer_mentees(built, 5)
    assert stored(cast.program) == truth(cast.program)
    levels = sorted(
        (r.before, r.after) for r in AnswerPair.objects.filter(key="level", role="mentee")
    )
    assert levels == sorted(zip(LEVEL_BEFORE, LEVEL_AFTER, strict=True))
    gain = metrics.for_program(cast.program).outcomes.gains[0]
    assert (str(gain.gain), str(gain.d_z)) == ("+1.00", "1.41")


def test_it_forgets_a_pair_when_an_answer_or_a_due_goes(built, cast):
    answer_mentees(built, 5)
    stored(cast.program)
    final_level = Answer.objects.filter(
        due__mentorship=built[0], question__key="level", due__survey__moment=Moment.FINAL
    )
    final_level.get().delete()
    assert stored(cast.program) == truth(cast.program)
    SurveyDue.objects.filter(mentorship=built[1], survey__moment=Moment.BASELINE).delete()
    assert stored(cast.program) == truth(cast.program)
    assert metrics.for_program(cast.program).outcomes.gains[0].n == 3  # hidden from now on
    built[2].delete()
    assert stored(cast.program) == truth(cast.program)
    assert not StaleMentorship.objects.exists()


@time_machine.travel(dt.datetime(2026, 7, 10, 9, tzinfo=dt.UTC), tick=False)
def test_it_pairs_answers_given_on_the_survey_page(cast, django_capture_on_commit_callbacks):
    pair = b.pair(cast.program, cast.mentor.person, cast.mentee.person)
    surveys.refresh_dues(cast.program)
    for moment, value in ((Moment.BASELINE, "1"), (Moment.FINAL, "3")):
        due = SurveyDue.objects.get(person=cast.mentee.person, survey__moment=moment)
        names = [n for n, _q, _t in surveys.form_items(due)]
        with django_capture_on_commit_callbacks(execute=True):
            surveys.submit_answers(due, cast.mentee, dict.fromkeys(names, value))
    assert not StaleMentorship.objects.exists()  # refreshed once each answer committed
    rows = AnswerPair.objects.filter(mentorship=pair)
    assert {(r.key, r.before, r.after) for r in rows} == {
        ("perception-1", 1, 3),
        ("perception-2", 1, 3),
        ("tools", 1, 3),
        ("level", 1, 3),
    }
    assert stored(cast.program) == truth(cast.program)


def test_it_rebuilds_answers_inserted_around_the_orm(built, cast):
    answer_mentees(built, 5)
    stored(cast.program)
    with connection.cursor() as cursor:  # like bench/insights.py
        cursor.execute("UPDATE insights_answer SET value = 4 WHERE topic_id IS NOT NULL")
    assert stored(cast.program) != truth(cast.program)
    call_command("rebuild-insights")
    assert stored(cast.program) == truth(cast.program)
