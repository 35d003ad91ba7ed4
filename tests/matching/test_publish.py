"""Publishing a run: mentorships created exactly once, by the mentorships app's receiver."""

import pytest

from tandem.matching.errors import MatchingError
from tandem.matching.models import MatchingRun
from tandem.matching.services.publish import publish_run
from tandem.matching.services.run import run_matching
from tandem.matching.signals import proposals_published
from tandem.mentorships.models import Mentorship, Participant
from tandem.programs.models import Program
from tests.matching import helpers as h


def test_it_creates_one_proposed_mentorship_per_proposal(cast):
    cast.program.status = Program.Status.MATCHING
    cast.program.save()
    outcome = run_matching(cast.program, actor=cast.manager)
    run = publish_run(outcome.run, actor=cast.manager).run
    assert run.status == MatchingRun.Status.PUBLISHED and run.published_by == cast.manager
    mentorship = Mentorship.objects.get()
    assert mentorship.status == Mentorship.Status.PROPOSED
    assert mentorship.source_run_id == run.pk
    assert mentorship.score == outcome.proposals[0].score
    assert mentorship.details == outcome.proposals[0].details
    participants = set(mentorship.participants.values_list("person__user", "role", "answer"))
    assert participants == {
        (cast.mentor.pk, "mentor", Participant.Answer.PENDING),
        (cast.mentee.pk, "mentee", Participant.Answer.PENDING),
    }
    cast.program.refresh_from_db()
    assert cast.program.status == Program.Status.RUNNING


def test_it_does_not_publish_twice(cast):
    run = run_matching(cast.program).run
    publish_run(run)
    with pytest.raises(MatchingError, match="already published"):
        publish_run(run)
    assert Mentorship.objects.count() == 1


def test_it_refuses_a_run_that_is_not_the_latest(cast):
    older = run_matching(cast.program).run
    run_matching(cast.program)
    with pytest.raises(MatchingError, match="not the latest run"):
        publish_run(older)
    assert not Mentorship.objects.exists()


def test_it_refuses_a_dry_run(cast):
    outcome = run_matching(cast.program, dry_run=True)
    with pytest.raises(MatchingError, match="dry run cannot be published"):
        publish_run(outcome.run)


def test_it_publishes_a_circle_as_one_mentorship(db):
    prog = h.program(format=Program.Format.CIRCLE, circle_size=2)
    h.mentee(prog, needs=[("genai", 2), ("cyber", 1)])
    h.mentor(prog, skills=[("genai", 3, 2)])
    h.mentor(prog, skills=[("cyber", 3, 2)])
    publish_run(run_matching(prog).run)
    mentorship = Mentorship.objects.get()
    assert mentorship.participants.filter(role="mentor").count() == 2


def test_it_rolls_the_publication_back_when_the_mentorships_fail(cast):
    run = run_matching(cast.program).run

    def broken(**kwargs):
        raise RuntimeError("mentorships down")

    proposals_published.connect(broken, sender=MatchingRun, dispatch_uid="test-broken")
    try:
        with pytest.raises(RuntimeError):
            publish_run(run)
    finally:
        proposals_published.disconnect(sender=MatchingRun, dispatch_uid="test-broken")
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.PROPOSED and not Mentorship.objects.exists()


def test_it_rematches_only_the_declined_after_publication(db):
    prog = h.program()
    a, b = h.mentee(prog, "A"), h.mentee(prog, "B")
    x, y, z = h.mentor(prog, "X"), h.mentor(prog, "Y"), h.mentor(prog, "Z")
    publish_run(run_matching(prog).run)
    first = {m.participants.get(role="mentee").person_id: m for m in Mentorship.objects.all()}
    declined = first[a.pk]
    declined.participants.filter(role="mentor").update(answer=Participant.Answer.DECLINED)
    declined_mentor = declined.participants.get(role="mentor").person_id
    outcome = run_matching(prog)
    pairs = {(p.mentees[0].person_id, p.mentors[0].person_id) for p in outcome.proposals}
    kept_mentor = first[b.pk].participants.get(role="mentor").person_id
    assert (b.pk, kept_mentor) in pairs  # the pair still going is kept
    (new_for_a,) = [m for (e, m) in pairs if e == a.pk]
    assert new_for_a not in (declined_mentor, kept_mentor) and new_for_a in (x.pk, y.pk, z.pk)
    publish_run(outcome.run)
    assert Mentorship.objects.count() == 3  # only A's new pair was added
