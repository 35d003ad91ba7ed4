"""The mentor picker of a run: the mentors the rules allow for a mentee, best score first,
with why; why not for a name searched; a pick locks or swaps through the decisions services
(mentee, mentor, action), and with htmx the proposals are redrawn in place."""

import pytest
from django.urls import reverse

from tandem.matching.models import MatchingRun, PairDecision, Proposal
from tandem.people.models import Person
from tandem.programs.models import Program
from tests import factories as f
from tests.matching import helpers as h


@pytest.fixture
def setup(db, client):
    manager = f.person("Hélène HR", with_user=True).user
    prog = h.program("spring", status=Program.Status.MATCHING)
    prog.managers.add(manager)
    boss = h.mentee(prog, "Mentee Boss", department="Finance")
    for k in range(2):
        h.mentee(prog, f"Mentee {k}", department="Finance")
    for k in range(3):
        h.mentor(prog, f"Mentor {k}", department="Digital")
    h.mentor(prog, "Report Of Boss", department="Digital", manager=boss)
    h.mentor(prog, "Cyber Only", skills=(("cyber", 3, 2),))
    client.force_login(manager)
    client.post(reverse("matching:start", args=[prog.slug]))
    run = MatchingRun.objects.filter(program=prog).latest("id")
    return client, prog, run


def _proposal_of(run, name):
    proposal = Proposal.objects.get(run=run, members__person__full_name=name)
    members = {m.role: m.person for m in proposal.members.all()}
    return proposal, members["mentee"], members["mentor"]


def _picker(client, prog, run, proposal, **params):
    url = reverse("matching:picker", args=[prog.slug, run.pk, proposal.pk])
    return client.get(url, params)


def test_it_offers_the_allowed_mentors_best_first_with_why(setup):
    client, prog, run = setup
    proposal, mentee, mentor = _proposal_of(run, "Mentee 0")
    page = _picker(client, prog, run, proposal).content.decode()
    assert "Mentors for Mentee 0" in page
    assert "4 of the 5 mentors meet every rule for this mentee." in page
    assert "covers Generative AI at work" in page
    assert "proposed now" in page and "Swap: take" in page
    assert "Cyber Only" not in page  # not qualified: only shown when searched


def test_it_says_why_a_searched_mentor_is_not_allowed(setup):
    client, prog, run = setup
    proposal, *_ = _proposal_of(run, "Mentee Boss")
    page = _picker(client, prog, run, proposal, q="boss").content.decode()
    assert "Report Of Boss" in page and "Not allowed" in page
    assert "reporting line" in page
    page = _picker(client, prog, run, proposal, q="cyber").content.decode()
    assert "the mentor is not qualified for Generative AI at work" in page


def test_it_swaps_mentors_in_place_with_htmx(setup):
    client, prog, run = setup
    first, mentee_a, mentor_x = _proposal_of(run, "Mentee 0")
    second, mentee_b, mentor_y = _proposal_of(run, "Mentee 1")
    url = reverse("matching:choose", args=[prog.slug, run.pk])
    data = {"mentee": mentee_a.pk, "mentor": mentor_y.pk, "action": "swap", "page": 1}
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and 'id="proposals"' in body
    assert "<html" not in body  # a fragment, applied in place
    assert 'hx-swap-oob="true"' in body and "Mentors swapped" in body
    assert f"Next run: with {mentor_y.full_name} (locked)" in body
    locks = set(PairDecision.objects.filter(program=prog).values_list("mentee", "mentor"))
    assert locks == {(mentee_a.pk, mentor_y.pk), (mentee_b.pk, mentor_x.pk)}


def test_it_locks_a_free_mentor_without_htmx_and_comes_back(setup):
    client, prog, run = setup
    proposal, mentee, mentor = _proposal_of(run, "Mentee 0")
    free = Person.objects.get(full_name="Report Of Boss")  # the boss's report: unmatched
    page = _picker(client, prog, run, proposal).content.decode()
    assert "free in this run" in page and "Lock with Report Of Boss" in page
    url = reverse("matching:choose", args=[prog.slug, run.pk])
    response = client.post(url, {"mentee": mentee.pk, "mentor": free.pk, "action": "lock"})
    assert response.status_code == 302 and response["Location"].endswith(f"/runs/{run.pk}/")
    assert PairDecision.objects.filter(mentee=mentee, mentor=free, kind="lock").exists()


def test_it_refuses_forged_picks(setup):
    client, prog, run = setup
    proposal, mentee, mentor = _proposal_of(run, "Mentee 0")
    url = reverse("matching:choose", args=[prog.slug, run.pk])
    for data in (
        {"mentee": mentor.pk, "mentor": mentor.pk, "action": "lock"},  # not a mentee of the run
        {"mentee": mentee.pk, "mentor": mentor.pk, "action": "steal"},
        {"mentee": "x", "mentor": mentor.pk, "action": "lock"},
    ):
        assert client.post(url, data).status_code == 404
    stranger = f.person("Not Enrolled")
    response = client.post(
        url, {"mentee": mentee.pk, "mentor": stranger.pk, "action": "lock"}, follow=True
    )
    assert "is not an accepted mentor" in response.content.decode()
    assert not PairDecision.objects.filter(mentor=stranger).exists()
