"""Bad input never gets a 500: junk query strings and out-of-range ids on every page a manager
and the participants can reach, oversized uploads and request bodies. Each gets a page that
says what is wrong (a form error, a 400 page, a 404), and nothing is written."""

import io
import re
from collections import deque

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from tandem.accounts.tokens import create_token
from tandem.matching.services.run import run_matching
from tests.api.conftest import World
from tests.factories import START

JUNK = [
    "page=abc",
    "page=-1",
    "page=0",
    "page=99999999999999999999999999&upage=1e10",
    "upage=abc&scope=chain&scope=%ff",
    "topic=zz&level=99&evidence=-1&role=nobody&department=%00",
    "lang=zz",
    "language=../../etc",
    "q=%00%ff<script>",
    "status=bogus&kind=bogus&role=bogus&sort=-nope",
    "from=2026-13-45&to=yesterday&year=99999&month=0&week=-3",
    "format=exe&format=json",
    "program=abc&program=999999999999999999999&person=-1&topic=%27",
    "next=https://evil.example/",
    "a" * 3000 + "=1",
]
HREF = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/static/", "/accounts/logout", "/i18n/", "/admin/", "/oidc/")
WATCHED_APPS = ("people", "programs", "matching", "mentorships", "insights", "accounts")
HUGE_ID = "99999999999999999999"


@pytest.fixture
def pairs(cast):
    """The cast with two active pairs, so pair, meeting and goal pages exist."""
    with time_machine.travel(START, tick=False):
        world = World(cast)
        run_matching(cast.program, actor=cast.manager)  # a run page, with its links
        yield world


def reachable_pages(client, limit: int = 120) -> list[str]:
    """Every kind of page reachable by links from the home page, as the signed-in user sees
    them: one URL per shape (``/meetings/1/`` stands for ``/meetings/2/``)."""
    seen, shapes, queue = set(), set(), deque(["/", "/people/profile/"])
    pages = []
    while queue and len(seen) < limit:
        url = queue.popleft().replace("&amp;", "&")
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        shape = re.sub(r"\d+", "N", url)
        if shape not in shapes:
            shapes.add(shape)
            pages.append(url)
        queue.extend(HREF.findall(response.content.decode()))
    return pages


def with_junk(url: str, junk: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{junk}"


def counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for app in WATCHED_APPS
        for model in apps.get_app_config(app).get_models()
    }


@pytest.mark.parametrize("role", ["manager", "mentor", "mentee", "coach", "sponsor"])
def test_junk_query_strings_never_break_a_page(client, pairs, role):
    client.force_login(getattr(pairs.cast, role))
    pages = reachable_pages(client)
    assert len(pages) >= 4, pages
    failures = []
    for url in pages:
        for junk in JUNK:
            status = client.get(with_junk(url, junk)).status_code
            if status >= 500:
                failures.append((with_junk(url, junk)[:120], status))
    assert not failures, failures


@pytest.mark.parametrize("role", ["manager", "mentee"])
def test_out_of_range_ids_in_urls_are_not_found(client, pairs, role):
    client.force_login(getattr(pairs.cast, role))
    failures = []
    for url in reachable_pages(client):
        if not re.search(r"/\d+/", url):
            continue
        for bad in (HUGE_ID, "0"):
            mangled = re.sub(r"/\d+/", f"/{bad}/", url, count=1)
            status = client.get(mangled).status_code
            if status >= 500 or status == 200 and bad == HUGE_ID:
                failures.append((mangled, status))
    assert not failures, failures


def test_an_oversized_csv_upload_gets_a_form_error(client, cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # what TANDEM_MAX_UPLOAD_BYTES sets
    client.force_login(cast.manager)
    before = counts()
    big = io.BytesIO(b"employee_id,role,topics,capacity,languages,availability\n" * 40_000)
    big.name = "huge.csv"
    url = reverse("programs:import", args=[cast.program.slug])
    response = client.post(url, {"kind": "enrolments", "file": big})
    assert response.status_code == 400
    assert "larger than 2.0\xa0MB; split it" in response.content.decode()
    assert counts() == before


def test_an_oversized_form_body_gets_a_clear_400_page(client, cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(cast.mentee)
    response = client.post(reverse("people:profile-settings"), {"title": "x" * 20_000})
    assert response.status_code == 400
    page = response.content.decode()
    assert "too large" in page and "Tandem" in page


def test_too_many_form_fields_get_a_clear_400_page(client, cast):
    client.force_login(cast.mentee)
    body = "&".join(f"f{i}=1" for i in range(1500))
    response = client.post(
        reverse("people:profile-settings"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_an_oversized_api_body_gets_an_error_not_a_crash(client, cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    secret = create_token(cast.manager, "hr system")[1]
    response = client.post(
        "/api/v1/people",
        {"full_name": "x" * 20_000},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "The request body is too large (at most 9.8\xa0KB)."
