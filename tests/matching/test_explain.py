"""The wording of reasons: plain English from structured reasons, through gettext."""

import pytest
from django.utils import translation

from tandem.matching.explain import words
from tandem.matching.services.run import run_matching
from tandem.people.models import Organization
from tests import factories as f
from tests.matching import helpers as h


@pytest.fixture
def pair(db):
    prog = h.program(meeting_minutes=60)
    h.mentee(
        prog,
        "Anne Senior",
        department="Finance",
        languages=["fr"],
        timezone="Europe/Paris",
        enrol={"availability": ["thu 14:00-16:00"]},
    )
    h.mentor(
        prog,
        "Bob Junior",
        department="Digital",
        languages=["fr", "en"],
        timezone="Europe/Paris",
        enrol={"availability": ["thu 13:00-17:00", "fri 09:00-10:00"]},
    )
    return prog


def test_it_says_why_a_pair_was_proposed(pair):
    (proposal,) = run_matching(pair, dry_run=True).proposals
    assert proposal.reasons == [
        "covers Generative AI at work (high priority) at level 3, assessed",
        "speaks French",
        "overlapping Thursday afternoons",
        "other department",
    ]


def test_it_words_everything_through_gettext(pair, monkeypatch):
    monkeypatch.setattr(words, "gettext", lambda s: f"«{s}»")
    (proposal,) = run_matching(pair, dry_run=True).proposals
    assert proposal.reasons[0].startswith("«covers Generative AI at work")
    assert "«other department»" in proposal.reasons


def test_it_says_no_qualified_mentor_speaks_the_mentees_language(db):
    prog = h.program()
    h.mentee(prog, "Greta", needs=[("cyber", 2)], languages=["de"])
    h.mentor(prog, "Luc", skills=[("cyber", 3, 2)], languages=["fr"])
    outcome = run_matching(prog, dry_run=True)
    by_role = {u.role: u.reasons for u in outcome.unmatched}
    assert by_role["mentee"] == ["no qualified mentor for Cybersecurity reflexes who speaks German"]
    assert by_role["mentor"] == ["no mentee who needs Cybersecurity reflexes speaks French"]


def test_it_says_every_qualified_mentor_is_too_close_in_the_reporting_line(db):
    prog = h.program()
    boss = h.mentee(prog, "Boss")
    h.mentor(prog, "Report", manager=boss)
    outcome = run_matching(prog, dry_run=True)
    mentee = next(u for u in outcome.unmatched if u.role == "mentee")
    assert mentee.reasons == [
        "every qualified mentor is in the same organisation and too close in its reporting line"
    ]
    assert mentee.code == "reporting_line"


def test_it_names_missing_training_and_missing_topics(db):
    prog = h.program()
    h.mentee(prog, needs=[("genai", 2)])
    h.mentor(prog, "Nobody needs me", skills=[("cyber", 4, 3)])
    (mentee, mentor) = sorted(run_matching(prog, dry_run=True).unmatched, key=lambda u: u.role)
    assert mentee.reasons == ["no qualified mentor for Generative AI at work"]
    assert mentor.reasons == ["no mentee needs Cybersecurity reflexes"]


def test_it_says_a_partner_mentor_is_from_another_organisation(db):
    prog = h.program()
    h.mentee(prog)
    h.mentor(prog, org=f.organization("Université", kind=Organization.Kind.PARTNER))
    (proposal,) = run_matching(prog, dry_run=True).proposals
    assert "other organisation" in proposal.reasons


def test_it_says_overlapping_times_in_the_mentees_time_zone(db):
    prog = h.program(meeting_minutes=30)
    h.mentee(prog, timezone="America/Toronto", enrol={"availability": ["tue 08:00-09:00"]})
    h.mentor(prog, timezone="Europe/Paris", enrol={"availability": ["tue 14:00-15:00"]})
    (proposal,) = run_matching(prog, dry_run=True).proposals
    assert "overlapping Tuesday mornings" in proposal.reasons


def test_it_names_topics_in_french_when_french_is_active(pair):
    with translation.override("fr"):
        (proposal,) = run_matching(pair, dry_run=True).proposals
    assert proposal.reasons[0].startswith("couvre l'IA générative au travail (")


def test_french_keeps_names_lower_case_inside_a_sentence_but_not_acronyms():
    in_sentence = words.in_sentence
    assert in_sentence("Français") == "français"
    assert in_sentence("Les réflexes de cybersécurité") == "les réflexes de cybersécurité"
    assert in_sentence("RSE et développement durable") == "RSE et développement durable"
    assert in_sentence("L'IA générative") == "l'IA générative"
