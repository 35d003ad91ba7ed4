"""A SCIM directory with its token, and a client that speaks SCIM to /scim/v2/ through
Django's test client (JSON bodies, ``application/scim+json``)."""

import json
from dataclasses import dataclass

from django.test import Client

from tandem.people import directories
from tests import factories as f

BASE = "/scim/v2"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


@dataclass
class Scim:
    directory: directories.Directory
    token: str
    client: Client

    def call(self, method: str, path: str, body=None, token: str | None = None):
        headers = {"Authorization": f"Bearer {self.token if token is None else token}"}
        kwargs = {"headers": headers}
        if body is not None:
            raw = body if isinstance(body, bytes | str) else json.dumps(body)
            kwargs.update(data=raw, content_type="application/scim+json")
        return getattr(self.client, method.lower())(BASE + path, **kwargs)

    def create_user(self, user_name, email, **extra):
        body = {"schemas": [USER, ENTERPRISE], "userName": user_name, "active": True}
        body["emails"] = [{"value": email, "type": "work", "primary": True}]
        body.update(extra)
        response = self.call("POST", "/Users", body)
        assert response.status_code == 201, response.content
        return response.json()

    def patch(self, path: str, *operations):
        return self.call("PATCH", path, {"schemas": [PATCH], "Operations": list(operations)})


def make_directory(name="Entra", org_name="Acme") -> Scim:
    directory = directories.create_directory(name, f.organization(org_name), actor=None)
    _token, secret = directories.create_token(directory, actor=None)
    return Scim(directory=directory, token=secret, client=Client())
