import pytest

from tandem.mentorships.models import Mentorship
from tests.insights import builders as b


@pytest.fixture
def completed(cast):
    """The cast's mentor and mentee, their mentorship completed."""
    return b.pair(cast.program, cast.mentor.person, cast.mentee.person, Mentorship.Status.COMPLETED)
