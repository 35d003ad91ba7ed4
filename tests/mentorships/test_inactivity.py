"""A silent pair: a nudge at 60 days, an alert to its coach and managers and a closing notice
7 days later, then — the 14 days of notice gone — closed as "ended: inactive", both members
free again. Each step an email per person and a line in the pair's history; ``tandem remind``
runs it, once per step; a meeting held starts the count again; a program can turn it off."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from tandem.accounts.models import AuditEvent
from tandem.insights.models import Alert
from tandem.insights.services.alerts import current_flags
from tandem.mentorships.models import Meeting, Mentorship
from tandem.mentorships.services import inactivity
from tandem.mentorships.services.lifecycle import is_free
from tandem.mentorships.services.reminders import send_due
from tests.insights import builders as b
from tests.mentorships.views_helpers import sign_in, text

DAY = dt.timedelta(days=1)


def at(days: float) -> dt.datetime:
    return b.STARTED + days * DAY


@pytest.fixture
def pair(cast):
    m = b.pair(cast.program, cast.mentor.person, cast.mentee.person)
    b.meeting(m, Meeting.Status.PLANNED, 200)  # planned meetings do not count as activity
    return m


def _remind(days: float) -> dict:
    mail.outbox.clear()
    with time_machine.travel(at(days), tick=False):
        call_command("remind", stdout=StringIO())
        return {m.to[0]: m for m in mail.outbox}


def _history(pair) -> list[str]:
    events = AuditEvent.objects.filter(object_type="mentorships.mentorship", object_id=str(pair.pk))
    return list(events.order_by("id").values_list("action", flat=True))


def test_it_nudges_alerts_then_closes_a_silent_pair(cast, pair):
    members = {cast.mentor.person.email, cast.mentee.person.email}
    assert not _remind(59.9)
    nudged = _remind(60.1)
    assert set(nudged) == members
    body = nudged[cast.mentee.person.email].body
    assert "no meeting since 12 Jan. 2026 (60 days)" in body
    assert f"/mentorships/{pair.pk}/" in body
    assert not _remind(60.2)  # once
    assert not _remind(67.0)  # 7 days after the nudge, not before

    noticed = _remind(67.2)
    assert set(noticed) == members | {cast.manager.email, cast.coach.person.email}
    assert "will close on 3 April 2026" in noticed[cast.mentee.person.email].subject
    alert = noticed[cast.manager.email]
    assert "Jean Moreau & Léa Bernard" in alert.body or "Léa Bernard & Jean Moreau" in alert.body
    assert f"/programs/{cast.program.slug}/pairs/{pair.pk}/" in alert.body
    open_alert = Alert.objects.get(mentorship=pair, kind="inactive", closed_at=None)
    assert open_alert.params["closes_on"] == "2026-04-03"
    kinds = {kind for pk, kind in current_flags(cast.program, at(67.3)) if pk == pair.pk}
    assert Alert.Kind.INACTIVE in kinds and Alert.Kind.NO_RECENT_MEETING not in kinds  # once
    assert not _remind(80.0)

    closed = _remind(81.3)
    assert set(closed) == members
    pair.refresh_from_db()
    assert (pair.status, pair.end_cause) == (Mentorship.Status.ENDED, "inactive")
    assert pair.get_status_label() == "Ended early: inactive"
    assert not pair.meetings.filter(status=Meeting.Status.PLANNED).exists()
    assert is_free(cast.mentor.person, cast.program) and is_free(cast.mentee.person, cast.program)
    open_alert.refresh_from_db()
    assert open_alert.closed_at is not None  # the alert closed itself
    assert _history(pair) == [
        "mentorship.inactivity_nudge",
        "mentorship.inactivity_notice",
        "mentorship.ended",
    ]
    assert not _remind(90)


def test_it_starts_the_count_again_when_the_pair_meets(cast, pair):
    _remind(61)
    b.meeting(pair, Meeting.Status.HELD, 62, log_mentor_learned="")
    assert not _remind(70)  # no notice: the silence that was nudged is over
    assert not _remind(121)
    assert set(_remind(122.5)) == {cast.mentor.person.email, cast.mentee.person.email}
    pair.refresh_from_db()
    assert pair.status == Mentorship.Status.ACTIVE


def test_it_follows_each_program_s_settings(cast, pair):
    cast.program.inactivity_days = 0
    cast.program.save()
    assert not _remind(150)
    cast.program.inactivity_days, cast.program.inactivity_grace_days = 20, 2
    cast.program.inactivity_notice_days = 3
    cast.program.save()
    _remind(21)
    assert _remind(23.5)
    _remind(27)
    pair.refresh_from_db()
    assert pair.status == Mentorship.Status.ENDED


def test_it_counts_without_acting_on_a_dry_run(cast, pair):
    with time_machine.travel(at(61), tick=False):
        counts = send_due(dry_run=True)
    assert counts[inactivity.NUDGE] == 1 and not mail.outbox
    assert not AuditEvent.objects.filter(action="mentorship.inactivity_nudge").exists()


def test_it_writes_the_steps_as_sentences_in_the_pair_s_history(client, cast, pair):
    _remind(61)
    _remind(68)
    _remind(83)
    page = text(
        sign_in(client, cast.manager).get(f"/programs/{cast.program.slug}/pairs/{pair.pk}/")
    )
    assert "Tandem nudged" in page and "no meeting held for 61 days" in page
    assert "closes on 4 April 2026" in page
    assert "Tandem closed the mentorship" in page and "Ended early: inactive" in page


def test_it_mails_each_person_in_their_language(cast, pair):
    cast.mentee.person.languages = ["fr"]
    cast.mentee.person.save()
    nudged = _remind(61)
    assert "Tandem\u00a0: il est temps de vous revoir" in nudged[cast.mentee.person.email].subject
    assert "12 jan. 2026" in nudged[cast.mentee.person.email].body
    assert "time to meet again" in nudged[cast.mentor.person.email].subject
