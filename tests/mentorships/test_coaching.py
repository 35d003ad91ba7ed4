"""Whom a coach supervises: the pairs of the programs they coach, or of the enrolments they
coach, and nothing else (insights' pages and permission helpers read this scope)."""

from tandem.mentorships.services import coaching
from tandem.people.models import Person
from tests import factories as f


def _ids(user) -> list[int]:
    return list(coaching.supervised(user).values_list("pk", flat=True))


def test_it_lists_the_pairs_a_coach_supervises(active_pair, cast):
    assert _ids(cast.coach) == [active_pair.pk]
    assert _ids(cast.manager) == [active_pair.pk]


def test_it_shows_nothing_to_an_unrelated_coach(active_pair, cast):
    stranger = f.person("Another Coach", with_user=True)
    assert _ids(stranger.user) == []
    assert _ids(cast.outsider) == []


def test_it_follows_the_enrolment_coach(active_pair, cast):
    cast.program.coaches.clear()
    assert len(_ids(cast.coach)) == 1
    Person.objects.get(user=cast.coach).coached_enrolments.update(coach=None)
    assert _ids(cast.coach) == []
