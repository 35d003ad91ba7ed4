"""Self-matching through the API: suggestions, a request, the mentor's answer; strict input,
and the message for the mentor alone."""

import pytest

from tandem.mentorships.models import MentorRequest
from tandem.programs.models import MatchingMode


@pytest.fixture
def choosing(cast, clock):
    cast.program.matching_mode = MatchingMode.BLENDED
    cast.program.save()
    return cast.program


def test_a_mentee_asks_a_suggested_mentor_who_accepts_and_a_manager_approves(api, cast, choosing):
    found = api.get(f"/programs/{choosing.pk}/mentor-suggestions", as_=cast.mentee)
    assert found.status_code == 200
    (best,) = found.json()
    assert best["person_id"] == cast.mentor.person.pk and best["reasons"]
    body = {"program": choosing.pk, "mentor": best["person_id"], "message": "Teach me"}
    made = api.post("/mentor-requests", body, as_=cast.mentee)
    assert made.status_code == 201, made.content
    request_id = made.json()["id"]
    assert made.json()["message"] is None  # the mentee wrote it; the mentor reads it
    mine = api.get(f"/mentor-requests/{request_id}", as_=cast.mentor).json()
    assert mine["message"] == "Teach me"
    listed = api.get(f"/mentor-requests?program={choosing.pk}", as_=cast.manager).json()
    assert listed["items"][0]["message"] is None  # managers: names, statuses, dates
    assert api.post(f"/mentor-requests/{request_id}/accept", as_=cast.mentee).status_code == 403
    accepted = api.post(f"/mentor-requests/{request_id}/accept", as_=cast.mentor)
    assert accepted.json()["status"] == "approval"
    assert api.post(f"/mentor-requests/{request_id}/approve", as_=cast.mentor).status_code == 403
    approved = api.post(f"/mentor-requests/{request_id}/approve", as_=cast.manager)
    assert approved.status_code == 200 and approved.json()["mentorship_id"]
    assert api.get(f"/mentor-requests/{request_id}", as_=cast.outsider).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"program": "1", "mentor": 1},  # a number as a string
        {"program": 1, "mentor": 1, "message": "hi\x00"},  # a control character
        {"program": 1, "mentor": 1, "extra": True},  # an unknown field
        {"program": 1, "mentor": 1, "message": "x" * 2001},
    ],
)
def test_it_refuses_malformed_requests_naming_the_field(api, cast, choosing, body):
    body = {k: (choosing.pk if v == 1 and k == "program" else v) for k, v in body.items()}
    response = api.post("/mentor-requests", body, as_=cast.mentee)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"]
    assert not MentorRequest.objects.exists()


def test_a_program_where_managers_pair_offers_no_suggestion(api, cast, clock):
    response = api.get(f"/programs/{cast.program.pk}/mentor-suggestions", as_=cast.mentee)
    assert response.status_code == 403
    assert "managers make the pairs" in response.json()["detail"]
