"""Goals, milestones and the closing review, page by page."""

import pytest

from tandem.mentorships.models import ClosingReview, Goal, Milestone
from tests.mentorships.test_views_meetings import other_pair
from tests.mentorships.views_helpers import sign_in, strangers, text


@pytest.fixture
def goal(active_pair) -> Goal:
    return active_pair.goals.get(learner__role="mentee")


def test_it_lists_goals_on_both_sides(client, cast, active_pair):
    page = text(sign_in(client, cast.mentor).get(f"/mentorships/{active_pair.pk}/"))
    for g in active_pair.goals.all():
        assert g.title in page


def test_it_adds_a_goal_for_the_mentor(client, cast, active_pair):
    mentor = active_pair.participants.get(role="mentor")
    sign_in(client, cast.mentor)
    response = client.post(
        f"/mentorships/{active_pair.pk}/goals/new/",
        {"learner": mentor.pk, "title": "Read a P&L", "target_level": "3", "notes": "ask Jean"},
    )
    assert response.status_code == 302
    added = Goal.objects.get(title="Read a P&L")
    assert added.learner == mentor and added.target_level == 3 and added.notes == "ask Jean"


def test_it_refuses_a_learner_from_another_mentorship(client, cast, active_pair):
    stranger = other_pair(cast).participants.first()
    before = Goal.objects.count()
    sign_in(client, cast.mentor)
    response = client.post(
        f"/mentorships/{active_pair.pk}/goals/new/",
        {"learner": stranger.pk, "title": "Forged", "target_level": "2"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    assert 'value="Forged"' in text(response)
    assert Goal.objects.count() == before


def test_it_updates_status_and_notes(client, cast, goal):
    sign_in(client, cast.mentee)
    data = {"title": goal.title, "status": "reached", "target_level": "3", "notes": "done!"}
    response = client.post(f"/mentorships/goals/{goal.pk}/", data)
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.status, goal.target_level, goal.notes) == ("reached", 3, "done!")


def test_it_refuses_a_bad_target_level_without_writing(client, cast, goal):
    sign_in(client, cast.mentee)
    data = {"title": "Changed", "status": "reached", "target_level": "9"}
    response = client.post(f"/mentorships/goals/{goal.pk}/", data)
    assert response.status_code == 200 and "Select a valid choice" in text(response)
    goal.refresh_from_db()
    assert goal.title != "Changed" and goal.status == "open"


def test_it_hides_a_goal_s_page_from_everyone_but_the_pair(client, cast, goal):
    goal.notes = "private note"
    goal.save()
    for who, user in strangers(cast).items():
        client.logout()
        sign_in(client, user)
        assert client.get(f"/mentorships/goals/{goal.pk}/").status_code == 404, who
        url = f"/mentorships/goals/{goal.pk}/milestones/"
        assert client.post(url, {"milestone-title": "x"}).status_code == 404, who
    assert not Milestone.objects.exists()


def test_it_adds_and_reaches_a_milestone(client, cast, goal):
    sign_in(client, cast.mentee)
    response = client.post(f"/mentorships/goals/{goal.pk}/milestones/", {"milestone-title": ""})
    assert "This field is required" in text(response)
    client.post(
        f"/mentorships/goals/{goal.pk}/milestones/",
        {"milestone-title": "Write a first prompt", "milestone-due": "2026-02-01"},
    )
    milestone = Milestone.objects.get(goal=goal)
    client.post(f"/mentorships/milestones/{milestone.pk}/reach/")
    milestone.refresh_from_db()
    assert milestone.reached_at is not None


def test_it_saves_a_closing_review_and_refuses_a_bad_one(client, cast, active_pair, goal):
    sign_in(client, cast.mentee)
    url = f"/mentorships/{active_pair.pk}/closing/"
    response = client.post(url, {"autonomy": "7", "would_recommend": "yes"})
    assert response.status_code == 200 and "Select a valid choice" in text(response)
    assert not ClosingReview.objects.exists()
    data = {"goals_reached": [goal.pk], "autonomy": "4", "would_recommend": "yes"}
    assert client.post(url, data).status_code == 302
    review = ClosingReview.objects.get()
    assert review.goals_reached[str(goal.pk)] is True and review.autonomy == 4
    assert review.would_recommend is True
    assert 'value="4"' in text(client.get(url))
