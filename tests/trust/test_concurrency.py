"""Concurrency: two managers editing one program, two ``tandem remind`` at once, a matching
publication failing half-way. Nothing is lost, sent twice or half-written."""

import re
import threading
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
from django.urls import reverse

from tandem.accounts.models import AuditEvent
from tandem.matching.models import MatchingRun
from tandem.matching.services.publish import publish_run
from tandem.matching.services.run import run_matching
from tandem.mentorships.models import Mentorship, Participant, SentReminder
from tandem.mentorships.services import lifecycle, reminders
from tandem.programs.models import Enrolment, Program
from tandem.programs.views import setup as setup_views
from tests import factories as f
from tests.operations.dbfile import in_thread, on_file

# --- Two managers, one program: optimistic locking on the set-up forms ---------------------

CHARTER = {
    "confidentiality": "Stays in the pair",
    "authorised_subjects": "Tools",
    "deliverables": "A demo",
    "progression_criteria": "Weekly use",
}


@pytest.fixture
def managers(cast):
    """Two signed-in managers of the cast's program, each in their own browser."""
    second = f.person("Sophie Laurent", department="HR", with_user=True).user
    cast.program.managers.add(second)
    first_browser, second_browser = Client(), Client()
    first_browser.force_login(cast.manager)
    second_browser.force_login(second)
    return first_browser, second_browser


def _url(program, step):
    return reverse("programs:setup", args=[program.slug, step])


def _version_in(response) -> str:
    return re.search(r'name="version" value="(\d+)"', response.content.decode()).group(1)


def test_the_second_save_of_a_stale_charter_is_refused_and_shows_the_current_values(managers, cast):
    alice, bob = managers
    url = _url(cast.program, "charter")
    alice_version, bob_version = _version_in(alice.get(url)), _version_in(bob.get(url))
    saved = alice.post(url, {**CHARTER, "deliverables": "Alice's demo", "version": alice_version})
    assert saved.status_code == 302
    stale = bob.post(url, {**CHARTER, "deliverables": "Bob's report", "version": bob_version})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "changed by someone else since you opened it" in page
    form = stale.context["form"]
    assert form["deliverables"].value() == "Alice's demo"  # the current values in the form...
    unsaved = [(str(label), value) for label, value in stale.context["unsaved"]]
    assert unsaved == [("Expected deliverables", "Bob's report")]  # ...and Bob's beside
    assert "Bob&#x27;s report" in page
    cast.program.refresh_from_db()
    assert cast.program.deliverables == "Alice's demo"
    # Bob reviews and saves again, now at the version he was shown: it goes through.
    again = bob.post(
        url, {**CHARTER, "deliverables": "Bob's report", "version": _version_in(stale)}
    )
    assert again.status_code == 302
    cast.program.refresh_from_db()
    assert cast.program.deliverables == "Bob's report"
    assert AuditEvent.objects.filter(action="program.update").count() == 2


def test_a_stale_weights_form_is_refused_too(managers, cast):
    alice, bob = managers
    url = _url(cast.program, "weights")
    first, second = alice.get(url), bob.get(url)
    data = {name: value for name, value in first.context["form"].initial.items()}
    assert alice.post(url, {**data, "other_site": 77}).status_code == 302
    stale = bob.post(url, {**second.context["form"].initial, "other_site": 5})
    assert stale.status_code == 409
    cast.program.refresh_from_db()
    assert cast.program.effective_weights()["other_site"] == 77


def test_a_web_save_makes_an_api_client_holding_the_old_version_get_a_409(managers, cast):
    alice, _bob = managers
    url = _url(cast.program, "charter")
    read = cast.program.version
    assert alice.post(url, {**CHARTER, "version": _version_in(alice.get(url))}).status_code == 302
    cast.program.refresh_from_db()
    assert cast.program.version == read + 1
    api = Client()
    api.force_login(cast.manager)
    response = api.patch(
        f"/api/v1/programs/{cast.program.pk}",
        {"objective": "overwrite", "version": read},
        content_type="application/json",
    )
    assert response.status_code == 409


def test_a_step_writes_only_its_own_columns(managers, cast):
    """A status change committed while the dates form is being saved is not written back."""
    alice, _bob = managers
    url = _url(cast.program, "dates")
    version = _version_in(alice.get(url))
    real_save = setup_views.save_setup_step

    def status_changed_meanwhile(form, **kwargs):
        Program.objects.filter(pk=cast.program.pk).update(status=Program.Status.CLOSED)
        return real_save(form, **kwargs)

    dates = {"start": "2026-01-05", "end": "2026-12-31", "cadence_days": 14, "meeting_minutes": 45}
    with mock.patch.object(setup_views, "save_setup_step", status_changed_meanwhile):
        assert alice.post(url, {**dates, "version": version}).status_code == 302
    cast.program.refresh_from_db()
    assert cast.program.status == Program.Status.CLOSED and cast.program.cadence_days == 14


# --- Two `tandem remind` at the same time: each reminder goes out once ----------------------


class SlowOutbox(EmailBackend):
    """The test outbox, slow like SMTP, so the two runs really overlap."""

    def send_messages(self, messages):
        time.sleep(0.05)
        return super().send_messages(messages)


@pytest.fixture
def pending_proposals(reference_data_present, cast):
    """Three proposals waiting for six answers: six reminders due."""
    pairs = [(cast.mentor.person, cast.mentee.person)]
    mentee = f.person("Zoé Lambert")
    f.enrol(mentee, cast.program, Enrolment.Role.MENTEE)
    pairs.append((cast.other_member.person, mentee))
    mentor, mentee = f.person("Yann Colin"), f.person("Rose Millet")
    f.enrol(mentor, cast.program, Enrolment.Role.MENTOR)
    f.enrol(mentee, cast.program, Enrolment.Role.MENTEE)
    pairs.append((mentor, mentee))
    for mentor, mentee in pairs:
        f.competence(mentor, "cyber")
        f.need(mentee, "cyber")
        lifecycle.create_mentorship(cast.program, [mentor], [mentee], cast.manager)
    return pairs


def test_two_reminder_runs_at_once_send_each_reminder_once(pending_proposals, settings, tmp_path):
    settings.EMAIL_BACKEND = f"{__name__}.SlowOutbox"
    mail.outbox.clear()  # the proposal emails themselves
    start, counts = threading.Barrier(2), []

    def remind():
        start.wait()
        counts.append(sum(reminders.send_due().values()))

    with on_file(tmp_path):
        runs = [threading.Thread(target=in_thread(remind)) for _ in range(2)]
        for run in runs:
            run.start()
        for run in runs:
            run.join(timeout=120)
        claimed = SentReminder.objects.filter(kind="proposal-pending").count()
    sent = [(m.to[0], m.subject) for m in mail.outbox if "awaits your answer" in m.subject]
    assert len(sent) == 6 == len(set(sent)) == claimed
    assert sum(counts) == len(mail.outbox) and len(counts) == 2


# --- A publication failing half-way leaves nothing behind -----------------------------------


@pytest.fixture
def four_pairs_run(reference_data_present, early_in_the_programs):
    from tests.matching import helpers as h

    program = h.program(status=Program.Status.MATCHING)
    for n in range(4):
        h.mentee(program, f"Mentee {n}")
        h.mentor(program, f"Mentor {n}")
    run = run_matching(program).run
    assert run.proposals.count() == 4
    return run


def _failing_at(n: int):
    """``bulk_create`` that inserts the mentorships one by one and fails at the n-th."""

    def create(objects, **kwargs):
        for index, obj in enumerate(objects, start=1):
            if index == n:
                raise RuntimeError("the database went away")
            obj.save()
        return objects

    return create


def test_a_publication_interrupted_half_way_creates_nothing(four_pairs_run):
    mail.outbox.clear()
    failing = mock.patch.object(Mentorship.objects, "bulk_create", _failing_at(3))
    with failing, pytest.raises(RuntimeError):
        publish_run(four_pairs_run)
    four_pairs_run.refresh_from_db()
    assert four_pairs_run.status == MatchingRun.Status.PROPOSED
    assert four_pairs_run.program.status == Program.Status.MATCHING
    assert not Mentorship.objects.exists() and not Participant.objects.exists()
    assert not AuditEvent.objects.filter(action="matching.publish").exists()
    assert mail.outbox == []  # nobody was told about a proposal that does not exist
    # Once the fault is gone, the same run publishes completely.
    publish_run(four_pairs_run)
    assert Mentorship.objects.count() == 4 and Participant.objects.count() == 8
    assert len(mail.outbox) == 8


# --- The pair's web actions move its version, which API clients compare (If-Match) ----------


def test_an_answer_given_in_the_web_makes_a_stale_api_client_get_a_409(cast):
    mentorship = lifecycle.create_mentorship(
        cast.program, [cast.mentor.person], [cast.mentee.person], cast.manager
    )
    read = mentorship.version
    mentee = Client()
    mentee.force_login(cast.mentee)
    assert mentee.post(reverse("mentorships:accept", args=[mentorship.pk])).status_code == 302
    mentorship.refresh_from_db()
    assert mentorship.version == read + 1
    mentor = Client()
    mentor.force_login(cast.mentor)
    stale = mentor.post(
        f"/api/v1/mentorships/{mentorship.pk}/decline",
        {"reason": "not a fit"},
        content_type="application/json",
        headers={"If-Match": str(read)},
    )
    assert stale.status_code == 409
    assert mentorship.participants.get(person=cast.mentor.person).answer == "pending"
