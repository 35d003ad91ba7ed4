from tests.api.conftest import api, no_throttle, world  # noqa: F401 - shared fixtures
from tests.mentorships.test_reminders import pending_proposal  # noqa: F401 - shared fixture
