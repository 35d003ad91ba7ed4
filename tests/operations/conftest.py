import pytest
import time_machine

from tandem.mentorships.services import journal, lifecycle
from tests.factories import START


@pytest.fixture
def world(reference_data_present, cast):
    """The cast, committed (backups and other connections see only committed rows), with an
    active pair whose mentee has written an (encrypted) preparation."""
    with time_machine.travel(START, tick=False):
        mentorship = lifecycle.create_mentorship(
            cast.program, [cast.mentor.person], [cast.mentee.person], cast.manager
        )
        for step in (lifecycle.accept_proposal, lifecycle.sign_charter):
            mentorship.refresh_from_db()
            for participant in mentorship.participants.select_related("person__user"):
                step(participant, participant.person.user)
        mentorship.refresh_from_db()
        meeting = mentorship.meetings.order_by("starts_at").first()
        journal.write_preparation(meeting, cast.mentee, state_of_mind="worried about the board")
    return cast
