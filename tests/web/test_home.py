import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.accounts.models import User
from tandem.demo import builder
from tandem.mentorships.models import Participant
from tandem.programs.models import Enrolment, Program
from tests import factories as f


def _sign_in(client, email, password=f.PASSWORD):
    response = client.post("/accounts/login/", {"username": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def test_it_signs_in_each_printed_login_and_shows_their_home(client, demo_org):
    expected = {
        "Program manager": ["Generative AI for leaders", "CSR circle", "Programs you manage"],
        "Coach": ["Generative AI for leaders", "Programs you coach"],
        "Mentor": ["Generative AI for leaders", "CSR circle", "Your programs"],
        "Mentee": ["Generative AI for leaders", "Your programs"],
        "Sponsor": ["Generative AI for leaders", "CSR circle", "Programs you sponsor"],
    }
    for login in demo_org:
        client.logout()
        response = _sign_in(client, login.email, builder.PASSWORD)
        assert response["Location"] == "/"
        page = client.get("/").content.decode()
        assert login.name in page
        for text in expected[login.role]:
            assert text in page, (login.role, text)


def test_it_shows_the_mentee_their_partner_and_profile(client, demo_org):
    mentee = next(login for login in demo_org if login.role == "Mentee")
    mentor = next(login for login in demo_org if login.role == "Mentor")
    _sign_in(client, mentee.email, builder.PASSWORD)
    page = client.get("/").content.decode()
    assert mentor.name in page
    assert "Active" in page
    for label in ["Department", "Site", "Organisation", "Time zone", "Learning needs"]:
        assert label in page


def test_it_shows_competences_with_level_evidence_and_verifier(client, cast):
    f.competence(cast.mentor.person, "prompting", level=4, evidence=1)
    cast.mentor.person.competences.filter(topic__slug="prompting").update(verified_by=cast.coach)
    _sign_in(client, cast.mentor.email)
    page = client.get("/").content.decode()
    assert "Prompt writing" in page and "4 of 4" in page and "endorsed" in page
    assert cast.coach.person.full_name in page


def test_it_redirects_anonymous_visitors_to_the_login_page(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/")


def test_it_gives_a_user_without_a_profile_a_sensible_page(client, db):
    User.objects.create_superuser(email="root@example.com", password=f.PASSWORD)
    _sign_in(client, "root@example.com")
    response = client.get("/")
    assert response.status_code == 200
    assert "not linked to anyone" in response.content.decode()


def test_it_switches_the_page_language(client, cast):
    _sign_in(client, cast.mentee.email)
    assert '<html lang="en">' in client.get("/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="fr">' in client.get("/").content.decode()


def test_it_shows_the_coach_counts_and_never_what_pairs_wrote(client, cast):
    mentor, mentee = cast.mentor.person, cast.mentee.person
    f.pair(cast.program, mentor, mentee, reasons=["SECRET-REASON"], end_reason="SECRET-END")
    Participant.objects.filter(person=mentee).update(decline_reason="SECRET-DECLINE")
    _sign_in(client, cast.coach.email)
    page = client.get("/").content.decode()
    assert "Programs you coach" in page
    assert "Active: 1" in page
    assert "SECRET" not in page


def _programs_for(mentor, mentee, manager, n):
    for i in range(n):
        program = f.program(f"Program {i}", slug=f"program-{i}", status=Program.Status.RUNNING)
        program.managers.add(manager)
        f.enrol(mentor, program, Enrolment.Role.MENTOR)
        f.enrol(mentee, program, Enrolment.Role.MENTEE)
        f.pair(program, mentor, mentee, started_at=dt.datetime(2026, 1, 10, tzinfo=dt.UTC))


@pytest.mark.parametrize("role", ["mentor", "manager"])
def test_it_reads_the_home_page_in_a_fixed_number_of_queries(client, cast, role):
    mentor, mentee = cast.mentor.person, cast.mentee.person
    user = cast.mentor if role == "mentor" else cast.manager
    _sign_in(client, user.email)
    _programs_for(mentor, mentee, cast.manager, 1)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/").status_code == 200
    Program.objects.exclude(pk=cast.program.pk).delete()
    _programs_for(mentor, mentee, cast.manager, 8)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/").content.decode()
    assert "Program 7" in page
    assert (
        len(many.captured_queries) == len(few.captured_queries) <= (24 if role == "mentor" else 15)
    )
