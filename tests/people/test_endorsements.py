"""Endorsements in the app: asked from one's profile, emailed to the colleague in their
language, answered on their endorsements page (linked from their profile); a given one
makes the competence "endorsed" with the colleague as its source."""

import pytest
from django.core import mail
from django.urls import reverse

from tandem.accounts.models import AuditEvent
from tandem.people.models import EndorsementRequest, Evidence, Source
from tests import factories as f


@pytest.fixture
def declared(cast):
    return f.competence(cast.mentor.person, "cyber", 2, 0)


@pytest.fixture
def colleague(cast):
    person = cast.outsider.person
    person.languages = ["fr"]
    person.save()
    return person


def _ask(client, competence, email, message=""):
    url = reverse("people:endorsement-ask")
    return client.post(url, {"competence": competence.pk, "colleague": email, "message": message})


def test_a_colleague_is_asked_by_email_in_their_language_and_endorses(
    client, cast, declared, colleague
):
    client.force_login(cast.mentor)
    profile = client.get(reverse("people:profile")).content.decode()
    assert f"{reverse('people:endorsement-ask')}?competence={declared.pk}" in profile
    response = _ask(client, declared, colleague.email.upper(), "We ran the drill together")
    assert response.status_code == 302
    (email,) = mail.outbox
    assert email.to == [colleague.email]
    assert email.subject == "Tandem : Léa Bernard vous demande une recommandation"
    assert "Réflexes de cybersécurité" in email.body or "cybersécurité" in email.body
    assert "/people/endorsements/" in email.body and "We ran the drill together" in email.body
    assert "Waiting for an answer" in client.get(reverse("people:profile")).content.decode()

    client.force_login(cast.outsider)
    assert "1 to answer" in client.get(reverse("people:profile")).content.decode()
    page = client.get(reverse("people:endorsements")).content.decode()
    assert "Léa Bernard: Cybersecurity reflexes, level 2 of 4" in page
    asked = EndorsementRequest.objects.get()
    client.post(reverse("people:endorsement-give", args=[asked.pk]))
    declared.refresh_from_db()
    assert (declared.evidence, declared.source) == (Evidence.ENDORSED, Source.ENDORSEMENT)
    assert declared.endorser == colleague and declared.evidence_date is not None
    assert AuditEvent.objects.filter(action="people.competence_endorsed").exists()
    client.force_login(cast.mentor)
    assert "endorsed by Paul Roux on" in client.get(reverse("people:profile")).content.decode()


def test_the_request_email_is_one_message_worded_for_the_colleague(cast, declared, colleague):
    from tandem.people.services import endorsements

    request = endorsements.request_endorsement(declared, colleague, actor=cast.mentor)
    message = endorsements.request_message(request)
    assert (message.kind, message.email, message.language) == (
        "endorsement-request",
        colleague.email,
        "fr",
    )
    assert message.subject == mail.outbox[0].subject and message.body == mail.outbox[0].body
    assert message.link.endswith("/people/endorsements/") and message.link in message.body


def test_a_failing_mail_server_keeps_the_request_and_shows_no_error(
    client, cast, declared, colleague, monkeypatch
):
    import smtplib

    from django.core.mail import EmailMessage

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    client.force_login(cast.mentor)
    assert _ask(client, declared, colleague.email).status_code == 302
    assert EndorsementRequest.objects.get().status == "pending"
    client.force_login(cast.outsider)
    assert "1 to answer" in client.get(reverse("people:profile")).content.decode()


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nobody@example.com", "Nobody in the directory has the email"),
        ("{self}", "you cannot endorse yourself"),
        ("{no_account}", "has no Tandem account yet"),
    ],
)
def test_an_impossible_request_is_refused_with_the_reason(client, cast, declared, email, message):
    no_account = f.person("No Account")
    email = email.format(self=cast.mentor.email, no_account=no_account.email)
    client.force_login(cast.mentor)
    response = _ask(client, declared, email)
    assert response.status_code == 400 and message in response.content.decode()
    assert not EndorsementRequest.objects.exists() and not mail.outbox


def test_the_same_colleague_is_not_asked_twice_and_vouched_competences_need_none(
    client, cast, declared, colleague
):
    client.force_login(cast.mentor)
    _ask(client, declared, colleague.email)
    response = _ask(client, declared, colleague.email)
    assert "they have not answered yet" in response.content.decode()
    assessed = cast.mentor.person.competences.get(topic__slug="genai")
    response = _ask(client, assessed, colleague.email)
    assert response.status_code == 400  # not among the competences one may ask about
    assert EndorsementRequest.objects.count() == 1


def test_a_level_changed_since_the_request_is_not_endorsed(client, cast, declared, colleague):
    client.force_login(cast.mentor)
    _ask(client, declared, colleague.email)
    asked = EndorsementRequest.objects.get()
    declared.level = 4  # changed around the profile: the request still says 2
    declared.save()
    client.force_login(cast.outsider)
    response = client.post(reverse("people:endorsement-give", args=[asked.pk]), follow=True)
    assert "changed this competence since asking" in response.content.decode()
    declared.refresh_from_db()
    asked.refresh_from_db()
    assert declared.evidence == Evidence.SELF and asked.status == "stale"


def test_changing_the_level_on_the_profile_retires_pending_requests(
    client, cast, declared, colleague
):
    from tandem.people.services import profile

    client.force_login(cast.mentor)
    _ask(client, declared, colleague.email)
    row = profile.CompetenceRow(declared.pk, declared.topic_id, 3, 0)
    profile.save_competences(cast.mentor.person, [row], actor=cast.mentor)
    assert EndorsementRequest.objects.get().status == "stale"


def test_only_the_colleague_answers_and_declining_changes_nothing(
    client, cast, declared, colleague
):
    client.force_login(cast.mentor)
    _ask(client, declared, colleague.email)
    asked = EndorsementRequest.objects.get()
    for who in (cast.mentor, cast.manager, cast.mentee):
        client.force_login(who)
        assert client.post(reverse("people:endorsement-give", args=[asked.pk])).status_code == 404
    client.force_login(cast.outsider)
    client.post(reverse("people:endorsement-decline", args=[asked.pk]))
    asked.refresh_from_db()
    declared.refresh_from_db()
    assert asked.status == "declined" and declared.evidence == Evidence.SELF
    response = client.post(reverse("people:endorsement-give", args=[asked.pk]), follow=True)
    assert "already been answered" in response.content.decode()


def test_a_personal_export_has_the_sources_and_an_erasure_blanks_the_messages(
    client, cast, declared, colleague
):
    from tandem.privacy.services import erase, export, subjects

    client.force_login(cast.mentor)
    _ask(client, declared, colleague.email, "Zqxv we ran the drill together")
    mine = export.collect(subjects.for_user(cast.mentor))
    cyber = next(c for c in mine["competences"] if c["topic"] == "cyber")
    assert cyber["source"] == "self" and cyber["endorsement_requests"][0]["status"] == "pending"
    genai = next(c for c in mine["competences"] if c["topic"] == "genai")
    assert genai["source"] == "assessment" and genai["source_note"] == "Seen at work"
    asked = export.collect(subjects.for_user(cast.outsider))["endorsements_asked_of_me"]
    assert [(a["person"], a["topic"]) for a in asked] == [("Léa Bernard", "cyber")]
    erase.erase(subjects.for_user(cast.mentor), cast.manager)
    request = EndorsementRequest.objects.get()
    assert request.message == "" and request.status == "stale"
