"""Property-based: every operation of the live OpenAPI description, called with generated
input as a manager and as a participant, never answers 5xx and always answers what the
description says (status codes, content types, body schemas).

One test walks every operation over one world (two active pairs), rather than
``@schema.parametrize()``'s one test per operation, which rebuilt the world 60 times and took
five minutes; the coverage phase (hundreds of boundary calls per operation) is left to a
manual run: ``st run http://127.0.0.1:8000/api/v1/openapi.json -H "Authorization: Bearer …"``.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tandem.accounts.tokens import create_token

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 6

# The description as the running application serves it (no database needed to serve it).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calling the WSGI application directly fires the request signals that close the database
    connection (Django's test client disconnects them too); on PostgreSQL that would close the
    connection holding the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def check_operation(operation, bearers: list[dict]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def calls(case):
        for bearer in bearers:
            case.call_and_validate(headers=bearer, checks=CHECKS)

    calls()


def test_it_answers_every_operation_as_described(world):
    users = (world.cast.manager, world.cast.mentor)
    bearers = [{"Authorization": f"Bearer {create_token(u, 'schemathesis')[1]}"} for u in users]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 50
    for operation in operations:
        check_operation(operation, bearers)
