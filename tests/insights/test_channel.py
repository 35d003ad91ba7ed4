"""A program's channel hears about its health: the alerts ``tandem remind`` opens (once each)
and the weekly digest (once per week), as counts and kinds in the channel's language, never a
name; people who chose chat get their own reminders and digest by Slack, once."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from tandem.insights.channel import post_digest, post_new_alerts
from tandem.insights.models import Alert
from tandem.mentorships.models import SentReminder
from tandem.operations.models import Delivery
from tandem.operations.notices.worker import deliver_due
from tandem.people.models import ContactPreference
from tandem.programs.services.integrations import Changes, save_integration
from tests.factories import propose_pair


@pytest.fixture
def channel(cast, chat):
    changes = Changes(
        chat_kind="slack_webhook",
        chat_webhook=chat.url + "/services/T1/B1/hr",
        chat_language="fr",
        chat_alerts=True,
        chat_digest=True,
        calendar_invitations=False,
        video_template="",
    )
    save_integration(cast.program, changes, cast.manager)
    return chat


def _alert(program, mentorship, kind):
    return Alert.objects.create(
        program=program, mentorship=mentorship, kind=kind, opened_at=timezone.now()
    )


def test_new_alerts_are_posted_once_without_names(cast, channel):
    pair = propose_pair(cast)
    _alert(cast.program, pair, Alert.Kind.PROPOSAL_UNANSWERED)
    _alert(cast.program, pair, Alert.Kind.NO_GOAL)
    assert post_new_alerts() == 1
    assert post_new_alerts() == 0  # nothing new since
    deliver_due()
    (hook,) = channel.to("/services/T1/B1/hr")
    assert hook.data["text"].startswith("Tandem · GenAI for leaders : 2 nouvelles alertes")
    with translation.override("fr"):
        kinds = [str(Alert.Kind.NO_GOAL.label), str(Alert.Kind.PROPOSAL_UNANSWERED.label)]
    text = hook.data["blocks"][0]["text"]["text"]
    assert all(f"1 × {kind}" in text for kind in kinds)
    for person in (cast.mentor.person, cast.mentee.person):
        assert person.full_name.split()[0] not in hook.body.decode()
    _alert(cast.program, pair, Alert.Kind.TWO_MISSED)
    assert post_new_alerts() == 1


def test_the_weekly_digest_is_posted_once_per_week(cast, channel):
    pair = propose_pair(cast)
    _alert(cast.program, pair, Alert.Kind.NO_GOAL)
    assert post_digest("2026-W10") == 1
    assert post_digest("2026-W10") == 0
    assert post_digest("2026-W11") == 1
    assert Delivery.objects.filter(kind="alerts-digest").count() == 2


def test_a_person_who_chose_chat_gets_reminders_by_slack_once(cast, chat, clock, mailoutbox):
    pair = propose_pair(cast)
    ContactPreference.objects.create(person=cast.mentee.person, channel="chat")
    for _ in range(2):
        call_command("remind", stdout=io.StringIO())
    sent = SentReminder.objects.filter(kind="proposal-pending")
    assert sorted(sent.values_list("recipient", flat=True)) == sorted(
        [cast.mentor.email, cast.mentee.email]
    )
    assert [m.to for m in mail.outbox if "awaits" in m.subject] == [[cast.mentor.email]]
    deliver_due()
    (posted,) = chat.to("/api/chat.postMessage")
    assert posted.data["text"].endswith(f"/mentorships/{pair.pk}/")
    assert "awaits your answer" in posted.data["text"]
