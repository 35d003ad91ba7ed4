"""The permission matrix: every route Django can dispatch to — pages, admin and API — has a
row saying what each role gets, and each role gets exactly that. A route without a row fails
the first test, naming it; what a pair wrote never shows in an answer to anyone else."""

import pytest

from tests.trust.conftest import MARKER, ROLES
from tests.trust.matrix import Caller, body, every_route, expected, outcome
from tests.trust.routes_admin import model_rows, site_rows
from tests.trust.routes_api import ROWS as API_ROWS
from tests.trust.routes_api import table_rows
from tests.trust.routes_pages import PAGES


def matrix() -> dict:
    rows = {**PAGES, **site_rows(), **model_rows(), **API_ROWS}
    for key, calls in table_rows().items():
        rows.setdefault(key, []).extend(calls)
    return rows


def test_it_has_a_row_for_every_route():
    routes, rows = every_route(), matrix()
    missing = sorted(routes - set(rows))
    assert missing == [], f"routes without a row in the permission matrix: {missing}"
    stale = sorted(set(rows) - routes)
    assert stale == [], f"rows for routes that no longer exist: {stale}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_matrix_says(trust, role):
    """One role per test, every call of every row in turn; the confidential texts' marker is
    absent from every answer but the pair's own."""
    caller, routes, wrong, leaks = Caller(trust.users), every_route(), [], []
    for key, calls in matrix().items():
        if key not in routes:
            continue
        for call in calls:
            response = caller.call(role, call, trust.ids)
            got, want = outcome(response), expected(call, role)
            if got != want:
                wrong.append(f"{call.method.upper()} {call.path}: {got}, expected {want}")
            text = body(response)
            if MARKER in text and role not in call.shows:
                leaks.append(f"{call.method.upper()} {call.path}")
            if role in call.shows and got == 200 and call.method == "get" and MARKER not in text:
                wrong.append(f"{call.method.upper()} {call.path}: the pair's text is missing")
    assert leaks == [], f"{role} read what the pair wrote at {leaks}"
    assert wrong == [], "\n".join(wrong)
