"""Per-topic questions never show their raw ``%(topic)s`` placeholder: the program's list of
questions says which topics they are asked about, a survey and its answers name the topic."""

import datetime as dt

import time_machine
from django.utils import translation

from tandem.insights.models import Moment, SurveyDue
from tandem.insights.services import surveys
from tests.insights import builders as b


def test_it_explains_the_topic_in_the_list_of_questions(cast, client):
    client.force_login(cast.manager)
    for language, expected in (("en", "Your level in: each topic"), ("fr", "Votre niveau en : ")):
        page = client.get(
            f"/insights/programs/{cast.program.pk}/questions/", HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
        assert "%(topic)s" not in page and "%(" not in page
        assert expected in page


def test_it_names_the_topic_in_labels_in_both_languages(cast):
    survey = surveys.ensure_surveys(cast.program)[(Moment.FINAL, "mentee")]
    tools = survey.questions.get(key="tools")
    genai = b.f.topic("genai")
    assert tools.label(genai) == "How often do you use tools for: Generative AI at work?"
    with translation.override("fr"):
        assert "%(topic)s" not in tools.label(genai)
        assert "%(topic)s" not in tools.general_label


@time_machine.travel(dt.datetime(2026, 1, 13, 9, tzinfo=dt.UTC), tick=False)
def test_it_names_the_topic_in_the_answers_read_back(cast, client):
    b.pair(cast.program, cast.mentor.person, cast.mentee.person)
    surveys.refresh_dues(cast.program)
    due = SurveyDue.objects.get(person=cast.mentee.person, survey__moment=Moment.BASELINE)
    names = [n for n, _q, _t in surveys.form_items(due)]
    surveys.submit_answers(due, cast.mentee, dict.fromkeys(names, "3"))
    client.force_login(cast.mentee)
    page = client.get(f"/surveys/{due.pk}/").content.decode()
    assert "%(topic)s" not in page
    assert "How often do you use tools for: Generative AI at work?: Daily" in page
    assert "Your level in: Generative AI at work: 3 – at ease" in page
