"""Building the engine's problem from a program: time zones, languages, tree, training,
renewals, capacities and the manager's decisions."""

import datetime as dt

import numpy as np
import pytest

from tandem.matching.build.availability import masks
from tandem.matching.build.problem import build_problem
from tandem.matching.errors import MatchingError
from tandem.matching.explain.matched import unpack
from tandem.matching.models import PairDecision
from tandem.matching.services.publish import publish_run
from tandem.matching.services.run import run_matching
from tandem.people.models import Organization, Person
from tandem.people.services.tree import renumber
from tandem.programs.models import Program, TrainingCompletion, TrainingModule
from tests import factories as f
from tests.matching import helpers as h


def _published_last_year(program, clock) -> None:
    """Publish the earlier cohort while it ran (an ended program cannot be published)."""
    clock.move_to(dt.datetime(2025, 1, 7, 9, 0, tzinfo=dt.UTC))
    publish_run(run_matching(program).run)
    clock.move_to(dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC))


def _slots(mask_row) -> list[int]:
    return np.flatnonzero(unpack(mask_row.reshape(1, -1))[0]).tolist()


def test_it_puts_a_paris_morning_and_a_toronto_night_on_the_same_utc_slots():
    (paris, toronto, paris_late), given = masks(
        [
            (["mon 09:00-10:00"], "Europe/Paris", "a"),
            (["mon 03:00-04:00"], "America/Toronto", "b"),
            (["mon 10:00-11:00"], "Europe/Paris", "c"),
        ],
        h.WINTER,
    )
    assert _slots(paris) == _slots(toronto) == [16, 17]  # Monday 08:00-09:00 UTC
    assert not set(_slots(paris_late)) & set(_slots(toronto))
    assert given.all()


def test_it_uses_the_offset_at_the_program_start():
    (winter,), _ = masks([(["mon 09:00-10:00"], "Europe/Paris", "a")], h.WINTER)
    (summer,), _ = masks([(["mon 09:00-10:00"], "Europe/Paris", "a")], h.SUMMER)
    assert _slots(winter) == [16, 17]
    assert _slots(summer) == [14, 15]


def test_it_wraps_slots_around_the_week_and_reads_day_ranges():
    (mask,), _ = masks([(["mon 00:30-01:30"], "Europe/Paris", "a")], h.WINTER)
    assert _slots(mask) == [0, 335]  # Sunday 23:30 UTC to Monday 00:30 UTC
    (week,), _ = masks([(["mon-fri 12:00-13:00"], "UTC", "a")], h.WINTER)
    assert _slots(week) == [d * 48 + s for d in range(5) for s in (24, 25)]
    (night,), _ = masks([(["sun 23:00-01:00"], "UTC", "a")], h.WINTER)
    assert _slots(night) == [0, 1, 334, 335]  # Sunday night runs into Monday


def test_it_names_the_person_whose_availability_cannot_be_read():
    with pytest.raises(MatchingError, match="E777.*someday 9-10"):
        masks([(["someday 9-10"], "Europe/Paris", "E777")], h.WINTER)


@pytest.mark.django_db
def test_it_matches_a_paris_mentee_with_a_toronto_mentor_at_the_right_hour():
    prog = h.program(meeting_minutes=60)
    a = h.mentee(prog, timezone="Europe/Paris", enrol={"availability": ["mon 09:00-10:00"]})
    h.mentor(prog, timezone="America/Toronto", enrol={"availability": ["mon 09:00-10:00"]})
    ok = h.mentor(prog, timezone="America/Toronto", enrol={"availability": ["mon 03:00-04:00"]})
    outcome = run_matching(prog, dry_run=True)
    assert [(p.mentees[0].person_id, p.mentors[0].person_id) for p in outcome.proposals] == [
        (a.pk, ok.pk)
    ]


@pytest.mark.django_db
def test_it_turns_languages_into_shared_bits():
    prog = h.program()
    h.mentee(prog, languages=["de"])
    h.mentor(prog, languages=["fr", "en-GB"])
    h.mentor(prog, languages=["DE", "en"])
    built = build_problem(prog)
    assert built.languages == ["de", "en", "fr"]
    p = built.problem
    assert p.mentee_lang[0] & p.mentor_lang[0] == 0
    assert p.mentee_lang[0] & p.mentor_lang[1] != 0


@pytest.mark.django_db
def test_it_numbers_each_organisations_reporting_tree_on_its_own():
    prog = h.program()
    ceo = h.mentee(prog, "CEO")
    vp = f.person("VP", manager=ceo)
    director = f.person("Director", manager=vp)
    junior = h.mentor(prog, "Junior", manager=director)
    assert junior.manager == director
    uni = f.organization("University", kind=Organization.Kind.PARTNER)
    dean = h.mentee(prog, "Dean", org=uni)
    student = h.mentor(prog, "Student", org=uni, manager=dean)
    lent = h.mentor(prog, "Lent to the university", org=uni, manager=ceo)
    p = build_problem(prog).problem
    ceo_i, dean_i = 0, 1
    junior_j, student_j, lent_j = 0, 1, 2
    assert p.mentee_pre[ceo_i] < p.mentor_pre[junior_j] < p.mentor_post[junior_j]
    assert p.mentor_post[junior_j] < p.mentee_post[ceo_i]
    assert p.mentor_depth[junior_j] - p.mentee_depth[ceo_i] == 3
    assert p.mentor_parent[junior_j] == director.pk
    # the partner's own tree: the dean above the student, under the university's id
    assert p.mentee_tree[dean_i] == p.mentor_tree[student_j] == uni.pk != p.mentee_tree[ceo_i]
    assert p.mentee_pre[dean_i] < p.mentor_pre[student_j] < p.mentor_post[student_j]
    assert p.mentor_post[student_j] < p.mentee_post[dean_i]
    assert p.mentor_parent[student_j] == dean.pk
    # a manager in another organisation is no parent: a top of the university's tree
    assert (p.mentor_parent[lent_j], p.mentor_depth[lent_j]) == (-1, 0)
    assert student.organization == lent.organization == uni


@pytest.mark.django_db
def test_it_marks_mentors_trained_only_with_every_required_module():
    prog = h.program(require_training=True)
    modules = list(TrainingModule.objects.all()[:2])
    prog.required_modules.set(modules)
    h.mentee(prog)
    done = h.mentor(prog)
    half = h.mentor(prog)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    clicked = h.mentor(prog)  # completed before modules had checks: not trained
    for m in modules:
        f.passed(done, m, at=now)
        TrainingCompletion.objects.create(
            person=clicked, module=m, completed_at=now, method="legacy"
        )
    f.passed(half, modules[0], at=now)
    p = build_problem(prog).problem
    assert p.require_training
    assert p.mentor_trained.tolist() == [True, False, False]


@pytest.mark.django_db
def test_it_reads_earlier_pairs_from_the_renewed_cohorts_published_run(early_in_the_programs):
    old = h.program("cohort-2025", start=dt.date(2025, 1, 6))
    a = h.mentee(old)
    x = h.mentor(old)
    _published_last_year(old, early_in_the_programs)
    new = h.program("cohort-2026", renews=old)
    f.enrol(a, new, "mentee")
    f.enrol(x, new, "mentor")
    y = h.mentor(new)
    p = build_problem(new).problem
    assert p.earlier_pairs.tolist() == [[0, 0]]
    outcome = run_matching(new, dry_run=True)
    assert [m.person_id for m in outcome.proposals[0].mentors] == [y.pk]


@pytest.mark.django_db
def test_it_sets_capacities_from_the_format():
    prog = h.program(format=Program.Format.CIRCLE, circle_size=3)
    h.mentee(prog)
    h.mentor(prog, enrol={"capacity": 2})
    p = build_problem(prog).problem
    assert p.circle and p.mentee_capacity.tolist() == [3] and p.mentor_capacity.tolist() == [2]
    one = h.program("pairs")
    h.mentor(one, enrol={"capacity": 9})
    assert build_problem(one).problem.mentor_capacity.tolist() == [3]


@pytest.mark.django_db
def test_it_reads_decisions_exclusions_and_preferences():
    prog = h.program()
    a = h.mentee(prog)
    x, y, z = h.mentor(prog), h.mentor(prog), h.mentor(prog)
    PairDecision.objects.create(program=prog, mentee=a, mentor=x, kind="lock")
    PairDecision.objects.create(program=prog, mentee=a, mentor=y, kind="forbid")
    prog.enrolments.get(person=z).excluded.add(a)
    prog.enrolments.get(person=a).preferred.add(y)
    p = build_problem(prog).problem
    assert p.locked_pairs.tolist() == [[0, 0]]
    assert p.forbidden_pairs.tolist() == [[0, 1], [0, 2]]
    assert p.preferred_pairs.tolist() == [[0, 1]]


@pytest.mark.django_db
def test_it_never_pairs_someone_with_themselves():
    prog = h.program()
    both = h.mentee(prog, manager=None)
    f.competence(both, "cyber", 3, 2)
    f.enrol(both, prog, "mentor")
    p = build_problem(prog).problem
    assert p.forbidden_pairs.tolist() == [[0, 0]]


@pytest.mark.django_db
def test_it_gives_priority_to_mentees_left_unmatched_by_the_last_cohort(early_in_the_programs):
    old = h.program("cohort-2025", start=dt.date(2025, 1, 6))
    left = h.mentee(old, needs=[("cyber", 2)])
    _published_last_year(old, early_in_the_programs)
    new = h.program("cohort-2026", renews=old)
    f.enrol(left, new, "mentee")
    h.mentee(new)
    assert build_problem(new).problem.mentee_unmatched_before.tolist() == [True, False]


@pytest.mark.django_db
def test_it_uses_the_stored_tree_numbers_and_ignores_stale_ones():
    prog = h.program()
    boss = h.mentee(prog, "Boss")
    h.mentor(prog, "Report", manager=boss)
    renumber()
    stored = Person.objects.get(pk=boss.pk)
    p = build_problem(prog).problem
    assert (p.mentee_pre[0], p.mentee_post[0]) == (stored.tree_pre, stored.tree_post)
    assert p.mentee_pre[0] < p.mentor_pre[0] and p.mentor_post[0] < p.mentee_post[0]
    Person.objects.update(tree_pre=7, tree_post=9, tree_depth=0)  # a stale numbering
    p = build_problem(prog).problem
    assert p.mentee_pre[0] < p.mentor_pre[0] and p.mentor_post[0] < p.mentee_post[0]
    assert p.mentor_depth[0] - p.mentee_depth[0] == 1
