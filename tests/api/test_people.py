"""The directory through the API: filters, the CSV import's rules in JSON (all-or-nothing),
competences with their evidence and verification, learning needs."""

from tandem.people.models import Competence, Evidence, Person

ROW = {
    "employee_id": "N-1",
    "email": "nora@example.com",
    "full_name": "Nora Vidal",
    "title": "Analyst",
    "department": "Data",
    "manager_id": "",
    "organization": "Acme",
    "site": "Lyon",
    "timezone": "Europe/Paris",
    "languages": "fr|en",
}


def test_it_filters_the_directory_in_a_stable_order(api, cast):
    people = api.get("/people?department=finance", as_=cast.manager).json()
    assert people["count"] == 2
    ids = [p["id"] for p in people["items"]]
    assert ids == sorted(ids)
    found = api.get("/people?q=moreau", as_=cast.manager).json()["items"]
    assert [p["full_name"] for p in found] == ["Jean Moreau"]
    org = cast.mentee.person.organization_id
    assert api.get(f"/people?organization={org}&limit=2", as_=cast.manager).json()["count"] == 7
    page = api.get("/people?limit=2&offset=2", as_=cast.manager).json()["items"]
    assert len(page) == 2


def test_it_upserts_people_all_or_nothing_with_the_import_rules(api, cast):
    rows = [
        ROW,
        {**ROW, "employee_id": "N-2", "email": "not-an-email"},
        {**ROW, "employee_id": "N-3", "email": "n3@example.com", "manager_id": "N-9"},
    ]
    response = api.post("/people/bulk", {"rows": rows}, as_=cast.manager)
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"rows.1.email", "rows.2.manager_id"} <= fields
    assert not Person.objects.filter(employee_id="N-1").exists()
    response = api.post("/people/bulk", {"rows": [ROW]}, as_=cast.manager)
    assert response.json() == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "written": True,
        "notes": [],
    }


def test_it_creates_and_updates_one_person(api, cast):
    created = api.post("/people", ROW, as_=cast.manager)
    assert created.status_code == 201
    pk = created.json()["id"]
    boss = cast.mentee.person.employee_id
    response = api.patch(f"/people/{pk}", {"title": "Lead", "manager_id": boss}, as_=cast.manager)
    assert response.status_code == 200
    assert response.json()["title"] == "Lead"
    assert response.json()["manager_id"] == cast.mentee.person.pk
    again = api.post("/people", ROW, as_=cast.manager)
    assert again.status_code == 400
    cycle = api.patch(
        f"/people/{cast.mentee.person.pk}", {"manager_id": ROW["employee_id"]}, as_=cast.manager
    )
    assert cycle.status_code == 400
    assert cycle.json()["errors"][0]["field"].startswith("rows.0")


def test_one_person_written_says_what_was_decided_about_organisations(api, cast):
    """POST and PATCH of one person name the organisation's kind and what Tandem decided:
    a new organisation never appears silently."""
    row = {**ROW, "organization": "PartnerCo"}
    created = api.post("/people", row, as_=cast.manager).json()
    assert created["organization_kind"] == "partner"
    assert created["notes"] == ["PartnerCo: new partner organisation"]
    again = api.patch(f"/people/{created['id']}", {"title": "Lead"}, as_=cast.manager).json()
    assert (again["organization_kind"], again["notes"]) == ("partner", [])
    host = api.patch(
        f"/people/{created['id']}", {"organization_kind": "host"}, as_=cast.manager
    ).json()
    assert host["organization_kind"] == "host"
    assert host["notes"] == ["PartnerCo: now a host organisation (was a partner)"]
    bad = api.patch(f"/people/{created['id']}", {"organization_kind": "vendor"}, as_=cast.manager)
    assert bad.status_code == 400 and "organization_kind" in bad.json()["errors"][0]["field"]


def test_it_lets_a_person_edit_their_competences_but_not_raise_the_evidence(api, cast):
    me = cast.mentor.person
    own = api.put(f"/people/{me.pk}/competences", [{"topic": "cyber", "level": 2}], as_=cast.mentor)
    assert own.status_code == 200
    assert {c["topic"] for c in own.json()} == {"genai", "cyber"}
    cyber = Competence.objects.get(person=me, topic__slug="cyber")
    raised = [{"id": cyber.pk, "topic": "cyber", "level": 2, "evidence": Evidence.CERTIFIED}]
    response = api.put(f"/people/{me.pk}/competences", raised, as_=cast.mentor)
    assert response.status_code == 400
    other = api.put(f"/people/{cast.mentee.person.pk}/competences", [], as_=cast.mentor)
    assert other.status_code == 404


def test_it_saves_learning_needs(api, cast):
    me = cast.mentee.person
    body = [{"topic": "cyber", "priority": 2, "current_level": 1}]
    response = api.put(f"/people/{me.pk}/needs", body, as_=cast.mentee)
    assert response.status_code == 200
    assert {n["topic"] for n in response.json()} == {"genai", "cyber"}
    unknown = api.put(f"/people/{me.pk}/needs", [{"topic": "nope"}], as_=cast.mentee)
    assert unknown.status_code == 400


def test_it_lists_topics_and_organisations_to_anyone_signed_in(api, cast):
    topics = api.get("/topics?limit=500", as_=cast.outsider).json()
    assert "genai" in {t["slug"] for t in topics["items"]}
    assert api.get("/organizations", as_=cast.outsider).json()["count"] == 1


def test_it_creates_and_updates_organisations_for_directory_managers_only(api, cast):
    created = api.post(
        "/organizations", {"name": "Université Lumière", "kind": "partner"}, as_=cast.manager
    )
    assert created.status_code == 201
    org = created.json()
    assert org["slug"] == "universite-lumiere"
    assert org["kind"] == "partner"
    assert api.get(f"/organizations/{org['id']}", as_=cast.manager).json()["name"] == (
        "Université Lumière"
    )
    duplicate = api.post("/organizations", {"name": "université lumière"}, as_=cast.manager)
    assert duplicate.status_code == 400
    assert "already exists" in duplicate.json()["detail"]
    renamed = api.patch(
        f"/organizations/{org['id']}", {"name": "Université Lumière Lyon 2"}, as_=cast.manager
    )
    assert renamed.json()["name"] == "Université Lumière Lyon 2"
    bad_kind = api.patch(f"/organizations/{org['id']}", {"kind": "vendor"}, as_=cast.manager)
    assert bad_kind.status_code == 422
    refused = api.post("/organizations", {"name": "Mentors Inc"}, as_=cast.mentor)
    assert refused.status_code == 403
    assert (
        api.patch(f"/organizations/{org['id']}", {"name": "X"}, as_=cast.mentee).status_code == 403
    )
