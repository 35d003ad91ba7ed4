"""A manager's decisions never break a hard rule silently: a lock or a swap that breaks one is
refused with the reason (service, page, API), unless overridden with a written justification;
then the override is in the audit trail, the proposal and the pair carry a warning for the
managers (never for the participants), and the schedule says why it used a default time."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from tandem.accounts.models import AuditEvent
from tandem.accounts.tokens import create_token
from tandem.matching.models import MatchingRun, PairDecision, Proposal
from tandem.matching.services.decisions import RuleBroken, lock_pair, swap_pairs
from tandem.matching.services.publish import publish_run
from tandem.matching.services.run import run_matching
from tandem.mentorships.models import FallbackReason, Mentorship
from tandem.mentorships.services import lifecycle
from tandem.programs.models import Program
from tests import factories as f
from tests.matching import helpers as h

WHY = "She is learning German with him; we checked with both."


@pytest.fixture
def world(db):
    """A (French) and B (German) mentees; X (German) and Y (French) mentors: the engine pairs
    A with Y and B with X; A with X or B with Y share no language."""
    manager = f.person("Hélène HR", with_user=True).user
    prog = h.program("override", status=Program.Status.MATCHING)
    prog.managers.add(manager)
    a = h.mentee(
        prog, "Anne", languages=["fr"], with_user=True, enrol={"availability": ["mon 09:00-11:00"]}
    )
    b = h.mentee(prog, "Bernd", languages=["de"])
    x = h.mentor(
        prog, "Xaver", languages=["de"], with_user=True, enrol={"availability": ["tue 09:00-11:00"]}
    )
    y = h.mentor(prog, "Yvette", languages=["fr"], enrol={"availability": ["mon 09:00-11:00"]})
    return prog, manager, a, b, x, y


def _pairs(outcome) -> set[tuple[int, int]]:
    return {(p.mentees[0].person_id, p.mentors[0].person_id) for p in outcome.proposals}


def test_a_lock_breaking_a_rule_is_refused_with_the_reason(world):
    prog, manager, a, _b, x, _y = world
    with pytest.raises(RuleBroken) as refused:
        lock_pair(prog, a, x, actor=manager)
    assert str(refused.value) == (
        "Anne and Xaver cannot be paired: no common language; no common free time for a "
        "meeting. To pair them anyway, override the rules with a written justification."
    )
    assert not PairDecision.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="matching.").exists()


def test_an_override_is_kept_audited_and_warned_about_on_the_proposal(world):
    prog, manager, a, _b, x, _y = world
    decision = lock_pair(prog, a, x, actor=manager, justification=f"  {WHY} ")
    assert [r["code"] for r in decision.override_rules] == [
        "no_common_language",
        "no_common_availability",
    ]
    assert decision.justification == WHY and decision.created_by == manager
    event = AuditEvent.objects.get(action="matching.override")
    assert event.actor == manager and event.object_id == str(decision.pk)
    assert event.details["rules"] == ["no_common_language", "no_common_availability"]
    assert event.details["justification"] == WHY and event.at
    outcome = run_matching(prog, actor=manager)
    assert (a.pk, x.pk) in _pairs(outcome)
    warning = (
        "a manager paired them despite no common language; no common free time for a meeting: "
        f"“{WHY}”"
    )
    overridden = next(p for p in outcome.proposals if p.mentors[0].person_id == x.pk)
    assert warning in overridden.reasons
    assert all(warning not in p.reasons for p in outcome.proposals if p is not overridden)


def test_the_run_page_and_the_decisions_show_the_warning_to_the_managers(world, client):
    prog, manager, a, _b, x, _y = world
    lock_pair(prog, a, x, actor=manager, justification=WHY)
    run = run_matching(prog, actor=manager).run
    client.force_login(manager)
    page = client.get(reverse("matching:run", args=[prog.slug, run.pk]))
    (row,) = [r for r in page.context["rows"] if r["mentees"] == [a]]
    assert row["warnings"] == [
        "a manager paired them despite no common language; no common free time for a meeting: "
        f"“{WHY}”"
    ]
    assert "Against the rules:" in page.content.decode()
    index = client.get(reverse("matching:index", args=[prog.slug])).content.decode()
    assert "Against the rules:" in index and WHY in index and manager.email in index


def test_the_pair_reads_no_internal_note_and_can_only_accept_or_decline(world, client):
    prog, manager, a, _b, x, _y = world
    lock_pair(prog, a, x, actor=manager, justification=WHY)
    publish_run(run_matching(prog, actor=manager).run, actor=manager)
    mentorship = Mentorship.objects.get(participants__person=a)
    client.force_login(a.user)
    page = client.get(reverse("mentorships:detail", args=[mentorship.pk])).content.decode()
    assert "Accept this proposal" in page and "Decline" in page
    assert "End this mentorship early" not in page
    for internal in ("locked by a program manager", "against the rules", WHY, "given priority"):
        assert internal not in page
    assert "covers Generative AI at work" in page
    with pytest.raises(lifecycle.MentorshipError, match="accept it or decline it"):
        lifecycle.end_mentorship(mentorship, a.user)


def test_the_api_gives_the_warning_to_managers_only(world, client):
    prog, manager, a, _b, x, _y = world
    lock_pair(prog, a, x, actor=manager, justification=WHY)
    publish_run(run_matching(prog, actor=manager).run, actor=manager)
    mentorship = Mentorship.objects.get(participants__person=a)

    def read(user) -> dict:
        _token, secret = create_token(user, "t")
        url = f"/api/v1/mentorships/{mentorship.pk}"
        return client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").json()

    as_manager, as_mentee = read(manager), read(a.user)
    assert as_manager["warnings"] and WHY in as_manager["warnings"][0]
    assert any("locked by a program manager" in r for r in as_manager["reasons"])
    assert as_mentee["warnings"] == []
    assert not any("locked" in r or WHY in r for r in as_mentee["reasons"])
    assert as_mentee["reasons"] and as_mentee["reasons"][0].startswith("covers ")


def test_a_swap_checks_both_new_pairs_and_is_kept_whole_when_overridden(world):
    prog, manager, a, b, x, y = world
    with pytest.raises(RuleBroken) as refused:
        swap_pairs(prog, (a, y), (b, x), actor=manager)
    assert "Anne and Xaver cannot be paired" in str(refused.value)
    assert "Bernd and Yvette cannot be paired" in str(refused.value)
    assert not PairDecision.objects.exists()
    swap_pairs(prog, (a, y), (b, x), actor=manager, justification=WHY)
    assert set(PairDecision.objects.values_list("mentee", "mentor", "justification")) == {
        (a.pk, x.pk, WHY),
        (b.pk, y.pk, WHY),
    }
    assert AuditEvent.objects.filter(action="matching.override").count() == 2


def test_the_pages_refuse_then_take_a_written_justification(world, client):
    prog, manager, a, b, x, y = world
    run = run_matching(prog, actor=manager).run
    first = Proposal.objects.get(run=run, members__person=a)
    other = Proposal.objects.get(run=run, members__person=b)
    client.force_login(manager)
    url = reverse("matching:swap", args=[prog.slug, run.pk])
    refused = client.post(url, {"proposal": first.pk, "other": other.pk})
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "This decision breaks the program" in page and "Override the rules" in page
    assert "no common language" in page and 'name="justification"' in page
    blank = client.post(url, {"proposal": first.pk, "other": other.pk, "justification": " "})
    assert blank.status_code == 409 and "This field is required." in blank.content.decode()
    assert not PairDecision.objects.exists()
    done = client.post(url, {"proposal": first.pk, "other": other.pk, "justification": WHY})
    assert done.status_code == 302
    assert PairDecision.objects.filter(justification=WHY).count() == 2


def test_a_lock_of_a_proposal_whose_rules_changed_since_the_run_is_refused(world, client):
    prog, manager, a, _b, _x, y = world
    run = run_matching(prog, actor=manager).run
    proposal = Proposal.objects.get(run=run, members__person=a)
    prog.enrolments.filter(person=y).update(languages=["it"])  # Yvette's details changed
    client.force_login(manager)
    url = reverse("matching:decide", args=[prog.slug, run.pk])
    data = {"proposal": proposal.pk, "mentor": y.pk, "kind": "lock"}
    refused = client.post(url, data)
    assert refused.status_code == 409 and "no common language" in refused.content.decode()
    assert client.post(url, {**data, "justification": WHY}).status_code == 302
    assert PairDecision.objects.get().override_rules[0]["code"] == "no_common_language"


def test_the_api_refuses_with_409_naming_the_rules_then_accepts_a_justification(world, client):
    prog, manager, a, b, x, y = world
    _token, secret = create_token(manager, "t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}", "content_type": "application/json"}
    url = f"/api/v1/programs/{prog.pk}/matching/decisions"
    body = {"mentee": a.employee_id, "mentor": x.employee_id, "kind": "lock"}
    refused = client.post(url, body, **auth)
    assert refused.status_code == 409
    assert refused.json()["errors"][0] == {
        "field": "justification",
        "message": f"{a.employee_id}/{x.employee_id}: no common language",
    }
    made = client.post(url, {**body, "justification": WHY}, **auth)
    assert made.status_code == 201
    assert made.json()["justification"] == WHY
    assert made.json()["override_rules"][0]["code"] == "no_common_language"
    swaps = f"/api/v1/programs/{prog.pk}/matching/swaps"
    pairs = {
        "first": {"mentee": b.employee_id, "mentor": x.employee_id},
        "second": {"mentee": a.employee_id, "mentor": y.employee_id},
    }
    assert client.post(swaps, pairs, **auth).status_code == 409
    swapped = client.post(swaps, {**pairs, "justification": WHY}, **auth)
    assert swapped.status_code == 201 and len(swapped.json()) == 2


def test_the_schedule_says_why_it_used_a_default_time(world, client):
    prog, manager, a, _b, x, _y = world
    lock_pair(prog, a, x, actor=manager, justification=WHY)
    publish_run(run_matching(prog, actor=manager).run, actor=manager)
    mentorship = Mentorship.objects.get(participants__person=a)
    for person in (a, x):
        me = mentorship.participants.get(person=person)
        lifecycle.accept_proposal(me, person.user)
    for person in (a, x):
        me = mentorship.participants.get(person=person)
        lifecycle.sign_charter(me, person.user)
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE
    meetings = list(mentorship.meetings.all())
    assert meetings and {m.fallback_reason for m in meetings} == {FallbackReason.OVERRIDE}
    client.force_login(a.user)
    page = client.get(reverse("mentorships:detail", args=[mentorship.pk])).content.decode()
    assert "Default time: their weekly availabilities have no common slot long enough" in page
    assert "paired them against" not in page
    mentorship.meetings.all().delete()
    out = io.StringIO()
    call_command("schedule", prog.slug, stdout=out)
    assert "a program manager paired them against that rule" in out.getvalue()
    assert MatchingRun.objects.filter(program=prog).exists()
