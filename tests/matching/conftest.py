"""Matching tests run in the first days of their programs (``helpers.WINTER``, the cast's
start): a program whose end date has passed cannot be published, whatever today is."""

import pytest


@pytest.fixture(autouse=True)
def _early(early_in_the_programs):
    return early_in_the_programs
