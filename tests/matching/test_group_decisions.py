"""Lock / forbid on a group proposal (one mentor, several mentees) acts on every link."""

import pytest
from django.urls import reverse

from tandem.matching.errors import MatchingError
from tandem.matching.models import MatchingRun, PairDecision, Proposal
from tandem.matching.services.decisions import decide_proposal
from tandem.programs.models import Program
from tests import factories as f
from tests.matching import helpers as h


@pytest.fixture
def group(db, client):
    manager = f.person("Hélène HR", with_user=True).user
    prog = h.program("groups", status=Program.Status.MATCHING, format=Program.Format.GROUP)
    prog.managers.add(manager)
    mentees = [h.mentee(prog, f"Mentee {k}") for k in range(3)]
    teacher = h.mentor(prog, "Teacher", enrol={"capacity": 4})
    client.force_login(manager)
    client.post(reverse("matching:start", args=[prog.slug]))
    run = MatchingRun.objects.get(program=prog)
    (proposal,) = Proposal.objects.filter(run=run)
    return client, prog, run, proposal, mentees, teacher


def _decide(client, prog, run, proposal, mentor, kind):
    url = reverse("matching:decide", args=[prog.slug, run.pk])
    return client.post(url, {"proposal": proposal.pk, "mentor": mentor.pk, "kind": kind})


def _decisions(prog) -> set[tuple[int, int, str]]:
    return set(PairDecision.objects.filter(program=prog).values_list("mentee", "mentor", "kind"))


@pytest.mark.parametrize("kind", ["lock", "forbid"])
def test_it_decides_on_every_mentee_of_a_group(group, kind):
    client, prog, run, proposal, mentees, teacher = group
    assert _decide(client, prog, run, proposal, teacher, kind).status_code == 302
    assert _decisions(prog) == {(m.pk, teacher.pk, kind) for m in mentees}


def test_it_clears_every_link_of_a_group(group):
    client, prog, run, proposal, _mentees, teacher = group
    _decide(client, prog, run, proposal, teacher, "lock")
    _decide(client, prog, run, proposal, teacher, "clear")
    assert _decisions(prog) == set()


def test_it_shows_the_group_as_locked_then_keeps_it_on_a_rerun(group):
    client, prog, run, proposal, mentees, teacher = group
    _decide(client, prog, run, proposal, teacher, "lock")
    page = client.get(reverse("matching:run", args=[prog.slug, run.pk]))
    (row,) = page.context["rows"]
    assert row["mentors"] == [(teacher, "lock")]
    client.post(reverse("matching:start", args=[prog.slug]))
    rerun = MatchingRun.objects.filter(program=prog).latest("id")
    (kept,) = Proposal.objects.filter(run=rerun)
    assert kept.locked
    assert {m.person_id for m in kept.members.filter(role="mentee")} == {m.pk for m in mentees}


def test_it_locks_all_the_links_or_none(group):
    _client, prog, _run, _proposal, mentees, teacher = group
    enrolment = teacher.enrolments.get(program=prog)
    enrolment.capacity = 2
    enrolment.save()
    with pytest.raises(MatchingError, match="full capacity"):
        decide_proposal(prog, mentees, teacher, PairDecision.Kind.LOCK)
    assert _decisions(prog) == set()
