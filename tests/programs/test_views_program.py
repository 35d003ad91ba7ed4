"""The program page: counts, enrolments (paginated, filtered), status transitions."""

import pytest
from django.urls import reverse

from tandem.programs.models import Enrolment, Program
from tests import factories as f


@pytest.fixture
def hr(client, cast):
    client.force_login(cast.manager)
    return client


def _page(slug, **query):
    return reverse("programs:detail", args=[slug]), query


def test_it_shows_counts_and_enrolments(hr, cast):
    response = hr.get(reverse("programs:detail", args=[cast.program.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Léa Bernard" in body and "Jean Moreau" in body
    assert response.context["counts"]["mentor"] == 2
    assert response.context["counts"]["mentee"] == 1


def test_it_filters_by_role_status_and_search(hr, cast):
    url = reverse("programs:detail", args=[cast.program.slug])
    names = lambda r: [e.person.full_name for e in r.context["page_obj"]]  # noqa: E731
    assert names(hr.get(url, {"role": "mentee"})) == ["Jean Moreau"]
    assert names(hr.get(url, {"q": "inès"})) == ["Inès Garcia"]
    assert names(hr.get(url, {"status": "applied"})) == []


def test_it_paginates_fifty_enrolments_a_page(hr, cast):
    for k in range(60):
        f.enrol(f.person(f"Zed {k:02d}"), cast.program, Enrolment.Role.MENTEE)
    url = reverse("programs:detail", args=[cast.program.slug])
    first, second = hr.get(url), hr.get(url, {"page": 2, "role": "mentee"})
    assert len(first.context["page_obj"]) == 50
    assert len(second.context["page_obj"]) == 11
    assert "role=mentee&amp;page=1" in second.content.decode()


def test_it_moves_the_status_forward_with_checks(hr, cast, db):
    program = f.program("Fresh", status=Program.Status.DRAFT)
    program.managers.add(cast.manager)
    url = reverse("programs:status", args=[program.slug])
    hr.post(url, {"status": "recruiting"})
    program.refresh_from_db()
    assert program.status == "recruiting"
    response = hr.post(url, {"status": "matching"}, follow=True)
    program.refresh_from_db()
    assert program.status == "recruiting"
    assert "at least one accepted mentor" in response.content.decode()
    hr.post(url, {"status": "closed"})
    program.refresh_from_db()
    assert program.status == "recruiting"


def test_it_answers_a_forged_status_with_a_message(hr, cast):
    response = hr.post(
        reverse("programs:status", args=[cast.program.slug]), {"status": "bogus"}, follow=True
    )
    assert response.status_code == 200
    assert "Unknown status." in response.content.decode()


def test_it_lists_only_the_programs_one_manages(client, cast):
    f.program("Not mine", slug="not-mine")
    client.force_login(cast.manager)
    body = client.get(reverse("programs:list")).content.decode()
    assert cast.program.name in body and "Not mine" not in body
