"""Applying to a recruiting program, withdrawing, and one's enrolment details: availability
rows checked by the CSV import's parser, a mentor's capacity, a languages override."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.programs.models import Enrolment, Program
from tests import factories as f


def slots_data(rows, **fields) -> dict:
    data = {
        "slots-TOTAL_FORMS": str(len(rows)),
        "slots-INITIAL_FORMS": "0",
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for i, (day, start, end) in enumerate(rows):
        data.update({f"slots-{i}-day": day, f"slots-{i}-start": start, f"slots-{i}-end": end})
    return data


@pytest.fixture
def recruiting(cast):
    return f.program("Cyber reflexes", status=Program.Status.RECRUITING)


def test_it_lists_recruiting_programs_the_person_is_not_in(client, cast, recruiting):
    f.program("Still a draft", status=Program.Status.DRAFT)
    client.force_login(cast.mentor)
    page = client.get("/me/programs/").content.decode()
    assert "Apply to Cyber reflexes" in page
    assert "Still a draft" not in page
    assert "GenAI for leaders" in page  # their own enrolment, not an offer
    assert "Apply to GenAI for leaders" not in page


def test_it_applies_as_a_mentee_with_a_motivation(client, cast, recruiting):
    client.force_login(cast.outsider)
    response = client.post(
        "/me/programs/cyber-reflexes/apply/",
        {"role": "mentee", "motivation": "I click on every link."},
    )
    enrolment = Enrolment.objects.get(program=recruiting, person=cast.outsider.person)
    assert response.status_code == 302
    assert response["Location"] == f"/me/enrolments/{enrolment.pk}/"
    assert (enrolment.role, enrolment.status) == ("mentee", "applied")
    assert enrolment.motivation == "I click on every link."
    assert "Apply to Cyber reflexes" not in client.get("/me/programs/").content.decode()


def test_it_refuses_an_application_without_role_or_motivation(client, cast, recruiting):
    client.force_login(cast.outsider)
    response = client.post("/me/programs/cyber-reflexes/apply/", {"role": "boss"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert "This field is required" in page
    assert not Enrolment.objects.filter(program=recruiting).exists()


def test_it_is_a_404_to_apply_to_a_program_not_recruiting_or_twice(client, cast, recruiting):
    client.force_login(cast.outsider)
    data = {"role": "mentor", "motivation": "Why not"}
    assert client.post(f"/me/programs/{cast.program.slug}/apply/", data).status_code == 404
    assert client.post("/me/programs/cyber-reflexes/apply/", data).status_code == 302
    assert client.post("/me/programs/cyber-reflexes/apply/", data).status_code == 404
    assert Enrolment.objects.filter(program=recruiting).count() == 1


def test_it_withdraws_and_applies_again(client, cast, recruiting):
    client.force_login(cast.outsider)
    data = {"role": "mentor", "motivation": "Teaching MFA"}
    client.post("/me/programs/cyber-reflexes/apply/", data)
    enrolment = Enrolment.objects.get(program=recruiting)
    assert client.post(f"/me/enrolments/{enrolment.pk}/withdraw/").status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WITHDRAWN
    assert client.post("/me/programs/cyber-reflexes/apply/", data).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.APPLIED


def test_it_does_not_withdraw_an_accepted_enrolment_in_a_running_program(client, cast):
    client.force_login(cast.mentor)
    enrolment = Enrolment.objects.get(person=cast.mentor.person)
    response = client.post(f"/me/enrolments/{enrolment.pk}/withdraw/", follow=True)
    assert "can no longer be withdrawn" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACCEPTED


def test_it_is_a_404_to_touch_someone_elses_enrolment(client, cast):
    client.force_login(cast.outsider)
    theirs = Enrolment.objects.get(person=cast.mentor.person)
    assert client.get(f"/me/enrolments/{theirs.pk}/").status_code == 404
    assert client.post(f"/me/enrolments/{theirs.pk}/withdraw/").status_code == 404
    assert client.post(f"/me/enrolments/{theirs.pk}/", slots_data([])).status_code == 404


def test_it_saves_availability_capacity_and_languages(client, cast):
    client.force_login(cast.mentor)
    enrolment = Enrolment.objects.get(person=cast.mentor.person)
    data = slots_data(
        [("thu", "14:00", "17:00"), ("mon", "09:00", "12:00"), ("", "", "")],
        capacity="3",
        languages=["es", "en"],
    )
    response = client.post(f"/me/enrolments/{enrolment.pk}/", data)
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.availability == ["mon 09:00-12:00", "thu 14:00-17:00"]
    assert enrolment.capacity == 3
    assert sorted(enrolment.languages) == ["en", "es"]
    page = client.get(f"/me/enrolments/{enrolment.pk}/").content.decode()
    assert 'value="09:00"' in page and 'value="thu" selected' in page.replace("\n", "")


@pytest.mark.parametrize(
    ("slot", "message"),
    [
        (("mon", "25:00", "26:00"), "hours run from 00:00 to 24:00"),
        (("tue", "12:00", "09:00"), "the end must be after the start"),
        (("tue", "noon", "13:00"), "is not a slot"),
    ],
)
def test_it_refuses_a_bad_slot_with_the_import_parsers_words(client, cast, slot, message):
    client.force_login(cast.mentor)
    enrolment = Enrolment.objects.get(person=cast.mentor.person)
    response = client.post(f"/me/enrolments/{enrolment.pk}/", slots_data([slot], capacity="1"))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'value="{slot[1]}"' in page  # the typed value is kept
    enrolment.refresh_from_db()
    assert enrolment.availability == []


def test_it_refuses_an_unknown_language_and_a_capacity_above_three(client, cast):
    client.force_login(cast.mentor)
    enrolment = Enrolment.objects.get(person=cast.mentor.person)
    data = slots_data([], capacity="4", languages=["xx"])
    response = client.post(f"/me/enrolments/{enrolment.pk}/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "“xx” is not a language Tandem knows." in page
    assert "Select a valid choice. 4 is not one of the available choices." in page
    enrolment.refresh_from_db()
    assert enrolment.capacity == 1


def test_it_asks_no_capacity_of_a_mentee(client, cast):
    client.force_login(cast.mentee)
    enrolment = Enrolment.objects.get(person=cast.mentee.person)
    page = client.get(f"/me/enrolments/{enrolment.pk}/").content.decode()
    assert "How many mentees" not in page
    response = client.post(f"/me/enrolments/{enrolment.pk}/", slots_data([("fri", "8h", "9h")]))
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.availability == ["fri 08:00-09:00"]


def test_it_adds_a_slot_row_without_saving(client, cast):
    client.force_login(cast.mentor)
    enrolment = Enrolment.objects.get(person=cast.mentor.person)
    data = slots_data([("mon", "09:00", "10:00")], capacity="1", add_slot="1")
    page = client.post(f"/me/enrolments/{enrolment.pk}/", data).content.decode()
    assert 'name="slots-TOTAL_FORMS" value="2"' in page
    assert 'id="id_slots-1-day"' in page
    enrolment.refresh_from_db()
    assert enrolment.availability == []


def test_it_reads_the_programs_page_in_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    client.force_login(cast.mentor)
    client.get("/me/programs/")
    with CaptureQueriesContext(connection) as few:
        client.get("/me/programs/")
    few_queries = len(few)  # read now: each request resets the query log
    for n in range(4):
        prog = f.program(f"Program {n}", status=Program.Status.RECRUITING)
        f.enrol(cast.mentor.person, prog, Enrolment.Role.MENTOR)
        f.program(f"Open {n}", status=Program.Status.RECRUITING)
    with django_assert_max_num_queries(few_queries):
        page = client.get("/me/programs/").content.decode()
    assert "Program 3" in page and "Apply to Open 3" in page
