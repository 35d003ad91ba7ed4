"""The manager's pages read a fixed number of queries, however many participants."""

import pytest
from django.urls import reverse

from tandem.matching.models import MatchingRun
from tandem.programs.models import Program
from tests import factories as f
from tests.matching import helpers as h


def _program(n: int):
    manager = f.person(f"HR {n}", with_user=True).user
    prog = h.program(f"size-{n}", status=Program.Status.MATCHING)
    prog.managers.add(manager)
    for k in range(n // 2):
        h.mentee(prog, f"Mentee {n}-{k}", department="Finance")
        h.mentor(prog, f"Mentor {n}-{k}", department="Digital")
    h.mentee(prog, f"Lonely {n}", needs=(("cyber", 2),))
    return prog, manager


def _count(client, django_assert_max_num_queries, url, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["programs:detail", "matching:index", "matching:run"])
def test_it_keeps_the_queries_constant_as_participants_grow(
    client, db, django_assert_max_num_queries, page
):
    counts = []
    for n in (10, 60):
        prog, manager = _program(n)
        client.force_login(manager)
        client.post(reverse("matching:start", args=[prog.slug]))
        run = MatchingRun.objects.filter(program=prog).latest("id")
        args = [prog.slug, run.pk] if page == "matching:run" else [prog.slug]
        counts.append(_count(client, django_assert_max_num_queries, reverse(page, args=args), 25))
    assert counts[0] == counts[1]
