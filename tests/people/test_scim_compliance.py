"""The scim2-tester compliance checker (discovery, CRUD, PATCH add/replace/remove on every
attribute Tandem serves, errors) runs against /scim/v2/ in process and passes."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from scim2_client.engines.wsgi import WSGISCIMClient
from scim2_tester import Status, check_server

from tests.people.scim_helpers import make_directory

OK = (Status.SUCCESS, Status.SKIPPED)


@pytest.fixture
def keep_connection():
    """Django's handler closes the database connection around each request; the test's
    transaction must outlive them (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_it_passes_every_check_of_scim2_tester(db, keep_connection):
    scim = make_directory()
    client = WSGISCIMClient(
        WSGIHandler(),
        base_url="http://testserver/scim/v2",
        headers={"Authorization": f"Bearer {scim.token}"},
    )
    results = check_server(client)
    failed = [f"{r.title} [{r.resource_type}]: {r.reason}" for r in results if r.status not in OK]
    assert failed == []
    assert sum(r.status == Status.SUCCESS for r in results) >= 80
    # Only searching Users and Groups at once (POST /.search) is left out: 501, as the RFC allows.
    skipped = {(r.title, r.resource_type) for r in results if r.status == Status.SKIPPED}
    assert skipped == {("search_with_attributes", "User"), ("search_with_attributes", "Group")}
