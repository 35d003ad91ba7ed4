"""``tandem remind`` reminds mentors of training still due before their first meeting: once
when they are enrolled, once more when a pair waits on it, in their language, never again
after they passed it or held a meeting."""

import pytest
from django.core import mail

from tandem.mentorships.models import Meeting
from tandem.mentorships.services import lifecycle, reminders, schedule
from tandem.programs.models import TrainingModule
from tests import factories as f
from tests.factories import accept_all, propose_pair, sign_all


@pytest.fixture
def required(cast):
    modules = list(TrainingModule.objects.filter(slug__in=["active-listening", "silences"]))
    cast.program.required_modules.set(modules)
    person = cast.mentor.person
    person.languages = ["fr"]
    person.save()
    return modules


def _training_mails(to):
    return [m for m in mail.outbox if m.to == [to] and "formation" in m.subject + m.body]


def test_it_reminds_an_untrained_mentor_once_in_their_language(cast, clock, required):
    counts = reminders.send_due()
    assert counts["training-due"] == 2  # Léa and Inès, the program's two mentors
    (message,) = _training_mails(cast.mentor.email)
    assert message.subject == "Tandem : votre formation de mentor est à faire"
    assert "L'écoute active, Gérer les silences" in message.body
    assert f"/me/programs/{cast.program.slug}/training/" in message.body
    assert reminders.send_due()["training-due"] == 0


def test_it_reminds_again_when_a_pair_waits_and_stops_once_passed(cast, clock, required):
    reminders.send_due()
    mentorship = accept_all(propose_pair(cast, "Her training ends this week; the pair is planned."))
    assert reminders.send_due()["training-due"] == 1  # Léa's pair waits; Inès had hers
    assert "Un de vos binômes" in _training_mails(cast.mentor.email)[-1].body
    for module in required:
        f.passed(cast.mentor.person, module)
    assert reminders.send_due()["training-due"] == 0
    assert sign_all(mentorship).status == "active"


def test_it_never_reminds_after_a_held_meeting(cast, clock, required):
    for module in required:
        f.passed(cast.mentor.person, module)
    mentorship = sign_all(accept_all(propose_pair(cast)))
    meeting = mentorship.meetings.order_by("starts_at").first()
    clock.move_to(meeting.ends_at)
    schedule.set_meeting_status(meeting, cast.mentor, Meeting.Status.HELD)
    cast.program.required_modules.add(TrainingModule.objects.get(slug="feedback"))
    assert lifecycle.load(cast.mentor.person, cast.program, "mentor") == 1
    reminders.send_due()
    assert _training_mails(cast.mentor.email) == []  # a new module, but she has met already
