import datetime as dt

import pytest

from tandem.demo import builder

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def demo_org(db):
    assert builder.build(seed=builder.DEFAULT_SEED, today=TODAY)
    return builder.logins()
