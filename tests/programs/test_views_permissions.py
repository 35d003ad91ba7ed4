"""Who may open the manager's pages: the program's managers and superusers; everyone else
gets a 404 (no hint the program exists)."""

import pytest
from django.urls import reverse

from tandem.accounts.models import User

PAGES = [
    ("get", "programs:detail", ()),
    ("get", "programs:setup", ("dates",)),
    ("get", "programs:import", ()),
    ("post", "programs:status", ()),
    ("post", "programs:invite-all", ()),
    ("get", "matching:index", ()),
    ("post", "matching:start", ()),
]
ROLES = {
    "manager": 200,
    "superuser": 200,
    "coach": 404,
    "mentor": 404,
    "mentee": 404,
    "sponsor": 404,
    "outsider": 404,
}


def _user(cast, role):
    if role == "superuser":
        return User.objects.create_superuser(email="root@example.com", password="x")
    return getattr(cast, role)


@pytest.mark.parametrize(("method", "name", "args"), PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_managers_in(client, cast, method, name, args, role):
    client.force_login(_user(cast, role))
    url = reverse(name, args=[cast.program.slug, *args])
    response = getattr(client, method)(url)
    expected = ROLES[role]
    if expected == 200 and method == "post":
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == expected


SUPERVISED = [
    ("get", "programs:competences", ()),
    ("get", "programs:training", ()),
]


@pytest.mark.parametrize(("method", "name", "args"), SUPERVISED)
@pytest.mark.parametrize("role", ROLES)
def test_competences_and_training_are_for_managers_and_coaches(
    client, cast, method, name, args, role
):
    client.force_login(_user(cast, role))
    response = getattr(client, method)(reverse(name, args=[cast.program.slug, *args]))
    assert response.status_code == (200 if role == "coach" else ROLES[role])


def test_it_sends_anonymous_visitors_to_sign_in(client, cast):
    response = client.get(reverse("programs:detail", args=[cast.program.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_it_hides_a_program_that_does_not_exist(client, cast):
    client.force_login(cast.manager)
    assert client.get(reverse("programs:detail", args=["nope"])).status_code == 404
