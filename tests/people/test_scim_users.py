"""SCIM Users as Okta, Microsoft Entra ID and Google send them: create, update (title,
department, manager, employee number, organisation), deactivate, filter, paginate; tokens;
one directory never reaches another's people; errors in SCIM's format, never a 500."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tandem.accounts.models import AuditEvent
from tandem.people import directories
from tandem.people.models import Organization, Person
from tests import factories as f
from tests.people.scim_helpers import ENTERPRISE, USER, make_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scim():
    return make_directory()


def okta_user(user_name="lea.bernard@acme.example", **extra):
    """Okta's default SCIM 2.0 user, with the enterprise extension."""
    body = {
        "schemas": [USER, ENTERPRISE],
        "userName": user_name,
        "name": {"givenName": "Léa", "familyName": "Bernard"},
        "emails": [{"primary": True, "value": user_name, "type": "work"}],
        "displayName": "Léa Bernard",
        "externalId": "00u1abcd",
        "title": "Data analyst",
        "preferredLanguage": "fr-FR",
        "active": True,
        "phoneNumbers": [{"value": "+33 6 00 00 00 00", "type": "mobile"}],
        ENTERPRISE: {"employeeNumber": "E002", "department": "Digital", "organization": "Acme"},
    }
    body.update(extra)
    return body


def test_it_creates_a_person_with_what_tandem_uses_and_drops_the_rest(scim):
    response = scim.call("POST", "/Users", okta_user())
    assert response.status_code == 201
    assert response["Content-Type"] == "application/scim+json"
    body = response.json()
    assert response["Location"] == f"http://testserver/scim/v2/Users/{body['id']}"
    person = Person.objects.get(employee_id="E002")
    assert (person.full_name, person.email, person.title) == (
        "Léa Bernard",
        "lea.bernard@acme.example",
        "Data analyst",
    )
    assert person.department == "Digital" and person.organization.name == "Acme"
    assert person.languages[0] == "fr" and person.is_active
    assert "phoneNumbers" not in body and "+33" not in str(person.directory_account.attributes)
    assert body["name"] == {"givenName": "Léa", "familyName": "Bernard"}
    assert body[ENTERPRISE]["employeeNumber"] == "E002"
    assert AuditEvent.objects.filter(action="scim.user_created", object_id=str(person.pk)).exists()


def test_it_adopts_the_person_imported_before_instead_of_a_second_one(scim):
    imported = f.person("Léa Bernard", email="lea.bernard@acme.example", employee_id="E002")
    scim.create_user("lea.bernard@acme.example", "lea.bernard@acme.example")
    assert Person.objects.filter(email="lea.bernard@acme.example").count() == 1
    imported.refresh_from_db()
    assert imported.directory_account.directory == scim.directory


def test_a_person_without_employee_number_gets_an_id_until_the_directory_sends_one(scim):
    body = scim.create_user("nina@acme.example", "nina@acme.example")
    person = Person.objects.get(email="nina@acme.example")
    assert person.employee_id == f"scim-{scim.directory.pk}-nina@acme.example"
    assert person.organization == scim.directory.organization
    scim.patch(
        f"/Users/{body['id']}",
        {"op": "add", "path": f"{ENTERPRISE}:employeeNumber", "value": "E777"},
    )
    person.refresh_from_db()
    assert person.employee_id == "E777"


def test_entra_patches_title_department_and_manager_and_the_tree_is_renumbered(scim):
    boss = scim.create_user("claire@acme.example", "claire@acme.example")
    lea = scim.call("POST", "/Users", okta_user()).json()
    # Microsoft Entra ID: capitalised ops, the manager as a bare id, "False" as a string.
    response = scim.patch(
        f"/Users/{lea['id']}",
        {"op": "Replace", "path": "title", "value": "Lead data analyst"},
        {"op": "Replace", "path": f"{ENTERPRISE}:department", "value": "Data"},
        {"op": "Add", "path": f"{ENTERPRISE}:manager", "value": boss["id"]},
        {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "lea.b@acme.example"},
    )
    assert response.status_code == 200, response.content
    assert response.json()[ENTERPRISE]["manager"]["value"] == boss["id"]
    person = Person.objects.get(employee_id="E002")
    claire = Person.objects.get(email="claire@acme.example")
    assert (person.title, person.department, person.manager) == (
        "Lead data analyst",
        "Data",
        claire,
    )
    assert person.email == "lea.b@acme.example"
    assert claire.tree_pre < person.tree_pre and person.tree_post < claire.tree_post
    assert person.tree_depth == claire.tree_depth + 1


def test_okta_deactivates_with_a_pathless_replace_and_entra_with_a_string(scim):
    lea = scim.call("POST", "/Users", okta_user()).json()
    person = Person.objects.get(employee_id="E002")
    person.user = f.person("x").user  # no account yet: one is made below
    okta = {"op": "replace", "value": {"active": False}}
    assert scim.patch(f"/Users/{lea['id']}", okta).json()["active"] is False
    person.refresh_from_db()
    assert not person.is_active
    assert (
        scim.patch(
            f"/Users/{lea['id']}", {"op": "Replace", "path": "active", "value": "True"}
        ).json()["active"]
        is True
    )
    scim.patch(f"/Users/{lea['id']}", {"op": "Replace", "path": "active", "value": "False"})
    person.refresh_from_db()
    assert not person.is_active
    assert (
        AuditEvent.objects.filter(action="person.deactivated", object_id=str(person.pk)).count()
        == 2
    )


def test_a_deactivated_person_can_no_longer_sign_in(scim, client):
    person = f.person(
        "Léa Bernard", email="lea.bernard@acme.example", employee_id="E002", with_user=True
    )
    lea = scim.call("POST", "/Users", okta_user()).json()
    client.force_login(person.user)
    scim.patch(f"/Users/{lea['id']}", {"op": "replace", "path": "active", "value": False})
    person.user.refresh_from_db()
    assert person.user.is_active is False
    assert client.get("/").status_code == 302


def test_put_replaces_the_user_and_delete_deactivates_then_answers_404(scim):
    lea = scim.call("POST", "/Users", okta_user()).json()
    body = okta_user(title="Chief data officer")
    body[ENTERPRISE]["organization"] = "Acme Labs"
    response = scim.call("PUT", f"/Users/{lea['id']}", body)
    assert response.status_code == 200
    person = Person.objects.get(employee_id="E002")
    assert person.title == "Chief data officer" and person.organization.name == "Acme Labs"
    assert Organization.objects.get(name="Acme Labs").kind == Organization.Kind.PARTNER
    assert scim.call("DELETE", f"/Users/{lea['id']}").status_code == 204
    assert scim.call("GET", f"/Users/{lea['id']}").status_code == 404
    person.refresh_from_db()
    assert not person.is_active and Person.objects.filter(pk=person.pk).exists()
    again = scim.call("POST", "/Users", okta_user()).json()
    assert again["id"] != lea["id"] and again["active"] is True
    assert Person.objects.filter(employee_id="E002").count() == 1


def test_it_filters_by_user_name_case_insensitively_and_by_external_id(scim):
    scim.call("POST", "/Users", okta_user())
    scim.create_user("paul@acme.example", "paul@acme.example")
    found = scim.call("GET", '/Users?filter=userName eq "LEA.BERNARD@acme.example"').json()
    assert found["totalResults"] == 1
    assert found["Resources"][0]["userName"] == "lea.bernard@acme.example"
    assert scim.call("GET", '/Users?filter=externalId eq "00U1ABCD"').json()["totalResults"] == 0
    both = 'userName sw "lea" or emails.value ew "paul@acme.example"'
    assert scim.call("GET", f"/Users?filter={both}").json()["totalResults"] == 2
    assert scim.call("GET", "/Users?filter=title pr and active eq true").json()["totalResults"] == 1


def test_a_control_character_in_a_filter_is_a_scim_400(scim):
    response = scim.call("GET", '/Users?filter=userName eq "a%00b"')
    assert response.status_code == 400 and response.json()["scimType"] == "invalidValue"


def test_a_bad_or_unsupported_filter_is_a_scim_400(scim):
    response = scim.call("GET", '/Users?filter=userName eq "x" and (')
    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidFilter"
    response = scim.call("GET", '/Users?filter=emails[type eq "work"]')
    assert response.status_code == 400 and response.json()["scimType"] == "invalidFilter"


def test_it_paginates_with_start_index_and_count(scim):
    for n in range(5):
        scim.create_user(f"u{n}@acme.example", f"u{n}@acme.example")
    page = scim.call("GET", "/Users?startIndex=3&count=2").json()
    assert (page["totalResults"], page["startIndex"], page["itemsPerPage"]) == (5, 3, 2)
    assert [r["userName"] for r in page["Resources"]] == ["u2@acme.example", "u3@acme.example"]
    assert scim.call("GET", "/Users?count=0").json()["Resources"] == []
    assert scim.call("GET", "/Users?startIndex=abc").status_code == 400


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer nope", "Basic dXNlcjpwYXNz"])
def test_a_missing_or_wrong_token_is_a_401(scim, header):
    headers = {"Authorization": header} if header else {}
    response = scim.client.get("/scim/v2/Users", headers=headers)
    assert response.status_code == 401
    assert response.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_or_expired_token_is_a_401(scim):
    token = directories.DirectoryToken.objects.get(directory=scim.directory)
    directories.revoke_token(token, actor=None)
    assert scim.call("GET", "/Users").status_code == 401
    _token, secret = directories.create_token(scim.directory, actor=None, days=1)
    assert scim.call("GET", "/Users", token=secret).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        assert scim.call("GET", "/Users", token=secret).status_code == 401


def test_another_directorys_token_cannot_touch_its_people(scim):
    lea = scim.call("POST", "/Users", okta_user()).json()
    other = make_directory("Google", "Acme")
    for method, body in (("GET", None), ("PUT", okta_user()), ("DELETE", None)):
        assert other.call(method, f"/Users/{lea['id']}", body).status_code == 404
    assert (
        other.patch(
            f"/Users/{lea['id']}", {"op": "replace", "path": "active", "value": False}
        ).status_code
        == 404
    )
    assert other.call("GET", "/Users").json()["totalResults"] == 0
    response = other.call("POST", "/Users", okta_user())
    assert response.status_code == 409 and response.json()["scimType"] == "uniqueness"
    assert Person.objects.get(employee_id="E002").is_active


@pytest.mark.parametrize(
    "body",
    [
        b"\xff\xfe not json",
        "[]",
        "{}",
        {"schemas": [USER], "userName": "x@acme.example"},
        {"schemas": [USER], "userName": "", "emails": [{"value": "x@acme.example"}]},
        {"schemas": [USER], "userName": "x", "emails": [{"value": "not an email"}]},
        {"schemas": [USER], "userName": "x", "emails": [{"value": "x@a.example"}], "active": []},
        {
            "schemas": [USER, ENTERPRISE],
            "userName": "x",
            "emails": [{"value": "x@a.example"}],
            ENTERPRISE: {"manager": {"value": "nobody"}},
        },
        {"schemas": [USER], "userName": "x\u0000y", "emails": [{"value": "x@a.example"}]},
        {
            "schemas": [USER],
            "userName": "x",
            "emails": [{"value": "x@a.example"}],
            "title": "A\u001b",
        },
        {"schemas": [USER], "userName": "x", "emails": [{"value": "x" * 250 + "@a.example"}]},
    ],
)
def test_bad_input_is_a_scim_400_never_a_500(scim, body):
    response = scim.call("POST", "/Users", body)
    assert response.status_code == 400, response.content
    error = response.json()
    assert error["status"] == "400" and error["detail"]
    assert not Person.objects.exists()


def test_a_bad_patch_is_refused_whole(scim):
    lea = scim.call("POST", "/Users", okta_user()).json()
    response = scim.patch(
        f"/Users/{lea['id']}",
        {"op": "replace", "path": "title", "value": "Changed"},
        {"op": "jump", "path": "title", "value": "x"},
    )
    assert response.status_code == 400
    assert Person.objects.get(employee_id="E002").title == "Data analyst"
    cycle = scim.patch(
        f"/Users/{lea['id']}",
        {"op": "add", "path": f"{ENTERPRISE}:manager", "value": {"value": lea["id"]}},
    )
    assert cycle.status_code == 400 and "manager" in cycle.json()["detail"]


def test_erasure_clears_what_the_directory_sent(scim):
    from tandem.privacy.services.erase import erase
    from tandem.privacy.services.subjects import Subject

    scim.call("POST", "/Users", okta_user())
    person = Person.objects.get(employee_id="E002")
    erase(Subject(person=person, user=None))
    account = person.directory_account
    account.refresh_from_db()
    assert account.attributes == {} and account.external_id == ""
    assert "lea" not in account.user_name
