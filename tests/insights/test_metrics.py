"""Every metric of a hand-built program against values worked out by hand.

Skill gain in genai, five mentees: before 1 2 2 1 3, after 3 3 2 2 4, so the differences are
2 1 0 1 1: mean 1.0; deviations 1 0 -1 0 0, sum of squares 2, variance 2/4 = 0.5, sd 0.707107;
d_z = 1.0 / 0.707107 = 1.414214; t(0.975, 4) = 2.776445, standard error 0.707107/√5 =
0.316228, half-width 0.877989: 95 % CI [0.122011, 1.877989].
"""

import datetime as dt

import pytest

from tandem.insights.services import metrics, stats
from tests.insights.conftest import answer_mentees


@pytest.fixture
def m(built, cast):
    answer_mentees(built, 5)
    return metrics.for_program(cast.program)


def test_it_computes_the_paired_statistics_by_hand():
    s = stats.paired([1, 2, 2, 1, 3], [3, 3, 2, 2, 4])
    assert s.mean_before == pytest.approx(1.8)
    assert s.mean_after == pytest.approx(2.8)
    assert s.mean_gain == pytest.approx(1.0)
    assert s.sd_gain == pytest.approx(0.707107, abs=1e-6)
    assert s.d_z == pytest.approx(1.414214, abs=1e-6)
    assert s.ci_low == pytest.approx(0.122011, abs=1e-6)
    assert s.ci_high == pytest.approx(1.877989, abs=1e-6)


def test_it_leaves_the_spread_undefined_for_a_single_pair_or_no_spread():
    assert stats.paired([1], [3]).d_z is None
    assert stats.paired([1, 2], [2, 3]).d_z is None  # every gain is 1: sd 0


def test_it_counts_participation(m):
    p = m.participation
    assert p["enrolled"].shown == 13  # the cast's three plus ten new people
    assert p["matched"].shown == 10
    assert p["active"].shown == 3  # six people
    assert p["completed"].hidden  # two mentorships, four people
    assert str(p["completed"]) == "fewer than 5"
    assert p["ended"].hidden


def test_it_counts_meetings(m):
    assert m.meetings["held"].shown == 15
    assert m.meetings["scheduled"].shown == 25
    assert m.meetings["held_share"].shown == pytest.approx(60.0)
    months = {d: f.value for d, f in m.held_by_month}
    # held on days 10, 40 and 70 after 12 January: 22 Jan, 21 Feb, 23 Mar
    assert months == {dt.date(2026, 1, 1): 5, dt.date(2026, 2, 1): 5, dt.date(2026, 3, 1): 5}


def test_it_counts_the_mentorships_started_by_the_end_of_every_month_of_meetings(m):
    # every pair started on 12 January; meetings were held until March
    started = {d: f.value for d, f in m.started_by_month}
    assert started == {dt.date(2026, 1, 1): 5, dt.date(2026, 2, 1): 5, dt.date(2026, 3, 1): 5}


def test_it_measures_reciprocity_without_reading_the_logs(m):
    assert m.reciprocity.shown == pytest.approx(60.0)


def test_it_computes_the_skill_gain_with_its_interval(m):
    (gain,) = [g for g in m.outcomes.gains if g.topic == "Generative AI at work"]
    assert gain.n == 5
    assert gain.before.shown == pytest.approx(1.8)
    assert gain.after.shown == pytest.approx(2.8)
    assert gain.gain.shown == pytest.approx(1.0)
    assert gain.d_z.shown == pytest.approx(1.414214, abs=1e-6)
    assert gain.ci_low.shown == pytest.approx(0.122011, abs=1e-6)
    assert gain.ci_high.shown == pytest.approx(1.877989, abs=1e-6)
    assert str(gain.gain) == "+1.00"
    assert str(gain.ci_low) == "+0.12"


def test_it_computes_satisfaction_and_nps_by_role(m):
    final = {(r["role"], r["moment"]): r["satisfaction"] for r in m.outcomes.satisfaction}
    assert final[("Mentee", "End of the mentorship")].shown == pytest.approx(4.0)
    assert final[("Mentor", "End of the mentorship")].shown == pytest.approx(4.2)
    assert final[("Everyone", "End of the mentorship")].shown == pytest.approx(4.1)
    # mentees 10 9 8 6 3: 2 promoters, 2 detractors -> 0; mentors 10 10 9 7 5 -> +40
    assert m.outcomes.nps["Mentee"].shown == pytest.approx(0.0)
    assert m.outcomes.nps["Mentor"].shown == pytest.approx(40.0)
    assert m.outcomes.nps["Everyone"].shown == pytest.approx(20.0)
    # answers 5 4 4 2 5 and 5 5 4 4 3: only the 5s (four) and 4s (four) are under 5 people
    assert [f.value for _v, f in m.outcomes.distribution] == [0, 1, 1, 4, 4]
    assert all(f.hidden for _v, f in m.outcomes.distribution)


def test_it_measures_tool_adoption_and_perceptions(m):
    # everyone below weekly at the start; 2 3 _ 2 3 at the end: 4 of 5 adopted
    assert m.outcomes.adoption.shown == pytest.approx(80.0)
    assert dict(m.outcomes.adoption_by_topic)["Generative AI at work"].shown == 80.0
    (row,) = [r for r in m.outcomes.perceptions if r["role"] == "Mentee"]
    assert row["before"].shown == pytest.approx(2.8)
    assert row["after"].shown == pytest.approx(4.0)


def test_it_compares_the_cohorts_of_a_renewal_chain(m, cast):
    from tests import factories as f

    renewal = f.program("GenAI 2027", start=dt.date(2027, 1, 4), renews=cast.program)
    assert [p.pk for p in metrics.chain(renewal)] == [cast.program.pk, renewal.pk]
    rows = dict(metrics.cohort_comparison(renewal))
    assert rows[cast.program]["held"].shown == 15
    assert rows[renewal]["held"].hidden
    across = metrics.across_chain(renewal)
    assert across.meetings["held"].shown == 15


def test_the_comparison_reuses_computed_cohorts_with_the_same_figures(m, cast):
    from tests import factories as f

    renewal = f.program("GenAI 2027", start=dt.date(2027, 1, 4), renews=cast.program)
    cohorts = metrics.chain(renewal)
    known = {p.pk: metrics.for_program(p) for p in cohorts}
    reused = metrics.cohort_comparison(renewal, cohorts, known)
    assert reused == metrics.cohort_comparison(renewal)
    figures = dict(reused)[cast.program]
    assert figures["satisfaction"].n > 0 and figures["adoption"].shown == pytest.approx(80.0)
