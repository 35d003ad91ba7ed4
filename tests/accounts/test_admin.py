import pytest
from django.contrib import admin

from tandem.accounts.audit import record
from tandem.accounts.models import AuditEvent, User
from tests import factories as f


@pytest.fixture
def admin_client_(client, db):
    superuser = User.objects.create_superuser(email="admin@example.com", password=f.PASSWORD)
    client.force_login(superuser)
    return client, superuser


def test_it_never_lets_anyone_change_an_audit_event(admin_client_):
    client, superuser = admin_client_
    event = record(superuser, "export", superuser, rows=3)
    url = f"/admin/accounts/auditevent/{event.pk}/change/"
    view = client.get(url)
    assert view.status_code == 200 and 'name="_save"' not in view.content.decode()
    assert client.post(url, {"action": "tampered"}).status_code == 403
    assert client.get("/admin/accounts/auditevent/add/").status_code == 403
    assert client.post(f"/admin/accounts/auditevent/{event.pk}/delete/").status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == "export"


def test_it_opens_every_registered_list_and_form(admin_client_, cast):
    client, _ = admin_client_
    for model in admin.site._registry:
        label = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(label).status_code == 200, label
        obj = model._default_manager.first()
        if obj is not None:
            assert client.get(f"{label}{obj.pk}/change/").status_code == 200, label


def test_it_creates_a_user_from_the_admin(admin_client_):
    client, _ = admin_client_
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "New@Example.com",
            "password1": "a-long-passphrase",
            "password2": "a-long-passphrase",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(email="new@example.com", username="new@example.com").exists()


def test_it_keeps_the_admin_for_staff(client, cast):
    client.force_login(cast.manager)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
