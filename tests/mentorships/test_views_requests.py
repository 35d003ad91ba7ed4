"""Self-matching pages: choosing a mentor, answering, a manager's approval; each refuses
whoever it is not for."""

import pytest

from tandem.accounts.models import AuditEvent
from tandem.mentorships.models import MentorRequest
from tandem.programs.models import MatchingMode
from tests import factories as f
from tests.mentorships.views_helpers import sign_in, text


@pytest.fixture
def blended(cast, clock):
    cast.program.matching_mode = MatchingMode.BLENDED
    cast.program.save()
    return cast.program


def test_a_mentee_chooses_the_mentor_accepts_and_the_manager_approves(client, cast, blended):
    url = f"/me/mentors/{blended.slug}/"
    page = text(sign_in(client, cast.mentee).get(url))
    assert "Léa Bernard" in page and "covers Generative AI at work" in page
    response = client.post(url, {"mentor": cast.mentor.person.pk, "message": "Teach me"})
    assert response.status_code == 302 and response["Location"] == "/me/requests/"
    request = MentorRequest.objects.get()
    assert "Teach me" not in text(client.get("/me/requests/"))  # the mentee's own page
    client.logout()
    page = text(sign_in(client, cast.mentor).get("/me/requests/"))
    assert "Teach me" in page and "Waiting for your answer" in page
    client.post(f"/me/requests/{request.pk}/accept/")
    request.refresh_from_db()
    assert request.status == MentorRequest.Status.APPROVAL
    client.logout()
    sign_in(client, cast.manager)
    page = text(client.get(f"/programs/{blended.slug}/"))
    assert f'href="/programs/{blended.slug}/requests/"' in page
    page = text(client.get(f"/programs/{blended.slug}/requests/"))
    assert "Jean Moreau" in page and "Teach me" not in page
    client.post(f"/programs/{blended.slug}/requests/{request.pk}/approve/")
    request.refresh_from_db()
    assert request.status == MentorRequest.Status.ACCEPTED and request.mentorship_id
    assert AuditEvent.objects.filter(action="mentor_request.paired", actor=cast.manager).exists()


def test_the_pages_refuse_whoever_they_are_not_for(client, cast, blended):
    request = MentorRequest.objects.create(
        program=blended,
        mentee=cast.mentee.person,
        mentor=cast.mentor.person,
        expires_at="2026-02-01T00:00:00Z",
    )
    other = f.program("Other", slug="other", matching_mode=MatchingMode.SELF)
    other.managers.add(cast.manager)
    sign_in(client, cast.outsider)
    assert client.get(f"/me/mentors/{blended.slug}/").status_code == 404  # not a mentee
    assert client.post(f"/me/requests/{request.pk}/accept/").status_code == 404
    assert client.get(f"/programs/{blended.slug}/requests/").status_code == 404
    client.logout()
    sign_in(client, cast.manager)
    assert client.post(f"/programs/other/requests/{request.pk}/approve/").status_code == 404
    client.logout()
    sign_in(client, cast.mentee)
    response = client.post(f"/me/requests/{request.pk}/accept/", follow=True)
    assert "Only the mentor asked can answer" in text(response)
    request.refresh_from_db()
    assert request.status == MentorRequest.Status.PENDING
