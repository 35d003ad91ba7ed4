"""Running the matching stores one run whole: proposals, unmatched people and totals; the rules
hold on realistic programs (executives, circles, partner mentors)."""

import pytest

from tandem.matching.explain.shown import unmatched_reasons
from tandem.matching.explain.words import Lexicon
from tandem.matching.models import MatchingRun, Proposal, ProposalMember, Unmatched
from tandem.matching.services import run as run_service
from tandem.matching.services.run import run_matching
from tandem.people.models import Organization
from tandem.programs.models import Program
from tests import factories as f
from tests.matching import helpers as h


def test_it_stores_the_run_its_proposals_and_its_unmatched(cast):
    run = run_matching(cast.program, actor=cast.manager).run
    assert run.pk and run.created_by == cast.manager and not run.dry_run
    assert Proposal.objects.filter(run=run).count() == 1
    members = set(
        ProposalMember.objects.filter(proposal__run=run).values_list("person__user", "role")
    )
    assert members == {(cast.mentor.pk, "mentor"), (cast.mentee.pk, "mentee")}
    unmatched = Unmatched.objects.get(run=run)
    assert unmatched.person.user == cast.other_member
    assert unmatched.code == "no_competences"
    assert unmatched.details == [{"code": "no_competences", "data": {}}]
    lex = Lexicon.load(cast.program.start)
    shown = unmatched_reasons(unmatched.details, unmatched.reasons, unmatched.role, lex)
    assert shown == ["has no competence in this program's topics"]
    totals = run.totals
    assert (totals["mentees"], totals["mentors"], totals["matched_mentees"]) == (1, 2, 1)
    assert {"score", "bound_score", "gap", "matched_mentors"} <= set(totals)
    assert {"build_s", "solve_s", "store_s", "total_s"} <= set(totals["timings"])
    assert run.snapshot["reporting_distance"] == 2 and run.snapshot["format"] == "one-to-one"


def test_it_stores_nothing_when_storing_fails_half_way(cast, monkeypatch):
    def boom(run, unmatched):
        assert Proposal.objects.filter(run=run).exists()  # proposals were written…
        raise RuntimeError("disk full")

    monkeypatch.setattr(run_service, "_store_unmatched", boom)
    with pytest.raises(RuntimeError):
        run_matching(cast.program, actor=cast.manager)
    assert not MatchingRun.objects.exists()  # …and rolled back with the run
    assert not Proposal.objects.exists() and not ProposalMember.objects.exists()


def test_it_stores_nothing_on_a_dry_run(cast):
    outcome = run_matching(cast.program, dry_run=True)
    assert outcome.run.pk is None and len(outcome.proposals) == 1
    assert outcome.totals["matched_mentees"] == 1
    assert not MatchingRun.objects.exists()


@pytest.mark.django_db
def test_it_matches_the_ceo_with_a_junior_of_the_same_company():
    prog = h.program()
    ceo = h.mentee(prog, "Chief Executive")
    vp = f.person("VP", manager=ceo)
    director = f.person("Director", manager=vp)
    team_lead = f.person("Team lead", manager=director)
    h.mentor(prog, "Too close", manager=vp)  # two levels under the CEO
    junior = h.mentor(prog, "Junior", manager=team_lead)  # four levels under
    (proposal,) = run_matching(prog).proposals
    assert [m.person_id for m in proposal.mentees] == [ceo.pk]
    assert [m.person_id for m in proposal.mentors] == [junior.pk]


@pytest.mark.django_db
def test_it_lets_a_partner_university_lend_mentors_outside_the_reporting_tree():
    prog = h.program()
    uni = f.organization("University of Lyon", kind=Organization.Kind.PARTNER)
    boss = h.mentee(prog, "Boss")
    h.mentor(prog, "Own report", manager=boss)
    student = h.mentor(prog, "Student", org=uni)
    outcome = run_matching(prog)
    assert [m.person_id for m in outcome.proposals[0].mentors] == [student.pk]
    assert "other organisation" in outcome.proposals[0].reasons
    (left,) = outcome.unmatched
    assert left.reasons == [
        "every mentee who needs Generative AI at work is in the same organisation and too close "
        "in its reporting line"
    ]


@pytest.mark.django_db
def test_it_gives_a_founder_a_circle_of_young_volunteers():
    prog = h.program(format=Program.Format.CIRCLE, circle_size=3, topics=("genai", "cyber", "csr"))
    founder = h.mentee(prog, "Founder", needs=[("genai", 2), ("cyber", 1), ("csr", 0)])
    volunteers = [
        h.mentor(prog, "AI volunteer", skills=[("genai", 3, 1)]),
        h.mentor(prog, "Cyber volunteer", skills=[("cyber", 3, 1)]),
        h.mentor(prog, "CSR volunteer", skills=[("csr", 2, 0)]),
    ]
    outcome = run_matching(prog)
    (circle,) = outcome.proposals
    assert [m.person_id for m in circle.mentees] == [founder.pk]
    assert sorted(m.person_id for m in circle.mentors) == sorted(v.pk for v in volunteers)
    assert len(circle.reasons) == 3 and circle.reasons[0].startswith("AI volunteer: covers")
    stored = Proposal.objects.get(run=outcome.run)
    assert stored.members.filter(role="mentor").count() == 3


@pytest.mark.django_db
def test_it_groups_a_group_mentors_mentees_in_one_proposal():
    prog = h.program(format=Program.Format.GROUP)
    h.mentee(prog, "One")
    h.mentee(prog, "Two")
    h.mentor(prog, "Teacher", enrol={"capacity": 4})
    (group,) = run_matching(prog).proposals
    assert len(group.mentees) == 2 and len(group.mentors) == 1


@pytest.mark.django_db
def test_it_only_matches_accepted_enrolments():
    prog = h.program()
    h.mentee(prog, enrol={"status": "applied"})
    h.mentor(prog)
    outcome = run_matching(prog, dry_run=True)
    assert outcome.proposals == [] and outcome.totals["mentees"] == 0
    (mentor,) = outcome.unmatched
    assert mentor.reasons == ["no mentee needs Generative AI at work"]


@pytest.mark.django_db
def test_it_says_when_a_circle_is_not_complete():
    prog = h.program(format=Program.Format.CIRCLE, circle_size=3)
    h.mentee(prog, needs=[("genai", 2), ("cyber", 1)])
    h.mentor(prog, "AI", skills=[("genai", 3, 1)])
    h.mentor(prog, "Cyber", skills=[("cyber", 3, 1)])
    (circle,) = run_matching(prog, dry_run=True).proposals
    assert circle.reasons[-1] == "2 of 3 mentors found for this circle"
