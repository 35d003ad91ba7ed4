"""Reviewing mentors' competences with their source, and recording an assessment (with a
note) or a certification (name and date), with an audit event."""

import datetime as dt

import pytest
from django.urls import reverse

from tandem.accounts.models import AuditEvent
from tandem.people.models import Competence, Evidence, Source
from tandem.programs.models import Enrolment
from tests import factories as f


@pytest.fixture
def hr(client, cast):
    client.force_login(cast.manager)
    return client


def _url(cast):
    return reverse("programs:competences", args=[cast.program.slug])


def test_it_lists_the_program_mentors_competences_in_its_topics(hr, cast):
    mentor = cast.mentor.person
    f.competence(mentor, "collab-tools", 2, 0)  # not a topic of the program
    mentee_skill = f.competence(cast.mentee.person, "cyber", 2, 0)  # a mentee, not a mentor
    rows = list(hr.get(_url(cast)).context["page_obj"])
    assert [(c.person, c.topic.slug) for c in rows] == [(mentor, "genai")]
    assert mentee_skill not in rows


def test_it_records_an_assessment_with_its_note_and_keeps_the_filters(hr, cast):
    competence = f.competence(cast.mentor.person, "cyber", 2, 0)
    response = hr.post(
        _url(cast) + f"{competence.pk}/assess/",
        {"note": "Ran the phishing drill for the team", "query": "unverified=on"},
    )
    assert response.url.endswith("/competences/?unverified=on")
    competence.refresh_from_db()
    assert competence.evidence == Evidence.ASSESSED and competence.source == Source.ASSESSMENT
    assert competence.verified_by == cast.manager and competence.verified_at is not None
    assert competence.source_note == "Ran the phishing drill for the team"
    event = AuditEvent.objects.get(action="people.competence_assessed")
    assert event.details["evidence_before"] == Evidence.SELF
    page = hr.get(_url(cast)).content.decode()
    assert "assessed by Hélène Martin on" in page and "Ran the phishing drill" in page


def test_it_records_a_certification_with_its_name_and_date(hr, cast):
    competence = Competence.objects.get(person=cast.mentor.person, topic__slug="genai")
    hr.post(
        _url(cast) + f"{competence.pk}/certify/",
        {"name": "Generative AI Essentials", "obtained_on": "2025-11-02"},
    )
    competence.refresh_from_db()
    assert (competence.evidence, competence.source) == (Evidence.CERTIFIED, Source.CERTIFICATION)
    assert competence.evidence_date == dt.date(2025, 11, 2)
    assert "certified: Generative AI Essentials" in hr.get(_url(cast)).content.decode()


def test_an_assessment_needs_a_note_and_never_lowers_a_certification(hr, cast):
    competence = Competence.objects.get(person=cast.mentor.person, topic__slug="genai")
    response = hr.post(_url(cast) + f"{competence.pk}/assess/", {"note": "  "}, follow=True)
    assert "What the assessment found" in response.content.decode()
    certified = f.competence(cast.mentor.person, "cyber", 3, 3)
    response = hr.post(_url(cast) + f"{certified.pk}/assess/", {"note": "ok"}, follow=True)
    assert "an assessment would lower it" in response.content.decode()
    certified.refresh_from_db()
    assert certified.evidence == Evidence.CERTIFIED
    competence.refresh_from_db()
    assert competence.source == Source.ASSESSMENT and competence.source_note == "Seen at work"


def test_a_future_certification_date_is_refused(hr, cast):
    competence = Competence.objects.get(person=cast.mentor.person, topic__slug="genai")
    response = hr.post(
        _url(cast) + f"{competence.pk}/certify/",
        {"name": "X", "obtained_on": (dt.date.today() + dt.timedelta(days=3)).isoformat()},
        follow=True,
    )
    assert "cannot be in the future" in response.content.decode()


def test_a_coach_of_the_program_records_an_assessment_too(client, cast):
    client.force_login(cast.coach)
    competence = f.competence(cast.mentor.person, "cyber", 2, 0)
    assert client.get(_url(cast)).status_code == 200
    client.post(_url(cast) + f"{competence.pk}/assess/", {"note": "Watched a session"})
    competence.refresh_from_db()
    assert competence.evidence == Evidence.ASSESSED and competence.verified_by == cast.coach


def test_it_answers_404_for_a_competence_outside_the_program(hr, cast):
    outsider_skill = f.competence(cast.outsider.person, "genai", 4, 0)
    assert hr.post(_url(cast) + f"{outsider_skill.pk}/assess/", {"note": "x"}).status_code == 404
    outsider_skill.refresh_from_db()
    assert outsider_skill.evidence == Evidence.SELF
    for user in (cast.mentor, cast.sponsor, cast.outsider):
        client_as = hr
        client_as.force_login(user)
        assert client_as.get(_url(cast)).status_code == 404


def test_the_program_page_shows_when_evidence_expires(hr, cast):
    cast.program.evidence_months = 12
    cast.program.save()
    competence = Competence.objects.get(person=cast.mentor.person, topic__slug="genai")
    competence.evidence_date = dt.date.today() - dt.timedelta(days=400)
    competence.save()
    assert "expired on" in hr.get(_url(cast)).content.decode()


def test_it_lets_hr_review_the_whole_directory(client, cast):
    other = f.person("Elsewhere")
    f.enrol(other, f.program("Other", slug="other"), Enrolment.Role.MENTOR)
    f.competence(other, "cyber", 3, 1)
    client.force_login(cast.manager)
    response = client.get(reverse("people:competences"), {"q": "Elsewhere"})
    assert [c.person for c in response.context["page_obj"]] == [other]
    client.force_login(cast.mentor)
    assert client.get(reverse("people:competences")).status_code == 404
