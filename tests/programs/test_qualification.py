"""A program's minimum evidence and evidence expiry: the engine's problem builder, the
matching's unmatched reasons, the program page's table and the profile all read evidence the
same way (expired evidence counts as self-declared)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.formats import date_format
from hypothesis import given
from hypothesis import strategies as st

from tandem.matching.build.problem import build_problem
from tandem.matching.services.run import run_matching
from tandem.people.models import Competence, Evidence
from tandem.people.services.provenance import add_months, cutoff, expires_on
from tandem.programs.models import Program
from tandem.programs.services.qualification import evidence_table, mentor_competences
from tests import factories as f
from tests.matching import helpers as h

TODAY = dt.date.today()


def _aged(person, slug, evidence, days):
    return f.competence(person, slug, 3, evidence, evidence_date=TODAY - dt.timedelta(days=days))


@pytest.mark.django_db
def test_the_unmatched_reason_names_the_evidence_level():
    prog = h.program(min_evidence=Evidence.ASSESSED)
    mentee = h.mentee(prog, "Leader")
    h.mentor(prog, "Endorsed only", skills=[("genai", 3, Evidence.ENDORSED)])
    outcome = run_matching(prog, dry_run=True)
    reasons = {u.person.person_id: u.reasons for u in outcome.unmatched}
    assert reasons[mentee.pk] == [
        "no mentor with assessed or better evidence in Generative AI at work"
    ]


@pytest.mark.django_db
def test_expired_evidence_counts_as_self_declared_for_the_engine():
    prog = h.program(min_evidence=Evidence.ENDORSED, evidence_months=24)
    mentee = h.mentee(prog, "Leader")
    old = h.mentor(prog, "Old endorsement", skills=[])
    _aged(old, "genai", Evidence.ENDORSED, days=800)
    fresh = h.mentor(prog, "Fresh assessment", skills=[])
    _aged(fresh, "genai", Evidence.ASSESSED, days=30)
    built = build_problem(prog)
    assert built.problem.comp_evidence.tolist() == [Evidence.SELF, Evidence.ASSESSED]
    assert built.snapshot["evidence_months"] == 24
    (proposal,) = run_matching(prog, dry_run=True).proposals
    assert [m.person_id for m in proposal.mentors] == [fresh.pk]
    assert [m.person_id for m in proposal.mentees] == [mentee.pk]
    prog.evidence_months = None  # no expiry: the old endorsement counts again
    prog.save()
    assert build_problem(prog).problem.comp_evidence.tolist() == [1, 2]


DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2060, 12, 31))


@given(given_on=DAYS, today=DAYS, months=st.integers(min_value=1, max_value=240))
def test_the_engines_cutoff_and_the_profiles_expiry_agree_to_the_day(given_on, today, months):
    """The engine keeps evidence given after ``cutoff``; the pages say "expired" once
    ``expires_on`` is today or past: the same verdict on every day, short months included."""
    competence = Competence(evidence=Evidence.ENDORSED, evidence_date=given_on)
    expired_on_the_page = expires_on(competence, months) <= today
    assert expired_on_the_page == (given_on <= cutoff(months, today))
    assert add_months(cutoff(months, today), months) <= today


@pytest.mark.django_db
def test_evidence_stops_counting_on_the_day_the_profile_says_it_expired():
    prog = h.program(min_evidence=Evidence.ENDORSED, evidence_months=1)
    mentor = h.mentor(prog, "Endorsed on January 31st", skills=[])
    f.competence(mentor, "genai", 3, Evidence.ENDORSED, evidence_date=dt.date(2027, 1, 31))
    competence = mentor.competences.get()
    assert expires_on(competence, 1) == dt.date(2027, 2, 28)
    counted = [row[3] for row in mentor_competences(prog, today=dt.date(2027, 2, 27))]
    assert counted == [Evidence.ENDORSED]  # the day before: it still counts
    counted = [row[3] for row in mentor_competences(prog, today=dt.date(2027, 2, 28))]
    assert counted == [Evidence.SELF]  # the day the profile says "Expired on February 28"


@pytest.mark.django_db
def test_an_undated_older_evidence_has_expired_under_an_expiry():
    prog = h.program(evidence_months=12)
    mentor = h.mentor(prog, "Before provenance", skills=[])
    f.competence(mentor, "genai", 3, 2, source="legacy", source_note="", evidence_date=None)
    assert build_problem(prog).problem.comp_evidence.tolist() == [Evidence.SELF]


@pytest.mark.django_db
def test_the_table_counts_mentors_per_topic_at_each_level_or_better():
    prog = h.program(min_evidence=Evidence.ENDORSED, evidence_months=12, require_training=False)
    h.mentor(prog, skills=[("genai", 3, 0), ("cyber", 2, 3)])
    h.mentor(prog, skills=[("genai", 3, 2)])
    expired = h.mentor(prog, skills=[])
    _aged(expired, "genai", Evidence.CERTIFIED, days=400)
    h.mentor(prog, skills=[("genai", 4, 3)], enrol={"status": "applied"})  # not accepted
    table = evidence_table(prog)
    rows = {row.topic.slug: row for row in table.rows}
    assert rows["genai"].at_least == [3, 1, 1, 0]
    assert rows["cyber"].at_least == [1, 1, 1, 1]
    assert (rows["genai"].at_minimum, rows["genai"].trained) == (1, 1)


def test_the_program_page_shows_the_cost_of_the_minimum(client, cast):
    cast.program.min_evidence = Evidence.CERTIFIED
    cast.program.save()
    client.force_login(cast.manager)
    page = client.get(reverse("programs:detail", args=[cast.program.slug])).content.decode()
    assert "Mentors who qualify, by evidence" in page
    assert "This program requires “certified” or better" in page
    assert "certified or better" in page
    for row in evidence_table(cast.program).rows:  # the page shows the service's figures
        current = ' class="current"'
        cells = "".join(
            f"<td{current if level == Evidence.CERTIFIED else ''}>{n}</td>"
            for level, n in enumerate(row.at_least)
        )
        assert f'<th scope="row">{row.topic.name}</th>\n        {cells}' in page


def test_a_new_program_defaults_to_endorsed_and_an_old_one_keeps_its_level(db):
    from tandem.programs.services.programs import create_program

    assert Program._meta.get_field("min_evidence").default == Evidence.ENDORSED
    new = create_program("New cohort", format="one-to-one", start="2027-01-04", end="2027-06-30")
    assert new.min_evidence == Evidence.ENDORSED
    old = f.program("Before the setting", slug="old", min_evidence=Evidence.SELF)
    old.name = "Renamed"
    old.save()
    old.refresh_from_db()
    assert old.min_evidence == Evidence.SELF


def test_the_profile_says_when_evidence_expires_in_each_program(client, cast):
    cast.program.evidence_months = 24
    cast.program.save()
    other = f.program("Short memory", slug="short", evidence_months=6)
    f.enrol(cast.mentor.person, other, "mentor")
    competence = cast.mentor.person.competences.get(topic__slug="genai")
    competence.evidence_date = dt.date(2025, 3, 10)
    competence.save()
    client.force_login(cast.mentor)
    page = client.get(reverse("people:profile")).content.decode()
    until, expired = (
        date_format(d, "DATE_FORMAT") for d in (dt.date(2027, 3, 10), dt.date(2025, 9, 10))
    )
    assert f"Counts in GenAI for leaders until {until}." in page
    assert f"Expired on {expired} for Short memory." in page
