"""The home page and header lead each role to its pages: managers to their programs (and HR
program managers to "New program"), coaches to the coach page; a mentee sees none of these."""

import pytest
from django.urls import reverse

from tandem.web.templatetags.tandem_web import nav_roles
from tests.mentorships.views_helpers import sign_in


def _home(client, user) -> str:
    sign_in(client, user)
    return client.get("/").content.decode()


def _href(name, *args) -> str:
    return f'href="{reverse(name, args=args)}"'


def test_it_links_each_managed_program_and_the_new_program_page(client, cast):
    page = _home(client, cast.manager)
    assert _href("programs:detail", cast.program.slug) in page
    assert _href("programs:new") in page
    assert _href("programs:list") in page


def test_it_offers_new_program_to_hr_managers_only(client, cast):
    cast.manager.is_program_manager = False
    cast.manager.save()
    page = _home(client, cast.manager)
    assert _href("programs:detail", cast.program.slug) in page
    assert _href("programs:new") not in page


def test_it_links_the_coach_page_for_a_coach(client, cast):
    page = _home(client, cast.coach)
    assert _href("insights:coach") in page
    assert _href("programs:list") not in page


@pytest.mark.parametrize("who", ["mentee", "mentor", "sponsor", "outsider"])
def test_it_shows_no_manager_or_coach_links_to_others(client, cast, who):
    page = _home(client, getattr(cast, who))
    for name in ("programs:list", "programs:new", "insights:coach"):
        assert _href(name) not in page, name
    assert _href("programs:detail", cast.program.slug) not in page


def test_it_shows_the_role_links_on_other_pages(client, cast):
    sign_in(client, cast.manager)
    url = reverse("people:profile")
    assert _href("programs:list") in client.get(url).content.decode()
    sign_in(client, cast.mentee)
    assert _href("programs:list") not in client.get(url).content.decode()


def test_it_reads_the_roles_with_one_query_per_request(cast, rf, django_assert_num_queries):
    request = rf.get("/")
    request.user = cast.coach
    with django_assert_num_queries(1):
        first = nav_roles({"request": request, "user": cast.coach})
        again = nav_roles({"request": request, "user": cast.coach})
    assert first == again == {"manages": False, "coaches": True, "sponsors": False}
