"""Mentor training pages: required modules with the mentor's status, module content,
idempotent completion, readiness; mentors only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.programs.models import TrainingCompletion, TrainingModule


@pytest.fixture
def modules(cast):
    required = list(TrainingModule.objects.filter(slug__in=["active-listening", "silences"]))
    cast.program.required_modules.set(required)
    return {m.slug: m for m in required}


def url(cast, *parts):
    return "/".join([f"/me/programs/{cast.program.slug}/training", *parts, ""]).replace("//", "/")


def test_it_lists_required_modules_with_status_and_readiness(client, cast, modules):
    client.force_login(cast.mentor)
    page = client.get(url(cast)).content.decode()
    assert "Active listening" in page and "Managing silences" in page
    assert "Giving feedback" not in page  # not required by this program
    assert "Not ready yet" in page
    assert "0 of 2 required modules completed" in page


def test_it_shows_module_content_from_its_template(client, cast, modules):
    client.force_login(cast.mentor)
    page = client.get(url(cast, "active-listening")).content.decode()
    assert "Three techniques" in page
    assert "Exercises" in page
    assert "I completed this module" in page


def test_it_falls_back_to_the_description_without_a_template(client, cast, modules):
    ethics = TrainingModule.objects.create(
        slug="ethics", name_en="Ethics", name_fr="Éthique", description_en="Be fair.\nAlways."
    )
    cast.program.required_modules.add(ethics)
    client.force_login(cast.mentor)
    page = client.get(url(cast, "ethics")).content.decode()
    assert "Be fair.<br>Always." in page


def test_it_records_a_completion_once(client, cast, modules):
    client.force_login(cast.mentor)
    person = cast.mentor.person
    assert client.post(url(cast, "silences", "complete")).status_code == 302
    first = TrainingCompletion.objects.get(person=person)
    assert client.post(url(cast, "silences", "complete")).status_code == 302
    assert TrainingCompletion.objects.filter(person=person).count() == 1
    assert TrainingCompletion.objects.get(person=person).completed_at == first.completed_at
    page = client.get(url(cast, "silences")).content.decode()
    assert "You completed this module on" in page
    assert "I completed this module" not in page


def test_it_says_ready_once_every_required_module_is_done(client, cast, modules):
    client.force_login(cast.mentor)
    client.post(url(cast, "active-listening", "complete"))
    assert "Not ready yet" in client.get(url(cast)).content.decode()
    response = client.post(url(cast, "silences", "complete"), follow=True)
    page = response.content.decode()
    assert "you are ready to mentor" in page
    assert "Ready to mentor" in page
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
    assert client.post(url(cast, "silences", "complete")).status_code == 404
    assert not TrainingCompletion.objects.exists()


def test_it_is_a_404_for_a_module_the_program_does_not_require(client, cast, modules):
    client.force_login(cast.mentor)
    assert client.get(url(cast, "feedback")).status_code == 404
    assert client.post(url(cast, "feedback", "complete")).status_code == 404


def test_it_completes_only_by_post(client, cast, modules):
    client.force_login(cast.mentor)
    assert client.get(url(cast, "silences", "complete")).status_code == 405
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
    client.post(url(cast, "feedback", "complete"))
    with django_assert_max_num_queries(few_queries):
        assert "Giving feedback" in client.get(url(cast)).content.decode()
