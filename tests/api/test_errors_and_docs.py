"""What every route shares: JSON errors naming the field, the browser session with CSRF,
the OpenAPI description and its docs page without any CDN, certificate verification."""

import re

from django.test import Client


def test_it_names_the_field_at_fault(api, cast):
    response = api.post("/programs", {"name": "", "start": "someday"}, as_=cast.manager)
    assert response.status_code == 422
    body = response.json()
    assert {"name", "start"} <= {error["field"] for error in body["errors"]}
    assert body["detail"].startswith("Invalid input")
    bad_query = api.get("/people?limit=0", as_=cast.manager)
    assert bad_query.status_code == 422 and bad_query.json()["errors"][0]["field"] == "limit"


def test_it_answers_404_for_ids_beyond_the_database(api, cast):
    response = api.get(f"/mentorships/{2**70}", as_=cast.manager)
    assert response.status_code in (404, 422)


def test_it_accepts_the_web_session_with_its_csrf_token(cast):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.mentee)
    assert browser.get("/api/v1/me").json()["email"] == cast.mentee.email
    url = f"/api/v1/people/{cast.mentee.person.pk}/needs"
    refused = browser.put(url, "[]", content_type="application/json")
    assert refused.status_code == 403
    browser.get("/api/v1/docs")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.put(
        url, "[]", content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 200


def test_it_serves_its_description_and_docs_without_a_cdn(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1"
    assert "/api/v1/mentorships/{mentorship_id}" in schema["paths"]
    assert "TokenAuth" in schema["components"]["securitySchemes"]
    # two schemas of one name would leave one out of the document (people's import notes)
    schemas = schema["components"]["schemas"]
    assert "notes" in schemas["PeopleReportOut"]["properties"]
    assert "notes" not in schemas["EnrolmentReportOut"]["properties"]
    page = client.get("/api/v1/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/static/") for s in sources)


def test_no_two_schemas_of_the_api_share_a_name():
    """The OpenAPI document keys schemas by class name: a second class of the same name would
    silently replace the first (as people's and programs' ``ReportOut`` once did)."""
    from ninja import Schema

    from tandem.api import api

    api.get_openapi_schema()  # imports every router and its schemas
    names: dict[str, set[str]] = {}
    stack = list(Schema.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("tandem."):
            names.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: mods for name, mods in names.items() if len(mods) > 1} == {}


def test_it_verifies_certificates_publicly(client, world):
    from tandem.recognition.models import Certificate

    participant = world.pair.participants.get(role="mentee")
    certificate = Certificate.objects.create(
        participant=participant,
        person=participant.person,
        program=world.program,
        full_name="Jean Moreau",
        program_name=world.program.name,
        role="mentee",
        started_on=world.program.start,
        ended_on=world.program.end,
        code="abc123",
    )
    response = client.get(f"/api/v1/certificates/verify/{certificate.code}")
    assert response.json()["full_name"] == "Jean Moreau"
    assert client.get("/api/v1/certificates/verify/nope").status_code == 404
    certificate.revoked_at = certificate.issued_at
    certificate.save()
    assert client.get(f"/api/v1/certificates/verify/{certificate.code}").status_code == 404
