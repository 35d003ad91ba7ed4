"""The signed-in person and the header's roles come in one query (``web.signed_in``): each
role link shows for whom it should, an account without a person still gets its links, and
``user.person`` asks nothing more on the page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.accounts.models import User


def _links(client, user, url: str = "/mentorships/calendar/") -> tuple[str, list[str]]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    nav = page[page.index("<nav") : page.index("</nav>")]
    return nav, [q["sql"] for q in captured.captured_queries]


def test_each_role_link_shows_for_whom_it_should_with_the_person_in_the_same_query(client, cast):
    expected = {
        cast.mentor: set(),
        cast.manager: {"/programs/"},
        cast.coach: {"/coach/"},
        cast.sponsor: {"/sponsor/"},
    }
    for user, links in expected.items():
        nav, queries = _links(client, user)
        shown = {link for link in ("/programs/", "/coach/", "/sponsor/") if f'href="{link}"' in nav}
        assert shown == links, user
        assert len([q for q in queries if q.startswith('SELECT "people_person"')]) == 1
        assert not any(q.startswith("SELECT EXISTS(SELECT 1 FROM") for q in queries)
        client.logout()


def test_an_account_without_a_person_still_gets_its_links(client, cast):
    admin = User.objects.create_superuser("root@example.com", "x" * 20)
    nav, queries = _links(client, admin, "/programs/")
    assert 'href="/programs/"' in nav  # a superuser manages
    assert any(q.startswith("SELECT EXISTS(SELECT 1 FROM") for q in queries)  # read apart
