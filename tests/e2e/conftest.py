"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

The whole folder is skipped when /usr/bin/chromium (or Playwright) is missing; a browser is
never downloaded. Screenshots go to var/screenshots/ at desktop and phone widths, and
``assert_accessible`` runs the vendored axe-core on a page.
"""

import json
import os
import sys
import threading
import traceback
from pathlib import Path

import pytest

from tests import factories as f

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 375, "height": 812}
BLOCKING = ("serious", "critical")
# Playwright's own default. A 10 s limit failed once on the CI runner, on a page that answers
# in 20 ms here (the crawl's 249 requests take at most 0.3 s each): a stall outside the page's
# code. A timeout still fails the test, with the live server's threads (below) to say where.
TIMEOUT_MS = 30_000
RECREATED_ON_FLUSH = {"contenttypes.contenttype", "auth.permission"}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("browser tests need /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def reference_data(django_db_setup, django_db_blocker) -> str:
    """What the migrations wrote (topics, training modules), serialized by pytest-django's
    set-up (``django_db_serialized_rollback``) before Playwright starts its event loop."""
    from django.db import connections

    with django_db_blocker.unblock():
        connection = connections["default"]
        saved = getattr(connection, "_test_serialized_contents", None)
        saved = saved if saved is not None else connection.creation.serialize_db_to_string()
    # The flush's post_migrate signal recreates these two itself.
    rows = [r for r in json.loads(saved) if r["model"] not in RECREATED_ON_FLUSH]
    return json.dumps(rows)


@pytest.fixture(autouse=True)
def _live_database(reference_data, django_db_serialized_rollback, transactional_db):
    """The live server runs in another thread, so data is committed, and each test ends with
    a flush of every table. Django would restore the migrations' rows, but once Playwright's
    loop runs, Django sees an async thread and a fresh connection object that lacks them:
    restore them here."""
    from django.db import connection

    from tandem.people.models import Topic

    if not Topic.objects.exists():
        connection.creation.deserialize_db_from_string(reference_data)


@pytest.fixture
def new_page(browser, live_server):
    """Pages with their own cookies (one per person), closed after the test, which fails if
    the browser refused anything under the Content Security Policy."""
    contexts, violations = [], []

    def make():
        context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: _note_csp_violation(page, message, violations))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not violations, f"Content Security Policy violations: {violations}"


def _note_csp_violation(page, message, violations: list) -> None:
    if "Content Security Policy" in message.text:
        violations.append(f"{page.url}: {message.text}")


@pytest.fixture
def page(new_page):
    return new_page()


def login(page, email: str, password: str = f.PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def switch_language(page, code: str) -> None:
    """Use the header's language switch, as a person would."""
    page.click(f".language-switch button[value={code}]")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == code


def screenshot(page, name: str) -> None:
    """The page at desktop (1366) and phone (375) widths, full length."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def assert_accessible(page) -> None:
    """No serious or critical axe-core violation on the page as it is now."""
    # Evaluated through the DevTools protocol: an injected <script> would break the CSP.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run()")
    blocking = [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:5])
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]
    assert not blocking, f"{page.url}: {blocking}"


def assert_no_horizontal_scroll(page) -> None:
    """Usable at 375 px: nothing wider than the screen."""
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(DESKTOP)
    assert width <= PHONE["width"], f"{page.url} is {width}px wide at 375px"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A browser test that timed out reports where each of the process's other threads (the
    live server's request threads among them) stood at that moment."""
    report = yield
    if (
        report.when == "call"
        and call.excinfo is not None
        and call.excinfo.typename == "TimeoutError"
    ):
        report.sections.append(("threads when the browser gave up", _thread_stacks()))
    return report


def _thread_stacks() -> str:
    names = {thread.ident: thread.name for thread in threading.enumerate()}
    current = threading.get_ident()
    return "\n".join(
        f"--- {names.get(ident, ident)}\n" + "".join(traceback.format_stack(frame))
        for ident, frame in sys._current_frames().items()
        if ident != current
    )
