"""The manager's matching pages: run, review, lock / forbid / swap, re-run, publish."""

import pytest
from django.urls import reverse

from tandem.matching.models import MatchingRun, PairDecision, Proposal
from tandem.programs.models import Program
from tests import factories as f
from tests.matching import helpers as h


@pytest.fixture
def setup(db, client):
    manager = f.person("Hélène HR", with_user=True).user
    prog = h.program("spring", status=Program.Status.MATCHING)
    prog.managers.add(manager)
    mentees = [h.mentee(prog, f"Mentee {k}", department="Finance") for k in range(3)]
    mentors = [h.mentor(prog, f"Mentor {k}", department="Digital") for k in range(3)]
    h.mentee(prog, "Lonely Mentee", needs=(("cyber", 2),))
    client.force_login(manager)
    return client, prog, mentees, mentors


def _run(client, prog, **data):
    return client.post(reverse("matching:start", args=[prog.slug]), data)


def _stored_run(client, prog) -> MatchingRun:
    response = _run(client, prog)
    assert response.status_code == 302
    return MatchingRun.objects.filter(program=prog).latest("id")


def test_it_runs_and_shows_pairs_reasons_unmatched_and_totals(setup):
    client, prog, _mentees, _mentors = setup
    run = _stored_run(client, prog)
    response = client.get(reverse("matching:run", args=[prog.slug, run.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["rows"]) == 3
    assert "Lonely Mentee" in body
    assert "Certified gap" in body
    first = response.context["rows"][0]
    assert first["reasons"] and first["reasons"][0] in body
    assert first["reasons"][0].startswith("covers ")


def test_it_shows_a_dry_run_without_keeping_it(setup):
    client, prog, _mentees, _mentors = setup
    response = _run(client, prog, dry_run="on")
    assert response.status_code == 200
    assert "was not kept" in response.content.decode()
    assert not MatchingRun.objects.filter(program=prog).exists()


def _pair(run, index=0):
    proposal = Proposal.objects.filter(run=run).order_by("id")[index]
    members = {m.role: m.person for m in proposal.members.all()}
    return proposal, members["mentee"], members["mentor"]


def test_it_locks_and_forbids_pairs_then_reruns_with_them(setup):
    client, prog, _mentees, _mentors = setup
    run = _stored_run(client, prog)
    url = reverse("matching:decide", args=[prog.slug, run.pk])
    proposal, mentee, mentor = _pair(run)
    client.post(url, {"proposal": proposal.pk, "mentor": mentor.pk, "kind": "forbid"})
    other, mentee2, mentor2 = _pair(run, 1)
    client.post(url, {"proposal": other.pk, "mentor": mentor2.pk, "kind": "lock"})
    kinds = dict(PairDecision.objects.filter(program=prog).values_list("mentee_id", "kind"))
    assert kinds == {mentee.pk: "forbid", mentee2.pk: "lock"}
    rerun = _stored_run(client, prog)
    pairs = {
        (p.members.get(role="mentee").person_id, p.members.get(role="mentor").person_id): p.locked
        for p in Proposal.objects.filter(run=rerun)
    }
    assert (mentee.pk, mentor.pk) not in pairs
    assert pairs[(mentee2.pk, mentor2.pk)] is True


def test_it_swaps_the_mentors_of_two_proposals(setup):
    client, prog, _mentees, _mentors = setup
    run = _stored_run(client, prog)
    first, mentee_a, mentor_x = _pair(run)
    second, mentee_b, mentor_y = _pair(run, 1)
    client.post(
        reverse("matching:swap", args=[prog.slug, run.pk]),
        {"proposal": first.pk, "other": second.pk},
    )
    locks = set(
        PairDecision.objects.filter(program=prog, kind="lock").values_list("mentee", "mentor")
    )
    assert locks == {(mentee_a.pk, mentor_y.pk), (mentee_b.pk, mentor_x.pk)}


def test_it_says_when_the_swap_partner_is_not_in_the_run(setup):
    client, prog, _mentees, _mentors = setup
    run = _stored_run(client, prog)
    first, *_ = _pair(run)
    response = client.post(
        reverse("matching:swap", args=[prog.slug, run.pk]),
        {"proposal": first.pk, "other": 999999},
        follow=True,
    )
    assert "is not another one-to-one proposal" in response.content.decode()
    response = client.post(
        reverse("matching:swap", args=[prog.slug, run.pk]),
        {"proposal": first.pk, "other": "abc"},
        follow=True,
    )
    assert "Give the number" in response.content.decode()


def test_it_publishes_the_latest_run_into_mentorships(setup):
    client, prog, _mentees, _mentors = setup
    run = _stored_run(client, prog)
    url = reverse("matching:publish", args=[prog.slug, run.pk])
    run_page = client.get(reverse("matching:run", args=[prog.slug, run.pk])).content.decode()
    assert f'href="{url}"' in run_page  # the button asks first
    confirm = client.get(url)
    assert confirm.status_code == 200
    outcome = confirm.context["outcome"]
    assert (outcome.proposals, outcome.new_pairs, outcome.emails) == (3, 3, 6)
    page = confirm.content.decode()
    assert "Publish the proposals?" in page and "The program becomes “running”." in page
    assert "3 new pairs are proposed to their members" in page
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.PROPOSED  # asking changed nothing
    response = client.post(url, follow=True)
    assert (
        "3 new pairs proposed; 6 emails to the people. The program is now running."
        in response.content.decode()
    )
    run.refresh_from_db()
    prog.refresh_from_db()
    assert run.status == MatchingRun.Status.PUBLISHED
    assert prog.status == Program.Status.RUNNING
    assert prog.mentorships.count() == 3
    again = client.post(reverse("matching:publish", args=[prog.slug, run.pk]), follow=True)
    assert "already published" in again.content.decode()


def test_it_answers_forged_posts_with_404(setup):
    client, prog, _mentees, _mentors = setup
    run = _stored_run(client, prog)
    other_prog = h.program("autumn", status=Program.Status.MATCHING)
    h.mentee(other_prog, "Other Mentee")
    foreign_mentor = h.mentor(other_prog, "Other Mentor")
    foreign_run = MatchingRun.objects.create(program=other_prog)
    foreign = Proposal.objects.create(run=foreign_run, score=1)
    proposal, _mentee, mentor = _pair(run)
    decide = reverse("matching:decide", args=[prog.slug, run.pk])
    forged = [
        (decide, {"proposal": foreign.pk, "mentor": mentor.pk, "kind": "lock"}),
        (decide, {"proposal": proposal.pk, "mentor": foreign_mentor.pk, "kind": "lock"}),
        (decide, {"proposal": "x", "mentor": mentor.pk, "kind": "lock"}),
        (reverse("matching:swap", args=[prog.slug, run.pk]), {"proposal": foreign.pk, "other": 1}),
        (reverse("matching:publish", args=[prog.slug, foreign_run.pk]), {}),
        (reverse("matching:run", args=[prog.slug, foreign_run.pk]), None),
    ]
    for url, data in forged:
        response = client.post(url, data) if data is not None else client.get(url)
        assert response.status_code == 404, url
    assert not PairDecision.objects.exists()


def test_it_reports_a_refused_decision_as_a_message(setup):
    client, prog, _mentees, _mentors = setup
    run = _stored_run(client, prog)
    proposal, mentee, mentor = _pair(run)
    _second, _mentee2, mentor2 = _pair(run, 1)
    PairDecision.objects.create(program=prog, mentee=mentee, mentor=mentor2, kind="lock")
    response = client.post(
        reverse("matching:decide", args=[prog.slug, run.pk]),
        {"proposal": proposal.pk, "mentor": mentor.pk, "kind": "lock"},
        follow=True,
    )
    assert response.status_code == 200
    assert "already has a locked mentor" in response.content.decode()
    assert not PairDecision.objects.filter(mentee=mentee, mentor=mentor).exists()
