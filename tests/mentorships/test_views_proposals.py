"""The proposal, the charter and the early end, page by page."""

import pytest

from tandem.mentorships.models import Mentorship, Participant
from tandem.programs.models import TrainingModule
from tests.factories import accept_all, participant, propose_pair
from tests.mentorships.views_helpers import sign_in, strangers, text


@pytest.fixture
def proposed(cast, clock) -> Mentorship:
    mentorship = propose_pair(cast)
    mentorship.reasons = ["Léa covers generative AI, the need Jean ranked first."]
    mentorship.save()
    return mentorship


def test_it_shows_the_proposal_with_reasons_and_both_answers(client, cast, proposed):
    page = text(sign_in(client, cast.mentee).get(f"/mentorships/{proposed.pk}/"))
    assert "Léa Bernard" in page
    assert "Léa covers generative AI" in page
    assert "Accept this proposal" in page
    assert "only the program manager reads this" in page.lower()


def test_it_sends_anonymous_visitors_to_sign_in(client, proposed):
    response = client.get(f"/mentorships/{proposed.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_hides_the_mentorship_from_everyone_else_with_a_404(client, cast, proposed):
    for who, user in strangers(cast).items():
        client.logout()
        response = sign_in(client, user).get(f"/mentorships/{proposed.pk}/")
        assert response.status_code == 404, who


def test_it_accepts_then_sends_the_last_one_to_the_charter(client, cast, proposed):
    response = sign_in(client, cast.mentee).post(f"/mentorships/{proposed.pk}/accept/")
    assert response.status_code == 302
    assert participant(proposed, cast.mentee).answer == Participant.Answer.ACCEPTED
    client.logout()
    response = sign_in(client, cast.mentor).post(f"/mentorships/{proposed.pk}/accept/")
    assert response["Location"] == f"/mentorships/{proposed.pk}/charter/"
    proposed.refresh_from_db()
    assert proposed.status == Mentorship.Status.ACCEPTED


def test_it_refuses_a_decline_without_reason_and_writes_nothing(client, cast, proposed):
    response = sign_in(client, cast.mentee).post(f"/mentorships/{proposed.pk}/decline/", {})
    page = text(response)
    assert response.status_code == 200
    assert "Please give a reason" in page
    assert 'aria-describedby="id_reason-error id_reason_helptext"' in page
    assert participant(proposed, cast.mentee).answer == Participant.Answer.PENDING


def test_it_keeps_the_decline_reason_from_the_other_side(client, cast, proposed):
    sign_in(client, cast.mentee).post(
        f"/mentorships/{proposed.pk}/decline/", {"reason": "Too busy this quarter"}
    )
    proposed.refresh_from_db()
    assert proposed.status == Mentorship.Status.DECLINED
    assert participant(proposed, cast.mentee).decline_reason == "Too busy this quarter"
    client.logout()
    page = text(sign_in(client, cast.mentor).get(f"/mentorships/{proposed.pk}/"))
    assert "Too busy" not in page


def test_it_says_a_second_answer_is_not_possible(client, cast, proposed):
    sign_in(client, cast.mentee).post(f"/mentorships/{proposed.pk}/accept/")
    response = client.post(f"/mentorships/{proposed.pk}/accept/", follow=True)
    assert "already answered" in text(response)


def test_it_shows_the_charter_and_needs_the_box_ticked(client, cast, proposed):
    cast.program.authorised_subjects = "Tools and habits, not salaries"
    cast.program.save()
    accept_all(proposed)
    sign_in(client, cast.mentee)
    page = text(client.get(f"/mentorships/{proposed.pk}/charter/"))
    for expected in ["stays within the pair", "Tools and habits", "every 30 days", "60 minutes"]:
        assert expected in page, expected
    response = client.post(f"/mentorships/{proposed.pk}/charter/", {})
    assert "Tick the box" in text(response)
    assert participant(proposed, cast.mentee).charter_signed_at is None
    client.post(f"/mentorships/{proposed.pk}/charter/", {"accept": "on"})
    assert participant(proposed, cast.mentee).charter_signed_at is not None


def test_it_starts_the_mentorship_at_the_last_signature(client, cast, proposed):
    accept_all(proposed)
    for user in (cast.mentee, cast.mentor):
        client.logout()
        sign_in(client, user).post(f"/mentorships/{proposed.pk}/charter/", {"accept": "on"})
    proposed.refresh_from_db()
    assert proposed.status == Mentorship.Status.ACTIVE
    page = text(client.get(f"/mentorships/{proposed.pk}/"))
    assert "Next meeting" in page and "Mark held" not in page


def test_it_says_why_activation_is_blocked(client, cast, proposed):
    module = TrainingModule.objects.order_by("position").first()
    cast.program.required_modules.set([module])
    accept_all(proposed)
    page = text(sign_in(client, cast.mentee).get(f"/mentorships/{proposed.pk}/"))
    assert "must first complete the required training" in page
    assert module.name_en in page


def test_it_ends_early_with_a_reason_for_the_manager_only(client, cast, active_pair):
    sign_in(client, cast.mentor)
    response = client.post(f"/mentorships/{active_pair.pk}/end/", {"reason": "New job"})
    assert "Tick the box" in text(response)
    client.post(f"/mentorships/{active_pair.pk}/end/", {"reason": "New job", "confirm": "on"})
    active_pair.refresh_from_db()
    assert active_pair.status == Mentorship.Status.ENDED
    assert active_pair.end_reason == "New job"
    client.logout()
    page = text(sign_in(client, cast.mentee).get(f"/mentorships/{active_pair.pk}/"))
    assert "Ended early" in page and "New job" not in page


def test_it_lists_the_user_s_mentorships(client, cast, proposed):
    page = text(sign_in(client, cast.mentee).get("/mentorships/"))
    assert f"/mentorships/{proposed.pk}/" in page and "Léa Bernard" in page
    client.logout()
    page = text(sign_in(client, cast.outsider).get("/mentorships/"))
    assert f"/mentorships/{proposed.pk}/" not in page


def test_it_links_the_home_page_to_the_proposal(client, cast, proposed):
    page = text(sign_in(client, cast.mentee).get("/"))
    assert f'href="/mentorships/{proposed.pk}/"' in page
