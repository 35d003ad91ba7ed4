from tests.api.conftest import api, clock, no_throttle, world  # noqa: F401 - shared fixtures
