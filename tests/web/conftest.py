import datetime as dt

import pytest

from tandem.web import demo

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def demo_org(db):
    assert demo.build(seed=demo.DEFAULT_SEED, today=TODAY)
    return demo.logins()
