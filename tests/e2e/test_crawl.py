"""A crawl of every page each demo role reaches by clicking links from its home page: every
link answers (no 404, no 500, no sign-in page), and each kind of page — one visit per URL
pattern (the route and the query's keys), the first role to reach it — has no serious or
critical axe-core violation and fits the screen, at 1366 px and at 375 px, where its controls
(buttons, fields, the header's menu and links, pagers) are at least 44 px high.

Forms are not submitted (the role walks do that); files (CSV, PDF, calendars) are fetched,
not rendered.
"""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from tandem.demo import builder
from tests.e2e.conftest import AXE, BLOCKING, PHONE

pytestmark = pytest.mark.e2e

ROLES = ("Program manager", "Coach", "Mentor", "Mentee", "Sponsor")
WIDE = {"width": 1366, "height": 900}
NOT_PAGES = (".csv", ".pdf", ".ics")  # fetched, not rendered
LEAVE = ("/admin/", "/api/", "/static/", "/i18n/", "/accounts/logout/")


def _pattern(url: str) -> str:
    parts = urlsplit(url)
    try:
        route = resolve(parts.path).route
    except Resolver404:
        route = parts.path
    keys = sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair})
    return route + ("?" + "&".join(keys) if keys else "")


def _links(page) -> set[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    origin = urlsplit(page.url)
    found = set()
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc != origin.netloc or parts.scheme not in ("http", "https"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(LEAVE):
            found.add(path)
    return found


def _blocking(page) -> list:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run()")
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


# Controls a finger taps (text links inside sentences and tables are exempt, as in WCAG).
TAPPED = (
    "button, select, textarea, input:not([type=hidden]):not([type=checkbox]):not([type=radio]),"
    " .site-nav a, .pager a, a.button, summary, .task-links a, .dashboard-actions a,"
    " .health-count, a.figure-card, .picker-link"
)
SMALL_TARGETS = f"""() => [...document.querySelectorAll({TAPPED!r})]
  .filter(e => {{ const r = e.getBoundingClientRect();
                 return r.width && r.height && r.height < 43.5; }})
  .map(e => e.outerHTML.slice(0, 80))"""


def _check_page(page, url: str, problems: list) -> None:
    for size in (WIDE, PHONE):
        page.set_viewport_size(size)
        if blocking := _blocking(page):
            problems.append((url, size["width"], "axe", blocking))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > size["width"]:
            problems.append((url, size["width"], "overflow", width))
    if page.is_visible(".menu-button"):  # the header's menu, open, at 375 px
        page.click(".menu-button")
    if small := page.evaluate(SMALL_TARGETS):
        problems.append((url, PHONE["width"], "tap targets under 44 px", small[:5]))
    page.set_viewport_size(WIDE)


def _crawl(page, seen_patterns: set, statuses: dict, problems: list) -> int:
    queue, queued, rendered = ["/"], {"/"}, 0
    while queue:
        url = queue.pop(0)
        response = page.goto(url)
        if response.status >= 400 or "/accounts/login/" in page.url:
            problems.append((url, "status", response.status, page.url))
            continue
        pattern = _pattern(url)
        if pattern not in seen_patterns:
            seen_patterns.add(pattern)
            _check_page(page, url, problems)
            rendered += 1
        for link in sorted(_links(page)):
            if link.split("?")[0].endswith(NOT_PAGES):
                if link not in statuses:
                    statuses[link] = page.request.get(link).status
                continue
            if link not in queued and _pattern(link) not in seen_patterns:
                queued.add(link)
                queue.append(link)
            elif link not in statuses and link not in queued:
                statuses[link] = page.request.get(link, max_redirects=0).status
    return rendered


def test_every_page_a_role_can_reach_answers_is_accessible_and_fits(new_page):
    builder.build(today=dt.date.today())
    logins = {login.role: login.email for login in builder.logins()}
    seen_patterns: set[str] = set()
    statuses: dict[str, int] = {}
    problems: list = []
    rendered = {}
    for role in ROLES:
        page = new_page()
        page.set_viewport_size(WIDE)
        page.goto("/accounts/login/")
        page.fill("input[name=username]", logins[role])
        page.fill("input[name=password]", builder.PASSWORD)
        page.click("form[action='/accounts/login/'] button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        rendered[role] = _crawl(page, seen_patterns, statuses, problems)
    broken = {url: status for url, status in statuses.items() if status >= 400}
    assert not broken, broken
    assert not problems, problems
    assert sum(rendered.values()) >= 30, rendered  # the crawl really went round
    assert len(statuses) >= 20, statuses
