"""SCIM directories from the page (HR program managers and superusers) and the command: a
token shown once and kept hashed, revoked at once, every change audited."""

import hashlib

from django.core.management import call_command

from tandem.accounts.models import AuditEvent
from tandem.people import directories
from tests import factories as f
from tests.people.scim_helpers import make_directory

URL = "/people/directories/"


def test_hr_creates_a_directory_issues_a_token_once_and_revokes_it(cast, client):
    client.force_login(cast.manager)
    org = f.organization()
    response = client.post(URL, {"action": "create", "name": "Entra", "organization": org.pk})
    assert response.status_code == 302
    directory = directories.Directory.objects.get(name="Entra")
    page = client.post(URL, {"action": "token", "directory": directory.pk, "days": 30})
    token = directory.tokens.get()
    secret = page.context["secret"]["value"]
    assert secret.startswith(f"tdmscim_{token.prefix}_") and secret in page.content.decode()
    assert token.secret_hash == hashlib.sha256(secret.split("_", 2)[2].encode()).hexdigest()
    assert secret not in client.get(URL).content.decode()
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/scim/v2/Users", headers=headers).status_code == 200
    client.post(URL, {"action": "revoke", "prefix": token.prefix})
    assert client.get("/scim/v2/Users", headers=headers).status_code == 401
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"scim.directory_created", "scim.token_created", "scim.token_revoked"} <= actions


def test_the_page_refuses_a_duplicate_name_and_a_bad_duration(cast, client):
    make_directory("Entra")
    client.force_login(cast.manager)
    client.post(URL, {"action": "create", "name": "entra", "organization": f.organization().pk})
    assert directories.Directory.objects.count() == 1
    directory = directories.Directory.objects.get()
    client.post(URL, {"action": "token", "directory": directory.pk, "days": 5000})
    assert directory.tokens.count() == 1


def test_others_get_a_404(cast, client):
    for user in (cast.mentor, cast.coach, cast.sponsor):
        client.force_login(user)
        assert client.get(URL).status_code == 404
        assert client.post(URL, {"action": "create", "name": "X"}).status_code == 404


def test_the_command_creates_issues_lists_and_revokes(db, capsys):
    f.organization("Acme")
    call_command("scim-directory", "create", "Okta")
    call_command("scim-directory", "token", "okta", "--days", "10")
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    assert directories.authenticate(secret).directory.name == "Okta"
    call_command("scim-directory", "list")
    prefix = directories.DirectoryToken.objects.get().prefix
    assert f"{prefix}  live" in capsys.readouterr().out
    call_command("scim-directory", "revoke", prefix)
    assert directories.authenticate(secret) is None
