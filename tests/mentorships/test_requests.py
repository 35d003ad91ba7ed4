"""Self-matching: a mentee asks one of the engine's suggested mentors, the mentor answers,
a manager approves in blended programs, unanswered requests expire; every hard rule and the
capacity hold as in a matching run, also when two answers race."""

import datetime as dt
import threading

import pytest
from django.core import mail

from tandem.accounts.models import AuditEvent
from tandem.matching.errors import MatchingError
from tandem.matching.services.publish import publish_run
from tandem.matching.services.run import run_matching
from tandem.mentorships.errors import MentorshipError, MentorshipForbidden
from tandem.mentorships.models import MentorRequest, Mentorship, Participant
from tandem.mentorships.services import reminders
from tandem.mentorships.services import requests as service
from tandem.programs.models import Enrolment, MatchingMode
from tests import factories as f
from tests.operations.dbfile import in_thread, on_file

Status = MentorRequest.Status


@pytest.fixture
def choosing(cast, clock):
    """The cast's program lets mentees choose; a second mentee needs the same topic."""
    program = cast.program
    program.matching_mode = MatchingMode.SELF
    program.save()
    second = f.person("Anne Petit", department="Legal", with_user=True)
    f.need(second, "genai", 2)
    f.enrol(second, program, Enrolment.Role.MENTEE)
    mail.outbox.clear()
    return second


def _ask(cast, mentor=None, message="I want to learn prompting"):
    return service.request_mentor(cast.program, cast.mentee, mentor or cast.mentor.person, message)


def test_a_mentee_sees_the_engine_s_suggestions_with_reasons(cast, choosing):
    f.competence(cast.other_member.person, "cyber", 3, 2)  # covers nothing Jean needs
    choices = service.choices_for(cast.program, cast.mentee.person)
    assert [c.person for c in choices] == [cast.mentor.person]
    assert choices[0].places == 1 and choices[0].score > 0
    assert any("Generative AI" in reason for reason in choices[0].reasons)


def test_a_request_accepted_makes_a_pair_the_next_run_keeps(
    cast, choosing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = _ask(cast)
    assert request.status == Status.PENDING and request.expires_at > request.created_at
    (asked,) = mail.outbox
    assert asked.to == [cast.mentor.email] and "asks you to be their mentor" in asked.subject
    assert "prompting" not in asked.body  # the message is read on the page only
    with django_capture_on_commit_callbacks(execute=True):
        service.accept_request(request, cast.mentor)
    request.refresh_from_db()
    pair = request.mentorship
    assert request.status == Status.ACCEPTED and pair.status == Mentorship.Status.ACCEPTED
    assert set(pair.participants.values_list("answer", flat=True)) == {"accepted"}
    assert pair.goals.exists()  # proposed from the needs, as for any accepted pair
    assert {m.to[0] for m in mail.outbox[1:]} == {cast.mentor.email, cast.mentee.email}
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"mentor_request.created", "mentor_request.paired"} <= actions
    outcome = run_matching(cast.program, actor=cast.manager)
    kept = [p for p in outcome.proposals if p.locked]
    assert [(p.mentees[0].person_id, p.mentors[0].person_id) for p in kept] == [
        (cast.mentee.person.pk, cast.mentor.person.pk)
    ]
    assert choosing.pk not in {m.person_id for p in outcome.proposals for m in p.mentees}


def test_a_pair_across_a_reporting_line_is_refused_with_the_reason(cast, choosing):
    report = cast.other_member.person  # Inès reports to Jean, the mentee
    f.competence(report, "genai", 4, 3)
    assert report not in [c.person for c in service.choices_for(cast.program, cast.mentee.person)]
    with pytest.raises(MentorshipError, match="reporting line"):
        _ask(cast, mentor=report)
    assert not MentorRequest.objects.exists()


def test_capacity_holds_and_one_request_at_a_time(cast, choosing):
    first = _ask(cast)
    with pytest.raises(MentorshipError, match="already asked Léa Bernard"):
        _ask(cast)
    second = service.request_mentor(cast.program, choosing.user, cast.mentor.person, "")
    service.accept_request(first, cast.mentor)
    with pytest.raises(MentorshipError, match="no place left"):
        service.accept_request(second, cast.mentor)
    second.refresh_from_db()
    assert second.status == Status.PENDING
    assert Mentorship.objects.count() == 1
    assert not service.choices_for(cast.program, choosing)  # Léa is full
    with pytest.raises(MentorshipError, match="already have a mentor"):
        _ask(cast)


def test_only_the_mentor_answers_and_a_declined_mentor_is_not_asked_again(cast, choosing):
    request = _ask(cast)
    with pytest.raises(MentorshipForbidden):
        service.accept_request(request, cast.mentee)
    service.decline_request(request, cast.mentor, "Too busy this quarter")
    request.refresh_from_db()
    assert (request.status, request.answer) == (Status.DECLINED, "Too busy this quarter")
    assert not service.choices_for(cast.program, cast.mentee.person)
    with pytest.raises(MentorshipError, match="already answered"):
        _ask(cast)


def test_a_blended_program_waits_for_a_manager_s_approval(cast, choosing):
    cast.program.matching_mode = MatchingMode.BLENDED
    cast.program.save()
    request = _ask(cast)
    service.accept_request(request, cast.mentor)
    request.refresh_from_db()
    assert request.status == Status.APPROVAL and not Mentorship.objects.exists()
    with pytest.raises(MentorshipError, match="no place left"):  # the place is promised
        service.request_mentor(cast.program, choosing.user, cast.mentor.person, "")
    with pytest.raises(MentorshipForbidden):
        service.approve_request(request, cast.mentor)
    service.approve_request(request, cast.manager)
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED and request.decided_by == cast.manager
    assert request.mentorship.status == Mentorship.Status.ACCEPTED


def test_a_manager_refuses_a_pair_and_the_mentee_chooses_again(cast, choosing):
    cast.program.matching_mode = MatchingMode.BLENDED
    cast.program.save()
    request = _ask(cast)
    service.accept_request(request, cast.mentor)
    service.refuse_request(request, cast.manager)
    request.refresh_from_db()
    assert request.status == Status.DECLINED
    assert service.why_not_choose(cast.program, cast.mentee.person) is None


def test_an_unanswered_request_expires_and_the_mentee_is_told_once(cast, choosing, clock):
    request = _ask(cast)
    clock.move_to(request.expires_at - dt.timedelta(days=1))
    reminders.send_due()
    assert [m.to for m in mail.outbox] == [[cast.mentor.email]]  # "answer before it expires"
    clock.move_to(request.expires_at + dt.timedelta(minutes=1))
    with pytest.raises(MentorshipError, match="expired"):
        service.accept_request(request, cast.mentor)
    mail.outbox.clear()
    counts = reminders.send_due()
    assert counts["mentor-request-expired"] == 1
    assert mail.outbox[0].to == [cast.mentee.email] and "expired" in mail.outbox[0].subject
    assert reminders.send_due()["mentor-request-expired"] == 0
    request.refresh_from_db()
    assert request.status == Status.EXPIRED
    assert AuditEvent.objects.filter(action="mentor_request.expired").count() == 1


def test_a_program_where_managers_make_the_pairs_takes_no_request(cast, clock):
    with pytest.raises(MentorshipError, match="managers make the pairs"):
        _ask(cast)


def test_a_run_cannot_be_published_over_pairs_made_since(cast, choosing, clock):
    run = run_matching(cast.program, actor=cast.manager).run
    clock.shift(dt.timedelta(minutes=5))
    service.accept_request(_ask(cast), cast.mentor)
    clock.shift(dt.timedelta(minutes=5))
    with pytest.raises(MatchingError, match="run the matching again"):
        publish_run(run, actor=cast.manager)
    fresh = run_matching(cast.program, actor=cast.manager).run
    publish_run(fresh, actor=cast.manager)
    assert Participant.objects.filter(person=cast.mentee.person).count() == 1


def test_a_published_run_closes_the_requests_of_the_mentees_it_placed(cast, choosing):
    f.competence(f.person("Zoé Blanc"), "genai", 3, 2)
    request = service.request_mentor(cast.program, choosing.user, cast.mentor.person, "")
    run = run_matching(cast.program, actor=cast.manager).run
    publish_run(run, actor=cast.manager)
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN


def test_two_answers_at_once_never_exceed_the_mentor_s_capacity(reference_data_present, tmp_path):
    from tests.matching import helpers as h

    program = h.program(status="running", matching_mode=MatchingMode.SELF)
    mentor = h.mentor(program, "Mentor", with_user=True)
    mentees = [h.mentee(program, f"Mentee {n}", with_user=True) for n in range(2)]
    asks = [service.request_mentor(program, m.user, mentor, "") for m in mentees]
    start, outcomes = threading.Barrier(2), []

    def answer(request):
        start.wait()
        try:
            service.accept_request(request, mentor.user)
            outcomes.append("paired")
        except MentorshipError as e:
            outcomes.append(str(e))

    with on_file(tmp_path):
        threads = [threading.Thread(target=in_thread(answer), args=(r,)) for r in asks]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        pairs = Mentorship.objects.filter(program=program).count()
        statuses = sorted(MentorRequest.objects.values_list("status", flat=True))
    assert sorted(outcomes)[1] == "paired" and "no place left" in sorted(outcomes)[0]
    assert pairs == 1 and statuses == ["accepted", "pending"]


def test_the_texts_are_stored_encrypted_exported_to_their_authors_and_erased(cast, choosing):
    from django.db import connection

    from tandem.privacy.services import confidential, export
    from tandem.privacy.services.scrub import Replacer

    request = _ask(cast, message="SECRET-message")
    service.decline_request(request, cast.mentor, "SECRET-answer")
    with connection.cursor() as cursor:
        cursor.execute("SELECT message, answer FROM mentorships_mentorrequest")
        stored = " ".join(cursor.fetchone())
    assert "SECRET" not in stored
    (sent,) = export.mentor_requests(cast.mentee.person)
    assert (sent["message"], sent["answer"], sent["role"]) == (
        "SECRET-message",
        "SECRET-answer",
        "mentee",
    )
    (received,) = export.mentor_requests(cast.mentor.person)
    assert received["message"] is None and received["answer"] == "SECRET-answer"
    confidential.erase_texts(cast.mentee.person, Replacer({}))
    request.refresh_from_db()
    assert request.message == "" and request.answer == "SECRET-answer"
