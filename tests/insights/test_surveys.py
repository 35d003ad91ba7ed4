"""Surveys fall due at the right dates, ``tandem remind`` asks once, the respondent answers on
a page nobody else can open, and a manager can add a question."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from tandem.insights.errors import InsightsError
from tandem.insights.models import Answer, Moment, SurveyDue
from tandem.insights.services import surveys
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services.reminders import send_due
from tests.insights import builders as b


@pytest.fixture
def pair(cast):
    return b.pair(cast.program, cast.mentor.person, cast.mentee.person)


def dues(pair):
    return {
        (d.survey.moment, d.survey.role): d.due_on
        for d in SurveyDue.objects.filter(mentorship=pair).select_related("survey")
    }


def test_it_computes_the_dues_once(cast, pair):
    assert surveys.refresh_dues(cast.program) == 6
    assert surveys.refresh_dues(cast.program) == 0
    found = dues(pair)
    # program 5 January – 4 July 2026: midpoint 5 April (day 90 of 180)
    assert found[(Moment.BASELINE, "mentee")] == dt.date(2026, 1, 12)
    assert found[(Moment.MIDPOINT, "mentor")] == dt.date(2026, 4, 5)
    assert found[(Moment.FINAL, "mentee")] == dt.date(2026, 7, 4)


def test_it_moves_the_final_survey_to_an_early_completion(cast, pair):
    surveys.refresh_dues(cast.program)
    pair.status, pair.ended_at = Mentorship.Status.COMPLETED, b.STARTED + dt.timedelta(days=100)
    pair.save()
    surveys.refresh_dues(cast.program)
    assert dues(pair)[(Moment.FINAL, "mentor")] == dt.date(2026, 4, 22)


def test_it_creates_no_due_for_a_proposal(cast):
    proposal = b.pair(cast.program, b.f.person(), b.f.person(), Mentorship.Status.PROPOSED)
    surveys.refresh_dues(cast.program)
    assert not SurveyDue.objects.filter(mentorship=proposal).exists()


def test_it_reminds_each_respondent_once(cast, pair):
    moment = dt.datetime(2026, 1, 13, 9, tzinfo=dt.UTC)
    assert send_due(moment)["survey-due"] == 2
    assert send_due(moment)["survey-due"] == 0
    surveyed = [m for m in mail.outbox if "survey" in m.subject]
    assert sorted(m.to[0] for m in surveyed) == sorted(
        [cast.mentor.person.email, cast.mentee.person.email]
    )
    due = SurveyDue.objects.get(person=cast.mentee.person, survey__moment=Moment.BASELINE)
    assert (
        f"/surveys/{due.pk}/"
        in [m for m in surveyed if m.to[0] == cast.mentee.person.email][0].body
    )


@time_machine.travel(dt.datetime(2026, 1, 13, 9, tzinfo=dt.UTC), tick=False)
def test_it_lets_the_respondent_alone_answer(cast, pair, client):
    surveys.refresh_dues(cast.program)
    due = SurveyDue.objects.get(person=cast.mentee.person, survey__moment=Moment.BASELINE)
    url = f"/surveys/{due.pk}/"
    for other in (cast.mentor, cast.manager, cast.coach, cast.sponsor, cast.outsider):
        client.force_login(other)
        assert client.get(url).status_code == 404
    client.force_login(cast.mentee)
    page = client.get(url).content.decode()
    names = [n for n, _q, _t in surveys.form_items(due)]
    assert len(names) == 4  # two perceptions, tools and level for genai
    data = dict.fromkeys(names, "1")
    assert client.post(url, data).status_code == 302
    assert Answer.objects.filter(due=due).count() == 4
    assert "Generative AI at work" in page
    client.force_login(cast.mentor)
    assert client.get(url).status_code == 404


@time_machine.travel(dt.datetime(2026, 1, 13, 9, tzinfo=dt.UTC), tick=False)
def test_it_refuses_an_incomplete_or_second_answer(cast, pair):
    surveys.refresh_dues(cast.program)
    due = SurveyDue.objects.get(person=cast.mentee.person, survey__moment=Moment.BASELINE)
    names = [n for n, _q, _t in surveys.form_items(due)]
    with pytest.raises(InsightsError, match="Please answer"):
        surveys.submit_answers(due, cast.mentee, {names[0]: "9"})
    surveys.submit_answers(due, cast.mentee, dict.fromkeys(names, "2"))
    with pytest.raises(InsightsError, match="already answered"):
        surveys.submit_answers(due, cast.mentee, dict.fromkeys(names, "2"))
    with pytest.raises(InsightsError, match="Only the respondent"):
        surveys.submit_answers(due, cast.mentor, {})


def test_it_lets_a_manager_add_a_question(cast, client):
    client.force_login(cast.manager)
    url = f"/insights/programs/{cast.program.pk}/questions/"
    data = {"moment": "final", "role": "mentee", "kind": "scale", "text_en": "Was it fun?"}
    assert client.post(url, data).status_code == 302
    survey = surveys.ensure_surveys(cast.program)[("final", "mentee")]
    assert survey.questions.filter(text_en="Was it fun?", builtin=False).exists()
    with pytest.raises(InsightsError):
        surveys.add_question(cast.program, cast.mentor, **data)
    client.force_login(cast.sponsor)
    assert client.get(url).status_code == 404
