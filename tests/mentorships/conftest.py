"""Mentorship fixtures: the cast's pair walked to active through the services (time frozen
by the shared ``clock``; the builders are in ``tests/factories.py``)."""

import pytest

from tandem.mentorships.models import Mentorship
from tests import factories as f


@pytest.fixture
def active_pair(cast, clock) -> Mentorship:
    return f.active_pair(cast)
