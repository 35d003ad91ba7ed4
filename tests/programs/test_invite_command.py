"""``tandem invite``: everyone enrolled without an account, or the people named, each in
their language; a dry run sends nothing; a second run sends nothing new."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from tandem.accounts.models import Invitation
from tests import factories as f


def _invite(*args) -> str:
    out = io.StringIO()
    call_command("invite", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def newcomers(cast):
    french = f.person("Zoé Neuve", languages=["fr", "en"])
    english = f.person("Adam Newman", languages=["en"])
    f.enrol(french, cast.program, "mentee")
    f.enrol(english, cast.program, "mentor", status="applied")
    declined = f.person("Gone Away")
    f.enrol(declined, cast.program, "mentee", status="declined")
    return french, english


def test_a_dry_run_lists_who_would_be_invited_and_sends_nothing(cast, newcomers):
    out = _invite(cast.program.slug, "--dry-run")
    assert "Would invite: Zoé Neuve" in out and "(fr)" in out
    assert "Would invite: Adam Newman" in out and "Gone Away" not in out
    assert f"Skipped: Léa Bernard <{cast.mentor.email}>, already has an account" in out
    assert "2 invitations would be sent (dry run)." in out
    assert not mail.outbox and not Invitation.objects.exists()


def test_it_invites_in_each_language_and_is_idempotent(cast, newcomers):
    french, english = newcomers
    out = _invite(cast.program.slug)
    assert "2 invitations sent." in out
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        french.email: "Votre invitation à Tandem",
        english.email: "Your invitation to Tandem",
    }
    again = _invite(cast.program.slug)
    assert "0 invitations sent." in again
    assert "already invited, the link is still valid" in again
    assert len(mail.outbox) == 2 and Invitation.objects.count() == 2


def test_it_invites_people_named_by_email(cast, newcomers):
    french, _english = newcomers
    out = _invite("--email", french.email.upper())
    assert "1 invitation sent." in out and mail.outbox[0].to == [french.email]
    with pytest.raises(CommandError, match="nobody@example.com; nothing was sent"):
        _invite("--email", french.email, "--email", "nobody@example.com")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [((), "Give a program's slug or --email"), (("nope",), "No program with the slug")],
)
def test_it_refuses_a_wrong_call(db, args, message):
    with pytest.raises(CommandError, match=message):
        _invite(*args)


def test_a_program_and_emails_together_are_refused(cast):
    with pytest.raises(CommandError, match="not both"):
        _invite(cast.program.slug, "--email", cast.mentor.email)
