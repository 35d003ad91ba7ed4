"""Closing reviews and completion, by hand or when the program ends."""

import datetime as dt

import pytest
from django.core.management import call_command

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services import closing
from tests.factories import participant, propose_pair


def test_it_waits_for_every_review_before_completing(active_pair, cast):
    closing.submit_closing_review(
        participant(active_pair, cast.mentor),
        cast.mentor,
        goals_reached={},
        autonomy=5,
        would_recommend=True,
    )
    with pytest.raises(MentorshipError, match="Jean Moreau"):
        closing.complete_mentorship(active_pair, cast.manager)


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"autonomy": 6}, "1 to 5"), ({"goals_reached": {999999: True}}, "999999")],
)
def test_it_refuses_a_bad_review(active_pair, cast, fields, message):
    values = {"goals_reached": {}, "autonomy": 3, "would_recommend": False, **fields}
    with pytest.raises(MentorshipError, match=message):
        closing.submit_closing_review(participant(active_pair, cast.mentee), cast.mentee, **values)


def test_it_completes_mentorships_when_their_program_has_ended(active_pair, cast, clock):
    clock.move_to(dt.datetime(2026, 7, 10, tzinfo=dt.UTC))
    call_command("complete-mentorships", stdout=open("/dev/null", "w"))  # noqa: SIM115
    active_pair.refresh_from_db()
    assert active_pair.status == Mentorship.Status.COMPLETED


def test_it_ends_proposals_whose_program_has_ended(cast, clock):
    mentorship = propose_pair(cast)
    counts = closing.complete_ended_programs(today=dt.date(2026, 7, 10))
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ENDED and counts == {"completed": 0, "ended": 1}


def _review(pair, user):
    closing.submit_closing_review(
        participant(pair, user), user, goals_reached={}, autonomy=4, would_recommend=True
    )


def test_the_page_offers_completion_only_once_every_review_is_in(client, active_pair, cast):
    from tests.mentorships.views_helpers import sign_in, text

    sign_in(client, cast.mentor)
    url = f"/mentorships/{active_pair.pk}/"
    _review(active_pair, cast.mentor)
    page = text(client.get(url))
    assert "Still missing: Jean Moreau" in page and "Mark the mentorship complete" not in page
    refused = client.post(f"/mentorships/{active_pair.pk}/complete/", follow=True)
    assert "Waiting for the closing review of: Jean Moreau" in text(refused)
    active_pair.refresh_from_db()
    assert active_pair.status == Mentorship.Status.ACTIVE

    _review(active_pair, cast.mentee)
    assert "Mark the mentorship complete" in text(client.get(url))
    done = client.post(f"/mentorships/{active_pair.pk}/complete/", follow=True)
    assert "The mentorship is complete" in text(done)
    active_pair.refresh_from_db()
    assert active_pair.status == Mentorship.Status.COMPLETED


def test_nobody_outside_the_pair_can_complete_it(client, active_pair, cast):
    from tests.mentorships.views_helpers import sign_in

    _review(active_pair, cast.mentor)
    _review(active_pair, cast.mentee)
    for user in (cast.other_member, cast.coach, cast.outsider, cast.sponsor):
        sign_in(client, user)
        assert client.post(f"/mentorships/{active_pair.pk}/complete/").status_code == 404
        assert client.get(f"/mentorships/{active_pair.pk}/complete/").status_code == 405
    active_pair.refresh_from_db()
    assert active_pair.status == Mentorship.Status.ACTIVE
