"""Closing reviews and completion, by hand or when the program ends."""

import datetime as dt

import pytest
from django.core.management import call_command

from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services import closing
from tests.mentorships.conftest import participant, propose_pair


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
