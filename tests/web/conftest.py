import datetime as dt

import pytest

from tandem.web import demo

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    """Demo accounts share one hash; a fast hasher keeps each sign-in in a test cheap."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo_org(db):
    assert demo.build(seed=demo.DEFAULT_SEED, today=TODAY)
    return demo.logins()
