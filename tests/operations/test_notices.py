"""The notice seam against local Slack and Teams services: who gets what on which channel,
the worker's tries (rate limits with Retry-After, back-off, permanent errors) and the fall
back to email."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tandem.operations import notices
from tandem.operations.models import Delivery
from tandem.operations.notices import worker
from tandem.people.models import ContactPreference
from tandem.people.services.contact import recipient_for
from tandem.programs.errors import ProgramsError
from tandem.programs.services.integrations import Changes, failed_deliveries, save_integration
from tests.operations.chat_server import SLACK_DM, SLACK_USER

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
LINK = "http://testserver/mentorships/meetings/7/"


@pytest.fixture
def clock_start():
    return NOW


def choose(user, channel, slack_user=""):
    ContactPreference.objects.update_or_create(
        person=user.person, defaults={"channel": channel, "slack_user": slack_user}
    )
    user.person.refresh_from_db()
    return user.person


def a_notice(person, program=None) -> notices.Notice:
    return notices.Notice(
        kind="meeting-soon",
        recipient=recipient_for(person),
        subject="Tandem: meeting on 2026-03-04 10:00 (Europe/Paris)",
        body="Hello Léa,\n\nYour Tandem meeting is on 2026-03-04 10:00.\n\n" + LINK,
        link=LINK,
        program_id=program.pk if program else None,
    )


def channel(program, actor, kind, url, **extra) -> None:
    values = dict(
        chat_kind=kind,
        chat_webhook=url,
        chat_language="en",
        chat_alerts=True,
        chat_digest=True,
        calendar_invitations=False,
        video_template="",
    )
    save_integration(program, Changes(**{**values, **extra}), actor)


def test_it_emails_only_by_default(cast, chat, mailoutbox):
    assert notices.send(a_notice(cast.mentor.person)) is True
    assert [m.to for m in mail.outbox] == [[cast.mentor.email]]
    assert not Delivery.objects.exists() and chat.requests == []


def test_it_sends_a_slack_direct_message_to_who_chose_chat(cast, chat, mailoutbox, clock):
    person = choose(cast.mentor, "chat")
    notices.send(a_notice(person, cast.program))
    assert mail.outbox == [] and chat.requests == []  # nothing sent in the caller's time
    delivery = Delivery.objects.get()
    assert (delivery.channel, delivery.status) == ("slack", "queued")
    assert worker.deliver_due() == 1
    lookup, opened, posted = chat.requests
    assert lookup.route == "/api/users.lookupByEmail"
    assert lookup.data == {"email": cast.mentor.email}
    assert lookup.headers["authorization"] == "Bearer xoxb-test-token"
    assert opened.route == "/api/conversations.open" and opened.data["users"] == SLACK_USER
    assert posted.route == "/api/chat.postMessage" and posted.data["channel"] == SLACK_DM
    assert posted.data["text"] == f"Tandem: meeting on 2026-03-04 10:00 (Europe/Paris) {LINK}"
    assert f"<{LINK}|Open in Tandem>" in posted.data["blocks"][0]["text"]["text"]
    assert "Hello" not in posted.body.decode()  # the subject and the link, not the email
    delivery.refresh_from_db()
    assert (delivery.status, delivery.slack_user, delivery.body) == ("sent", SLACK_USER, "")


def test_it_uses_the_member_id_the_person_gave(cast, chat, clock):
    person = choose(cast.mentor, "chat", slack_user="U0GIVEN")
    notices.send(a_notice(person))
    worker.deliver_due()
    assert [r.route for r in chat.requests] == ["/api/conversations.open", "/api/chat.postMessage"]
    assert chat.requests[0].data["users"] == "U0GIVEN"


def test_it_emails_and_messages_who_chose_both(cast, chat, mailoutbox, clock):
    notices.send(a_notice(choose(cast.mentee, "both")))
    worker.deliver_due()
    assert [m.to for m in mail.outbox] == [[cast.mentee.email]]
    assert len(chat.to("/api/chat.postMessage")) == 1


def test_it_emails_who_chose_chat_when_slack_is_not_set_up(cast, chat, mailoutbox, settings):
    settings.TANDEM_SLACK_BOT_TOKEN = ""
    notices.send(a_notice(choose(cast.mentor, "chat")))
    assert [m.to for m in mail.outbox] == [[cast.mentor.email]]
    assert not Delivery.objects.exists()


def test_it_keeps_a_secret_link_to_email(cast, chat, mailoutbox):
    notice = a_notice(choose(cast.mentor, "chat"))
    notices.send(notices.Notice(**{**notice.__dict__, "chat": False}))
    assert len(mail.outbox) == 1 and not Delivery.objects.exists()


def test_it_waits_as_long_as_slack_asks_when_rate_limited(cast, chat, clock, mailoutbox):
    chat.answer(
        "/api/chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": 900}
    )
    notices.send(a_notice(choose(cast.mentor, "chat")))
    worker.deliver_due()
    delivery = Delivery.objects.get()
    assert delivery.status == "retrying" and delivery.attempts == 1
    assert delivery.next_attempt_at == NOW + dt.timedelta(seconds=900)  # not the 30 s back-off
    assert "ratelimited" in delivery.last_error
    assert worker.deliver_due() == 0  # not yet
    clock.move_to(NOW + dt.timedelta(seconds=901))
    worker.deliver_due()
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 2
    assert len(chat.to("/api/chat.postMessage")) == 2 and mail.outbox == []


def test_it_backs_off_then_falls_back_to_email(cast, chat, clock, mailoutbox, settings):
    settings.TANDEM_NOTICE_ATTEMPTS = 3
    unavailable = {"ok": False, "error": "service_unavailable"}
    chat.answer("/api/chat.postMessage", 503, unavailable, times=3)
    notices.send(a_notice(choose(cast.mentor, "chat"), cast.program))
    waits = []
    for _ in range(3):
        worker.deliver_due()
        delivery = Delivery.objects.get()
        if delivery.next_attempt_at:
            waits.append((delivery.next_attempt_at - dt.datetime.now(dt.UTC)).total_seconds())
            clock.move_to(delivery.next_attempt_at)
    assert waits == [30, 120]
    assert (delivery.status, delivery.attempts) == ("failed", 3)
    assert delivery.fallback_at is not None and delivery.body == ""
    assert [m.to for m in mail.outbox] == [[cast.mentor.email]]
    assert mail.outbox[0].subject.startswith("Tandem: meeting on") and LINK in mail.outbox[0].body
    assert list(failed_deliveries(cast.program)) == [delivery]


def test_it_falls_back_at_once_when_trying_again_cannot_help(cast, chat, clock, mailoutbox):
    chat.known_emails = set()  # nobody in this Slack workspace
    notices.send(a_notice(choose(cast.mentor, "chat")))
    worker.deliver_due()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert delivery.last_error == "Slack: users_not_found"
    assert [m.to for m in mail.outbox] == [[cast.mentor.email]]


def test_a_person_who_also_had_the_email_gets_no_second_one(cast, chat, clock, mailoutbox):
    chat.known_emails = set()
    notices.send(a_notice(choose(cast.mentor, "both")))
    worker.deliver_due()
    assert Delivery.objects.get().status == "failed" and len(mail.outbox) == 1


def test_slack_being_down_holds_nobody_up(cast, chat, clock, settings):
    settings.TANDEM_SLACK_API_URL = "http://127.0.0.1:9/api/"  # nothing listens there
    notices.send(a_notice(choose(cast.mentor, "chat")))
    assert Delivery.objects.get().status == "queued"
    worker.deliver_due()
    delivery = Delivery.objects.get()
    assert delivery.status == "retrying" and delivery.last_error.startswith("Slack:")


def test_it_hands_the_delivery_to_the_task_worker_on_commit(
    cast, chat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notices.send(a_notice(choose(cast.mentor, "chat")))
    assert not DBTaskResult.objects.exists()  # a rolled-back caller queues nothing
    for callback in callbacks:
        callback()
    task = DBTaskResult.objects.get()
    assert task.task_path == "tandem.operations.notices.worker.deliver_task"
    assert task.args_kwargs["kwargs"] == {"delivery_id": Delivery.objects.get().pk}


@pytest.mark.django_db(transaction=True)
def test_the_task_worker_delivers_it(reference_data_present, cast, chat, settings):
    """Transactional: the worker closes its connection after each task."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    notices.send(a_notice(choose(cast.mentor, "chat")))  # autocommit: enqueued at once
    call_command("db_worker", batch=True, startup_delay=False, reload=False)
    assert Delivery.objects.get().status == "sent"
    assert len(chat.to("/api/chat.postMessage")) == 1


def _post(program, key="k1"):
    return notices.post(
        notices.ChannelPost(
            kind="alerts",
            program_id=program.pk,
            subject="Tandem · GenAI: 2 new alerts",
            body="2 × No recent meeting",
            link="http://testserver/insights/alerts/",
            once_key=key,
        )
    )


def test_it_posts_once_to_a_programs_slack_channel(cast, chat, clock):
    channel(cast.program, cast.manager, "slack_webhook", chat.url + "/services/T1/B1/secret")
    assert _post(cast.program) is not None
    assert _post(cast.program) is None  # the same key again
    worker.deliver_due()
    (hook,) = chat.requests
    assert hook.route == "/services/T1/B1/secret"
    assert hook.data["text"] == "Tandem · GenAI: 2 new alerts http://testserver/insights/alerts/"
    assert "2 × No recent meeting" in hook.data["blocks"][0]["text"]["text"]
    assert Delivery.objects.get().status == "sent"


def test_it_posts_an_adaptive_card_to_a_teams_channel(cast, chat, clock):
    channel(cast.program, cast.manager, "teams_webhook", chat.url + "/workflows/abc")
    chat.answer("/workflows/abc", 429, "Too many requests", {"Retry-After": "60"})
    _post(cast.program)
    worker.deliver_due()
    delivery = Delivery.objects.get()
    assert delivery.status == "retrying"
    assert delivery.next_attempt_at == NOW + dt.timedelta(seconds=60)
    clock.move_to(delivery.next_attempt_at)
    worker.deliver_due()
    assert Delivery.objects.get().status == "sent"
    card = chat.requests[-1].data["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    body = card["content"]["body"]
    assert [b["text"] for b in body] == ["Tandem · GenAI: 2 new alerts", "2 × No recent meeting"]
    assert card["content"]["actions"][0]["url"] == "http://testserver/insights/alerts/"


def test_a_classic_teams_connector_throttling_with_a_200_is_tried_again(cast, chat, clock):
    channel(cast.program, cast.manager, "teams_webhook", chat.url + "/webhookb2/x")
    chat.answer("/webhookb2/x", 200, "Microsoft Teams endpoint returned HTTP error 429")
    _post(cast.program)
    worker.deliver_due()
    assert Delivery.objects.get().status == "retrying"


def test_a_dead_channel_falls_back_to_the_managers_email(cast, chat, clock, mailoutbox):
    channel(cast.program, cast.manager, "slack_webhook", chat.url + "/services/T1/B1/gone")
    chat.answer("/services/T1/B1/gone", 404, "no_service")
    _post(cast.program)
    worker.deliver_due()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.last_error) == ("failed", "HTTP 404: no_service")
    assert [m.to for m in mail.outbox] == [[cast.manager.email]]
    assert "2 × No recent meeting" in mail.outbox[0].body


def test_program_channels_are_off_unless_the_server_allows_them(cast, chat, settings):
    channel(cast.program, cast.manager, "slack_webhook", chat.url + "/services/T1/B1/x")
    settings.TANDEM_CHAT_WEBHOOKS = False
    assert _post(cast.program) is None
    with pytest.raises(ProgramsError, match="TANDEM_CHAT_WEBHOOKS"):
        channel(cast.program, cast.manager, "slack_webhook", chat.url + "/services/T1/B1/y")


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example.com/services/x",
        "http://hooks.slack.com/services/x",  # not https
        "https://user:pw@127.0.0.1/services/x",
        "https://hooks.slack.com.evil.example/x",
    ],
)
def test_it_refuses_a_webhook_that_is_not_slacks_or_microsofts(cast, chat, settings, url):
    settings.TANDEM_CHAT_WEBHOOK_HOSTS = ["hooks.slack.com", ".webhook.office.com", "127.0.0.1"]
    with pytest.raises(ProgramsError, match="not allowed"):
        channel(cast.program, cast.manager, "slack_webhook", url)
