"""A program's integrations page and API: its managers set the channel (the webhook never
shown back, audited), calendar invitations and a video room pattern, and see the notices that
could not be delivered."""

import json

import pytest
from django.test import Client

from tandem.accounts.models import AuditEvent
from tandem.accounts.tokens import create_token
from tandem.operations.models import Delivery
from tandem.programs.models import ProgramIntegration

FORM = {
    "chat_kind": "teams_webhook",
    "chat_language": "fr",
    "chat_alerts": "on",
    "calendar_invitations": "on",
    "video_template": "https://meet.example.com/tandem-{program}-{pair}",
}


@pytest.fixture
def manager(cast) -> Client:
    client = Client()
    client.force_login(cast.manager)
    return client


def url(cast):
    return f"/programs/{cast.program.slug}/integrations/"


def test_a_manager_sets_a_teams_channel_that_is_never_shown_back(cast, manager, chat):
    hook = chat.url + "/workflows/secret-path"
    response = manager.post(url(cast), {**FORM, "chat_webhook": hook})
    assert response.status_code == 302
    saved = ProgramIntegration.objects.get(program=cast.program)
    assert (saved.chat_kind, saved.chat_webhook, saved.chat_language) == (
        "teams_webhook",
        hook,
        "fr",
    )
    assert saved.chat_alerts and not saved.chat_digest and saved.calendar_invitations
    page = manager.get(url(cast)).content.decode()
    assert "secret-path" not in page and "at 127.0.0.1" in page
    event = AuditEvent.objects.get(action="programs.integrations_changed")
    assert "secret-path" not in json.dumps(event.details)
    # Saved again without the address: it is kept.
    assert manager.post(url(cast), FORM).status_code == 302
    assert ProgramIntegration.objects.get().chat_webhook == hook
    # No channel: the address is forgotten.
    manager.post(url(cast), {**FORM, "chat_kind": ""})
    assert ProgramIntegration.objects.get().chat_webhook == ""


@pytest.mark.parametrize(
    "data, message",
    [
        ({"chat_webhook": "https://evil.example.com/x"}, "not allowed"),
        ({"chat_webhook": ""}, "Give the channel"),
        (
            {"chat_kind": "", "video_template": "https://meet.example.com/{name}"},
            "only use {program} and {pair}",
        ),
        ({"chat_kind": "", "video_template": "javascript:alert(1)"}, "must be an https address"),
        ({"chat_kind": "irc"}, "Select a valid choice"),
    ],
)
def test_it_names_what_is_wrong(cast, manager, chat, data, message):
    response = manager.post(url(cast), {**FORM, **data})
    assert response.status_code == 400 and message in response.content.decode()
    assert not ProgramIntegration.objects.exists()


def test_it_lists_the_notices_that_could_not_be_delivered(cast, manager, chat):
    Delivery.objects.create(
        kind="meeting-soon",
        channel="slack",
        program_id=cast.program.pk,
        recipient=cast.mentor.email,
        subject="Tandem: meeting on 2026-03-04 10:00",
        status="failed",
        attempts=6,
        last_error="Slack: 503",
    )
    page = manager.get(url(cast)).content.decode()
    assert "Tandem: meeting on 2026-03-04 10:00" in page and "Slack: 503" in page
    assert cast.mentor.email in page
    program_page = manager.get(f"/programs/{cast.program.slug}/").content.decode()
    assert f'href="{url(cast)}"' in program_page


def test_only_the_programs_managers_reach_it(cast):
    for user in (cast.coach, cast.mentor, cast.sponsor):
        client = Client()
        client.force_login(user)
        assert client.get(url(cast)).status_code == 404


def test_the_api_reads_and_writes_the_same_settings(cast, chat):
    token = {"Authorization": f"Bearer {create_token(cast.manager, 't')[1]}"}
    client = Client()
    path = f"/api/v1/programs/{cast.program.pk}/integrations"
    body = {
        "chat_kind": "slack_webhook",
        "chat_webhook": chat.url + "/services/T/B/secret",
        "chat_language": "en",
        "chat_alerts": True,
        "chat_digest": False,
        "calendar_invitations": True,
        "video_template": "",
    }
    response = client.put(path, json.dumps(body), content_type="application/json", headers=token)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["chat_webhook_set"] is True and data["chat_webhook_host"] == "127.0.0.1"
    assert "secret" not in response.content.decode()
    assert client.get(path, headers=token).json() == data
    for bad in (
        {**body, "chat_alerts": "yes"},
        {**body, "extra": 1},
        {**body, "chat_webhook": "x\x00"},
    ):
        response = client.put(path, json.dumps(bad), content_type="application/json", headers=token)
        assert response.status_code in (400, 422), bad
    response = client.put(
        path,
        json.dumps({**body, "chat_webhook": "https://evil.example/x"}),
        content_type="application/json",
        headers=token,
    )
    assert response.status_code == 400 and "not allowed" in response.json()["detail"]
    failed = client.get(f"/api/v1/programs/{cast.program.pk}/failed-deliveries", headers=token)
    assert failed.status_code == 200 and failed.json() == []
