"""The "Notices and calendar" page: a person chooses email, chat or both, and a Slack member
id; chat cannot be chosen where it is not set up."""

import pytest
from django.test import Client

from tandem.people.models import ContactPreference
from tandem.people.services.contact import recipient_for


@pytest.fixture
def mentee(cast) -> Client:
    client = Client()
    client.force_login(cast.mentee)
    return client


def test_it_saves_the_choice_of_chat(cast, mentee, chat):
    page = mentee.get("/people/profile/notices/").content.decode()
    assert 'value="both"' in page and "Slack member id" in page
    response = mentee.post("/people/profile/notices/", {"channel": "both", "slack_user": "U0ABC12"})
    assert response.status_code == 302 and response["Location"].endswith("#notices")
    recipient = recipient_for(cast.mentee.person)
    assert (recipient.by_email, recipient.by_chat, recipient.slack_user) == (True, True, "U0ABC12")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"channel": "pigeon"}, "Select a valid choice"),
        ({"channel": "chat", "slack_user": "lea@example.com"}, "A Slack member id looks like"),
        ({}, "This field is required"),
    ],
)
def test_it_names_what_is_wrong(mentee, chat, data, message):
    response = mentee.post("/people/profile/notices/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not ContactPreference.objects.exists()


def test_chat_cannot_be_chosen_where_slack_is_not_set_up(mentee, settings):
    settings.TANDEM_SLACK_BOT_TOKEN = ""
    page = mentee.get("/people/profile/notices/").content.decode()
    assert "Chat notices (Slack) are not set up" in page
    response = mentee.post("/people/profile/notices/", {"channel": "chat"})
    assert response.status_code == 400 and "Chat is not set up" in response.content.decode()


def test_the_profile_links_to_it(mentee):
    assert 'href="/people/profile/notices/"' in mentee.get("/people/profile/").content.decode()


def test_a_user_without_a_person_gets_a_404(db, django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("root@example.com", password="x"))
    assert client.get("/people/profile/notices/").status_code == 404
