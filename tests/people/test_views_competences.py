"""Reviewing mentors' competences and marking them verified, with an audit event."""

import pytest
from django.urls import reverse

from tandem.accounts.models import AuditEvent
from tandem.people.models import Competence, Evidence
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


def test_it_marks_a_competence_verified_and_raises_its_evidence(hr, cast):
    competence = Competence.objects.get(person=cast.mentor.person, topic__slug="genai")
    response = hr.post(
        _url(cast) + "?unverified=on",
        {"competence": competence.pk, "evidence": Evidence.CERTIFIED},
    )
    assert response.url.endswith("?unverified=on")
    competence.refresh_from_db()
    assert competence.verified_by == cast.manager and competence.verified_at is not None
    assert competence.evidence == Evidence.CERTIFIED
    event = AuditEvent.objects.get(action="people.competence_verified")
    assert event.details["evidence_before"] == Evidence.ASSESSED
    assert hr.get(_url(cast), {"unverified": "on"}).context["page_obj"].paginator.count == 0


def test_it_refuses_to_lower_the_evidence(hr, cast):
    competence = Competence.objects.get(person=cast.mentor.person, topic__slug="genai")
    response = hr.post(
        _url(cast), {"competence": competence.pk, "evidence": Evidence.SELF}, follow=True
    )
    assert "cannot lower it" in response.content.decode()
    competence.refresh_from_db()
    assert competence.verified_at is None and competence.evidence == Evidence.ASSESSED


def test_it_answers_404_for_a_competence_outside_the_program(hr, cast):
    outsider_skill = f.competence(cast.outsider.person, "genai", 4, 0)
    assert hr.post(_url(cast), {"competence": outsider_skill.pk}).status_code == 404
    assert hr.post(_url(cast), {"competence": "x"}).status_code == 404
    outsider_skill.refresh_from_db()
    assert outsider_skill.verified_at is None


def test_it_lets_hr_review_the_whole_directory(client, cast):
    other = f.person("Elsewhere")
    f.enrol(other, f.program("Other", slug="other"), Enrolment.Role.MENTOR)
    f.competence(other, "cyber", 3, 1)
    client.force_login(cast.manager)
    response = client.get(reverse("people:competences"), {"q": "Elsewhere"})
    assert [c.person for c in response.context["page_obj"]] == [other]
    client.force_login(cast.mentor)
    assert client.get(reverse("people:competences")).status_code == 404
