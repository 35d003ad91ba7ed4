import pytest


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    """Argon2 costs a fifth of a second per hash; sign-in behaviour does not depend on it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
