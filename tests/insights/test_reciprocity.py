"""Reciprocity is counted from a boolean set when a log is saved: no text is decrypted to
compute it, and no text reaches any output."""

from django.db import connection

from tandem.insights.services import metrics
from tandem.mentorships.models import Meeting, MeetingLog
from tests.insights import builders as b


def test_it_sets_the_flag_when_a_log_is_saved(cast):
    pair = b.pair(cast.program, cast.mentor.person, cast.mentee.person)
    log = b.meeting(pair, Meeting.Status.HELD, 3, "how budgets are decided").log
    assert log.mentor_learned_something
    log.mentor_learned = "   "
    log.save(update_fields=["mentor_learned"])
    log.refresh_from_db()
    assert not log.mentor_learned_something
    with connection.cursor() as cursor:
        cursor.execute("SELECT mentor_learned FROM mentorships_meetinglog")
        (stored,) = cursor.fetchone()
    assert "budgets" not in stored


def test_it_counts_without_decrypting(cast, monkeypatch):
    pair = b.pair(cast.program, cast.mentor.person, cast.mentee.person)
    for day, text in enumerate(["a", "", "b", "c", ""]):
        b.meeting(pair, Meeting.Status.HELD, day, text)

    def refuse(*args, **kwargs):
        raise AssertionError("a log was decrypted")

    monkeypatch.setattr("tandem.accounts.fields.decrypt", refuse)
    figure = metrics.reciprocity([cast.program.pk])
    assert figure.value == 60.0 and figure.hidden  # one pair: two people
    assert MeetingLog.objects.count() == 5
