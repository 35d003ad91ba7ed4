"""The participant's own profile: languages, time zone, competences (the evidence rule) and
learning needs, through the pages a browser without JavaScript would use."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.accounts.models import User
from tandem.people.models import Competence, Evidence, LearningNeed, Priority
from tests import factories as f

PROFILE = "/people/profile/"


def rows_data(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    """A formset POST: the management form and each row's fields."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def existing_competence_row(c: Competence, **changes) -> dict:
    row = {"id": c.pk, "topic": c.topic_id, "level": c.level, "evidence": c.evidence}
    row.update(changes)
    return row


@pytest.fixture
def mentor(cast, client):
    client.force_login(cast.mentor)
    return cast.mentor.person


def test_it_shows_every_section_with_labelled_fields(client, mentor):
    page = client.get(PROFILE).content.decode()
    for text in [
        "Languages and time zone",
        'for="id_languages-fr"',
        'for="id_timezone"',
        'for="id_competences-0-topic"',
        'for="id_needs-0-priority"',
        "Europe/Paris",
        "csrfmiddlewaretoken",
    ]:
        assert text in page, text


def test_it_is_a_404_without_a_linked_person(client, db):
    client.force_login(User.objects.create_user(email="nobody@example.com", password="x"))
    assert client.get(PROFILE).status_code == 404
    assert client.post("/people/profile/settings/", {"timezone": "UTC"}).status_code == 404


def test_it_asks_to_sign_in(client, db):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_saves_languages_and_time_zone(client, mentor):
    response = client.post(
        "/people/profile/settings/", {"languages": ["de", "en"], "timezone": "America/New_York"}
    )
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert sorted(mentor.languages) == ["de", "en"]
    assert mentor.timezone == "America/New_York"


def test_it_refuses_an_unknown_language_and_keeps_the_input(client, mentor):
    response = client.post(
        "/people/profile/settings/", {"languages": ["xx"], "timezone": "Asia/Tokyo"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "“xx” is not a language Tandem knows." in page
    assert '<option value="Asia/Tokyo" selected>' in page
    mentor.refresh_from_db()
    assert mentor.timezone == "Europe/Paris"


def test_it_refuses_an_unknown_time_zone(client, mentor):
    response = client.post(
        "/people/profile/settings/", {"languages": ["fr"], "timezone": "Mars/Base"}
    )
    assert response.status_code == 400
    assert "“Mars/Base” is not a time zone Tandem knows." in response.content.decode()


def test_it_adds_a_competence_as_self_declared(client, mentor):
    genai = mentor.competences.get()
    data = rows_data(
        "competences",
        [
            existing_competence_row(genai),
            {"topic": f.topic("cyber").pk, "level": "2", "evidence": "0"},
        ],
        initial=1,
    )
    response = client.post("/people/profile/competences/", data)
    assert response.status_code == 302
    cyber = mentor.competences.get(topic__slug="cyber")
    assert (cyber.level, cyber.evidence) == (2, Evidence.SELF)
    genai.refresh_from_db()
    assert (genai.level, genai.evidence) == (3, Evidence.ASSESSED)


def test_it_refuses_a_participant_raising_evidence(client, mentor):
    data = rows_data("competences", [{"topic": f.topic("cyber").pk, "level": "4", "evidence": "3"}])
    response = client.post("/people/profile/competences/", data)
    assert response.status_code == 400
    assert "Only a program manager can raise the evidence" in response.content.decode()
    assert not mentor.competences.filter(topic__slug="cyber").exists()


def test_it_refuses_raising_a_verified_competence_further(client, mentor):
    genai = mentor.competences.get()
    data = rows_data(
        "competences", [existing_competence_row(genai, evidence=Evidence.CERTIFIED)], initial=1
    )
    response = client.post("/people/profile/competences/", data)
    assert response.status_code == 400
    genai.refresh_from_db()
    assert genai.evidence == Evidence.ASSESSED


def test_it_clears_the_verification_when_the_level_changes(client, mentor, cast):
    genai = mentor.competences.get()
    Competence.objects.filter(pk=genai.pk).update(verified_by=cast.manager)
    data = rows_data("competences", [existing_competence_row(genai, level=4)], initial=1)
    response = client.post("/people/profile/competences/", data, follow=True)
    assert "now self-declared" in response.content.decode()
    genai.refresh_from_db()
    assert (genai.level, genai.evidence, genai.verified_by) == (4, Evidence.SELF, None)


def test_it_removes_a_competence(client, mentor):
    genai = mentor.competences.get()
    data = rows_data("competences", [existing_competence_row(genai, DELETE="on")], initial=1)
    assert client.post("/people/profile/competences/", data).status_code == 302
    assert not mentor.competences.exists()


def test_it_is_a_404_to_post_someone_elses_competence(client, mentor, cast):
    theirs = f.competence(cast.other_member.person, "cyber", 2, 0)
    data = rows_data("competences", [existing_competence_row(theirs, level=1)], initial=1)
    assert client.post("/people/profile/competences/", data).status_code == 404
    theirs.refresh_from_db()
    assert theirs.level == 2


def test_it_refuses_a_topic_listed_twice(client, mentor):
    genai = mentor.competences.get()
    data = rows_data(
        "competences",
        [existing_competence_row(genai), {"topic": genai.topic_id, "level": "1", "evidence": "0"}],
        initial=1,
    )
    response = client.post("/people/profile/competences/", data)
    assert response.status_code == 400
    assert "This topic is already listed above." in response.content.decode()
    assert mentor.competences.count() == 1


def test_it_refuses_a_level_out_of_range(client, mentor):
    data = rows_data("competences", [{"topic": f.topic("cyber").pk, "level": "9", "evidence": "0"}])
    response = client.post("/people/profile/competences/", data)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_it_saves_learning_needs_with_priority_and_level(client, cast):
    client.force_login(cast.mentee)
    person = cast.mentee.person
    need = person.needs.get()
    data = rows_data(
        "needs",
        [
            {"id": need.pk, "topic": need.topic_id, "priority": "0", "current_level": "2"},
            {"topic": f.topic("cyber").pk, "priority": "2", "current_level": "0"},
        ],
        initial=1,
    )
    assert client.post("/people/profile/needs/", data).status_code == 302
    needs = {n.topic.slug: (n.priority, n.current_level) for n in person.needs.all()}
    assert needs == {"genai": (Priority.LOW, 2), "cyber": (Priority.HIGH, 0)}


def test_it_removes_a_learning_need_and_404s_on_someone_elses(client, cast):
    client.force_login(cast.mentee)
    need = cast.mentee.person.needs.get()
    theirs = f.need(cast.outsider.person, "cyber", 1)
    foreign = rows_data(
        "needs",
        [{"id": theirs.pk, "topic": theirs.topic_id, "priority": "0", "current_level": "1"}],
        1,
    )
    assert client.post("/people/profile/needs/", foreign).status_code == 404
    data = rows_data(
        "needs",
        [
            {
                "id": need.pk,
                "topic": need.topic_id,
                "priority": "2",
                "current_level": "1",
                "DELETE": "on",
            }
        ],
        initial=1,
    )
    assert client.post("/people/profile/needs/", data).status_code == 302
    assert not LearningNeed.objects.filter(pk=need.pk).exists()
    assert LearningNeed.objects.filter(pk=theirs.pk).exists()


def test_it_adds_an_empty_row_without_saving(client, mentor):
    genai = mentor.competences.get()
    data = rows_data(
        "competences",
        [existing_competence_row(genai, level=1), {"topic": "", "level": "1", "evidence": "0"}],
        initial=1,
    )
    page = client.post("/people/profile/competences/row/", data).content.decode()
    assert 'name="competences-TOTAL_FORMS" value="3"' in page
    assert 'id="id_competences-2-topic"' in page
    assert "This field is required" not in page
    genai.refresh_from_db()
    assert genai.level == 3  # nothing saved
    fragment = client.post(
        "/people/profile/competences/row/", data, headers={"HX-Request": "true"}
    ).content.decode()
    assert 'id="id_competences-2-topic"' in fragment
    assert 'hx-swap-oob="true"' in fragment
    assert "<html" not in fragment
    assert "This field is required" not in fragment


def test_it_reads_the_profile_in_a_constant_number_of_queries(
    client, mentor, django_assert_max_num_queries
):
    client.get(PROFILE)  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(PROFILE)
    few_queries = len(few)  # read now: each request resets the query log
    for slug in ["cyber", "prompting", "collab-tools", "csr", "strategy", "automation"]:
        f.competence(mentor, slug, 2, 0)
        f.need(mentor, slug, 1)
    with django_assert_max_num_queries(few_queries):
        assert client.get(PROFILE).status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"competences-TOTAL_FORMS": "x"},
        rows_data("competences", [{"id": "abc", "topic": "1", "level": "1", "evidence": "0"}], 1),
        rows_data("competences", [{"topic": "999", "level": "1", "evidence": "zz"}]),
    ],
)
def test_it_answers_forged_posts_without_a_server_error(client, mentor, data):
    for url in ["/people/profile/competences/", "/people/profile/competences/row/"]:
        assert client.post(url, data).status_code in (200, 400, 404)
    assert client.post("/people/profile/nothing/row/", data).status_code == 404


def test_languages_are_named_in_the_reader_s_language_the_most_common_first(client, mentor):
    mentor.languages = ["fr", "ff"]
    mentor.save()
    page = client.get(PROFILE).content.decode()
    boxes = re.findall(
        r'<input type="checkbox" name="languages" value="(\w+)"[^>]*?( checked)?>', page
    )
    codes = [code for code, _checked in boxes]
    assert codes[:4] == ["en", "fr", "es", "de"]  # the common ones first
    assert len(codes) == len(set(codes)) == 183  # every ISO 639-1 code, once
    assert {code for code, checked in boxes if checked} == {"fr", "ff"}
    assert codes.index("ff") < codes.index("ab")  # a chosen rare one shows with the common
    assert '<label for="id_languages-ff">Fula</label>' in page
    assert "<select" not in page.split('id="settings"')[1].split("</section>")[0].replace(
        '<select name="timezone"', ""
    )
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    page = client.get(PROFILE).content.decode()
    assert '<label for="id_languages-en">Anglais</label>' in page
    assert '<label for="id_languages-ff">Peul</label>' in page
