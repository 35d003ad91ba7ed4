"""A directory's groups, as configured per directory, enrol their members in a program's pool
or make them its managers or coaches; leaving the group takes it back (never breaking a pair);
the rules are managed from a page and a command."""

import pytest
from django.core.management import call_command

from tandem.accounts.models import AuditEvent
from tandem.programs.directory_groups import GroupMapping
from tandem.programs.models import Enrolment
from tandem.programs.services import directory_groups
from tests import factories as f
from tests.factories import propose_pair
from tests.people.scim_helpers import GROUP, make_directory


@pytest.fixture
def scim(db):
    return make_directory()


def provision(scim, *people):
    return [scim.create_user(p.email, p.email)["id"] for p in people]


def members(*ids):
    return [{"value": i} for i in ids]


def test_a_group_mapped_to_the_mentor_pool_enrols_and_withdraws(cast, scim):
    directory_groups.add_mapping(
        scim.directory, "Tandem mentors", cast.program, "mentor", cast.manager
    )
    nora, omar = f.person("Nora Haddad"), f.person("Omar Diallo")
    nora_id, omar_id = provision(scim, nora, omar)
    response = scim.call(
        "POST",
        "/Groups",
        {"schemas": [GROUP], "displayName": "tandem MENTORS", "members": members(nora_id, omar_id)},
    )
    assert response.status_code == 201
    group_id = response.json()["id"]
    pool = Enrolment.objects.filter(program=cast.program, role="mentor", person__in=[nora, omar])
    assert set(pool.values_list("status", flat=True)) == {Enrolment.Status.ACCEPTED}
    # Entra removes a member with a value; Okta with a filtered path.
    scim.patch(
        f"/Groups/{group_id}", {"op": "Remove", "path": "members", "value": [{"value": omar_id}]}
    )
    assert Enrolment.objects.get(person=omar, program=cast.program).status == "withdrawn"
    assert Enrolment.objects.get(person=nora, program=cast.program).status == "accepted"
    scim.patch(f"/Groups/{group_id}", {"op": "add", "path": "members", "value": members(omar_id)})
    assert Enrolment.objects.get(person=omar, program=cast.program).status == "accepted"


def test_leaving_the_pool_never_breaks_a_pair(cast, scim):
    propose_pair(cast)
    directory_groups.add_mapping(scim.directory, "Mentors", cast.program, "mentor", cast.manager)
    (mentor_id,) = provision(scim, cast.mentor.person)
    group = scim.call(
        "POST",
        "/Groups",
        {"schemas": [GROUP], "displayName": "Mentors", "members": members(mentor_id)},
    ).json()
    scim.patch(
        f"/Groups/{group['id']}", {"op": "remove", "path": f'members[value eq "{mentor_id}"]'}
    )
    enrolment = Enrolment.objects.get(
        person=cast.mentor.person, program=cast.program, role="mentor"
    )
    assert enrolment.status == Enrolment.Status.ACCEPTED


def test_a_group_mapped_to_managers_and_coaches_gives_and_takes_the_roles(cast, scim):
    nora = f.person("Nora Haddad")
    directory_groups.add_mapping(scim.directory, "HR", cast.program, "manager", cast.manager)
    directory_groups.add_mapping(scim.directory, "HR", cast.program, "coach", cast.manager)
    (nora_id,) = provision(scim, nora)
    group = scim.call(
        "POST", "/Groups", {"schemas": [GROUP], "displayName": "HR", "members": members(nora_id)}
    ).json()
    nora.refresh_from_db()
    assert nora.user is not None and not nora.user.has_usable_password()
    assert cast.program.managers.filter(pk=nora.user.pk).exists()
    assert cast.program.coaches.filter(pk=nora.pk).exists()
    assert AuditEvent.objects.filter(action="program.managers_changed").exists()
    scim.patch(
        f"/Groups/{group['id']}", {"op": "replace", "path": "displayName", "value": "Former HR"}
    )
    assert not cast.program.managers.filter(pk=nora.user.pk).exists()
    assert not cast.program.coaches.filter(pk=nora.pk).exists()


def test_deleting_the_group_takes_back_what_it_gave(cast, scim):
    nora = f.person("Nora Haddad")
    directory_groups.add_mapping(scim.directory, "Coaches", cast.program, "coach", cast.manager)
    (nora_id,) = provision(scim, nora)
    group = scim.call(
        "POST",
        "/Groups",
        {"schemas": [GROUP], "displayName": "Coaches", "members": members(nora_id)},
    ).json()
    assert scim.call("DELETE", f"/Groups/{group['id']}").status_code == 204
    assert not cast.program.coaches.filter(pk=nora.pk).exists()


def test_a_rule_added_later_applies_to_the_current_members(cast, scim):
    nora = f.person("Nora Haddad")
    (nora_id,) = provision(scim, nora)
    scim.call(
        "POST",
        "/Groups",
        {"schemas": [GROUP], "displayName": "Mentees", "members": members(nora_id)},
    )
    directory_groups.add_mapping(scim.directory, "mentees", cast.program, "mentee", cast.manager)
    assert Enrolment.objects.filter(person=nora, program=cast.program, role="mentee").exists()


def test_a_group_member_must_be_a_user_of_the_same_directory(cast, scim):
    other = make_directory("Google")
    (foreign_id,) = provision(other, f.person("Nora Haddad"))
    response = scim.call(
        "POST", "/Groups", {"schemas": [GROUP], "displayName": "X", "members": members(foreign_id)}
    )
    assert response.status_code == 400 and response.json()["scimType"] == "invalidValue"


def test_only_the_programs_managers_may_link_a_group_to_it(cast, scim, client):
    hr = f.person("Sophie Blanc", with_user=True)
    hr.user.is_program_manager = True
    hr.user.save()
    with pytest.raises(directory_groups.ProgramsError):
        directory_groups.add_mapping(scim.directory, "X", cast.program, "manager", hr.user)
    client.force_login(hr.user)
    url = f"/programs/directory-groups/{scim.directory.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and cast.program.name not in page.content.decode()
    client.post(url, {"group_name": "X", "kind": "manager", "program": cast.program.pk})
    assert not GroupMapping.objects.exists()


def test_the_page_adds_and_removes_rules(cast, scim, client):
    client.force_login(cast.manager)
    url = f"/programs/directory-groups/{scim.directory.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"group_name": "Mentors", "kind": "mentor", "program": cast.program.pk}
    )
    assert response.status_code == 302
    rule = GroupMapping.objects.get()
    assert (rule.group_name, rule.kind, rule.program) == ("Mentors", "mentor", cast.program)
    assert "Mentors" in client.get(url).content.decode()
    client.post(url, {"remove": rule.pk})
    assert not GroupMapping.objects.exists()


def test_the_command_adds_lists_and_removes_rules(cast, scim, capsys):
    call_command("scim-group-rule", "add", "Entra", "Mentors", cast.program.slug, "--as", "mentor")
    call_command("scim-group-rule", "list")
    assert f"Entra  Mentors  {cast.program.slug}  mentor" in capsys.readouterr().out
    call_command(
        "scim-group-rule", "remove", "Entra", "mentors", cast.program.slug, "--as", "mentor"
    )
    assert not GroupMapping.objects.exists()
