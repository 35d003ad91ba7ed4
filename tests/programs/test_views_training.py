"""Mentor training pages: required modules with the mentor's status, module content, the
closing quiz (a pass completes the module, once; a fail says which questions to look at),
readiness; the sign-off page of managers and coaches; mentors only on their side."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.accounts.models import AuditEvent
from tandem.programs.models import TrainingCompletion, TrainingModule
from tests import factories as f


@pytest.fixture
def modules(cast):
    required = list(TrainingModule.objects.filter(slug__in=["active-listening", "silences"]))
    cast.program.required_modules.set(required)
    return {m.slug: m for m in required}


def url(cast, *parts):
    return "/".join([f"/me/programs/{cast.program.slug}/training", *parts, ""]).replace("//", "/")


def answers(module, right: int) -> dict:
    """The quiz form's data with the first ``right`` questions answered correctly."""
    data = {}
    for k, question in enumerate(module.questions.all()):
        good = min(question.correct())
        data[f"q{question.pk}"] = good if k < right else (good + 1) % len(question.choices)
    return data


def test_it_lists_required_modules_with_status_and_readiness(client, cast, modules):
    client.force_login(cast.mentor)
    page = client.get(url(cast)).content.decode()
    assert "Active listening" in page and "Managing silences" in page
    assert "Giving feedback" not in page  # not required by this program
    assert "Not ready yet" in page
    assert "0 of 2 required modules completed" in page
    assert "Each module ends with a short quiz" in page


def test_it_shows_module_content_and_its_quiz_in_english_and_french(client, cast, modules):
    client.force_login(cast.mentor)
    page = client.get(url(cast, "active-listening")).content.decode()
    assert "Three techniques" in page and "Exercises" in page
    assert "What is a reformulation?" in page and "Check my answers" in page
    assert "I completed this module" not in page
    page = client.get(url(cast, "active-listening"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Qu&#x27;est-ce qu&#x27;une reformulation ?" in page


@pytest.mark.django_db
def test_every_seeded_module_has_a_quiz_it_can_pass():
    for module in TrainingModule.objects.all():
        questions = list(module.questions.all())
        assert len(questions) >= 3 and module.pass_mark <= len(questions), module.slug
        for question in questions:
            assert question.text_en and question.text_fr and question.correct(), question.pk
            assert all(c["en"] and c["fr"] for c in question.choices)


def test_it_falls_back_to_the_description_without_a_template(client, cast, modules):
    ethics = TrainingModule.objects.create(
        slug="ethics", name_en="Ethics", name_fr="Éthique", description_en="Be fair.\nAlways."
    )
    cast.program.required_modules.add(ethics)
    client.force_login(cast.mentor)
    page = client.get(url(cast, "ethics")).content.decode()
    assert "Be fair.<br>Always." in page


def test_a_failed_quiz_completes_nothing_and_says_which_questions(client, cast, modules):
    client.force_login(cast.mentor)
    module = modules["silences"]
    response = client.post(url(cast, "silences", "quiz"), answers(module, 2))
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 right answers out of 4; 3 are needed to pass." in page
    assert "Questions to look at again: 3, 4." in page
    assert not TrainingCompletion.objects.exists()


def test_a_passed_quiz_completes_the_module_once_with_its_score(client, cast, modules):
    client.force_login(cast.mentor)
    person, module = cast.mentor.person, modules["silences"]
    assert client.post(url(cast, "silences", "quiz"), answers(module, 3)).status_code == 302
    first = TrainingCompletion.objects.get(person=person)
    assert (first.method, first.score, first.out_of) == ("quiz", 3, 4)
    client.post(url(cast, "silences", "quiz"), answers(module, 4))
    assert TrainingCompletion.objects.filter(person=person).count() == 1
    assert AuditEvent.objects.filter(action="training.completed").count() == 1
    page = client.get(url(cast, "silences")).content.decode()
    assert "You passed this module's quiz on" in page and "with 3 right answers out of 4" in page
    assert "Check my answers" not in page


def test_an_unanswered_question_is_an_error_not_a_fail(client, cast, modules):
    client.force_login(cast.mentor)
    data = answers(modules["silences"], 4)
    data.pop(next(iter(data)))
    response = client.post(url(cast, "silences", "quiz"), data)
    assert response.status_code == 400 and "Choose an answer." in response.content.decode()
    response = client.post(url(cast, "silences", "quiz"), {**data, "q999": "x"})
    assert not TrainingCompletion.objects.exists()


def test_it_says_ready_once_every_required_module_is_passed(client, cast, modules):
    client.force_login(cast.mentor)
    client.post(url(cast, "active-listening", "quiz"), answers(modules["active-listening"], 4))
    assert "Not ready yet" in client.get(url(cast)).content.decode()
    response = client.post(
        url(cast, "silences", "quiz"), answers(modules["silences"], 4), follow=True
    )
    page = response.content.decode()
    assert "you are ready to mentor" in page
    assert "Ready to mentor" in page and "quiz 4/4" in page
    assert "Ready to mentor" in client.get("/me/programs/").content.decode()


def test_it_is_ready_when_the_program_does_not_require_training(client, cast, modules):
    cast.program.require_training = False
    cast.program.save()
    client.force_login(cast.mentor)
    assert "Ready to mentor" in client.get(url(cast)).content.decode()


@pytest.mark.parametrize("who", ["mentee", "outsider", "sponsor"])
def test_it_is_a_404_for_anyone_but_the_programs_mentors(client, cast, modules, who):
    client.force_login(getattr(cast, who))
    assert client.get(url(cast)).status_code == 404
    assert client.get(url(cast, "silences")).status_code == 404
    assert client.post(url(cast, "silences", "quiz"), {}).status_code == 404
    assert not TrainingCompletion.objects.exists()


def test_it_is_a_404_for_a_module_the_program_does_not_require(client, cast, modules):
    client.force_login(cast.mentor)
    assert client.get(url(cast, "feedback")).status_code == 404
    assert client.post(url(cast, "feedback", "quiz"), {}).status_code == 404


def test_the_quiz_is_answered_only_by_post(client, cast, modules):
    client.force_login(cast.mentor)
    assert client.get(url(cast, "silences", "quiz")).status_code == 405
    assert not TrainingCompletion.objects.exists()


def test_in_a_signoff_program_the_mentor_waits_for_the_coach(client, cast, modules):
    cast.program.training_check = "signoff"
    cast.program.save()
    client.force_login(cast.mentor)
    page = client.get(url(cast, "silences")).content.decode()
    assert "your coach signs each module off" in page and "Check my answers" not in page
    client.post(url(cast, "silences", "quiz"), answers(modules["silences"], 4))
    assert not TrainingCompletion.objects.exists()


def test_a_coach_signs_a_module_off_on_the_programs_training_page(client, cast, modules):
    cast.program.training_check = "signoff"
    cast.program.save()
    client.force_login(cast.coach)
    page = f"/programs/{cast.program.slug}/training/"
    assert "Sign off" in client.get(page).content.decode()
    mentor = cast.mentor.person
    client.post(f"{page}{mentor.pk}/silences/sign-off/")
    completion = TrainingCompletion.objects.get(person=mentor)
    assert (completion.method, completion.signed_off_by) == ("signoff", cast.coach)
    assert "signed off by" in client.get(page).content.decode()
    for who in (cast.mentor, cast.mentee, cast.sponsor, cast.outsider):
        client.force_login(who)
        assert client.get(page).status_code == 404
        assert client.post(f"{page}{mentor.pk}/active-listening/sign-off/").status_code == 404
    assert TrainingCompletion.objects.count() == 1


def test_a_quiz_program_refuses_a_signoff(client, cast, modules):
    client.force_login(cast.manager)
    mentor = cast.mentor.person
    response = client.post(
        f"/programs/{cast.program.slug}/training/{mentor.pk}/silences/sign-off/", follow=True
    )
    assert "complete modules with their quiz" in response.content.decode()
    assert not TrainingCompletion.objects.exists()


def test_it_lists_modules_in_a_constant_number_of_queries(
    client, cast, modules, django_assert_max_num_queries
):
    client.force_login(cast.mentor)
    client.get(url(cast))
    with CaptureQueriesContext(connection) as few:
        client.get(url(cast))
    few_queries = len(few)  # read now: each request resets the query log
    cast.program.required_modules.set(TrainingModule.objects.all())
    f.passed(cast.mentor.person, TrainingModule.objects.get(slug="feedback"))
    with django_assert_max_num_queries(few_queries):
        assert "Giving feedback" in client.get(url(cast)).content.decode()
