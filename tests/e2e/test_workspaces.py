"""Each role's main path on the demo, by clicking only from its home page: the manager from
the pairs at risk to one pair, then from a program's matching to a swap with the picker and
the publication; the sponsor to a program's results and its impact report; the coach to the
pairs at risk first. axe-core checks each page, which must fit 375 px.

Selectors use URLs, names, values, ids and classes, never interface wording.
"""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from tandem.demo import builder
from tandem.matching.models import MatchingRun, PairDecision
from tandem.programs.models import Program
from tests.e2e.conftest import assert_accessible, assert_no_horizontal_scroll, screenshot
from tests.matching import helpers as h

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_logins():
    builder.build(today=dt.date.today())
    return {login.role: login.email for login in builder.logins()}


def _sign_in(new_page, email: str):
    page = new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", builder.PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def _check(page, shot: str) -> None:
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    screenshot(page, f"workspace-{shot}")


def _click(page, selector: str) -> None:
    page.click(selector)
    page.wait_for_load_state()


def _spring(manager_email: str) -> Program:
    """A one-to-one program in matching, managed by the demo's manager."""
    import datetime as dt

    from tandem.accounts.models import User

    start = dt.date.today() + dt.timedelta(days=14)  # a program still to come can be published
    program = h.program(
        "spring-pairs", status=Program.Status.MATCHING, start=start, end=start + dt.timedelta(180)
    )
    program.managers.add(User.objects.get(email=manager_email))
    for k in range(3):
        h.mentee(program, f"Spring Mentee {k}", department="Finance")
        h.mentor(program, f"Spring Mentor {k}", department="Digital")
    return program


def test_a_manager_finds_the_pairs_at_risk_swaps_a_mentor_and_publishes(new_page, demo_logins):
    manager = demo_logins["Program manager"]
    spring = _spring(manager)
    page = _sign_in(new_page, manager)
    _check(page, "manager-home")
    _click(page, "a[href='/programs/genai-leaders/pairs/']")
    _check(page, "cockpit")
    page.select_option("#id_health", "at-risk")
    _click(page, "form.filters button[type=submit]")
    assert "health=at-risk" in page.url
    rows = page.locator(".pairs-table tbody tr")
    assert rows.count() >= 2
    assert page.locator(".pairs-table tbody .badge.health-at-risk").count() == rows.count()
    _check(page, "cockpit-at-risk")
    _click(page, ".pairs-table tbody tr:first-child th a")
    assert "/programs/genai-leaders/pairs/" in page.url
    assert page.locator(".flags li").count() >= 1  # its open alerts, worded
    _check(page, "pair")

    _click(page, "a.brand")
    _click(page, f"a[href='/programs/{spring.slug}/matching/']")
    _click(page, f"form[action='/programs/{spring.slug}/matching/run/'] button[type=submit]")
    run = MatchingRun.objects.get(program=spring)
    assert page.url.endswith(f"/matching/runs/{run.pk}/")
    _check(page, "run")
    page.click("a.picker-link >> nth=0")
    swap = page.locator(".picker button[name=action][value=swap]").first
    swap.wait_for()
    _check(page, "picker")
    swap.click()
    page.locator(".next-run").first.wait_for()
    assert PairDecision.objects.filter(program=spring, kind="lock").count() == 2
    assert page.url.endswith(f"/matching/runs/{run.pk}/")  # applied in place
    publish = f"/programs/{spring.slug}/matching/runs/{run.pk}/publish/"
    _click(page, f"a[href='{publish}']")  # the page that says what will happen, to confirm
    _check(page, "publish")
    _click(page, f"form[action='{publish}'] button[type=submit]")
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.PUBLISHED
    assert spring.mentorships.count() == 3


def test_a_sponsor_reads_a_program_s_results_and_its_impact_report(new_page, demo_logins):
    page = _sign_in(new_page, demo_logins["Sponsor"])
    _check(page, "sponsor-home")
    genai = Program.objects.get(slug="genai-leaders")
    _click(page, f"a[href='/insights/programs/{genai.pk}/']")
    assert page.locator(".figure-card").count() >= 9
    assert page.locator("svg.chart-svg").count() >= 3
    page.click("#chart-meetings details.chart-table summary")
    assert page.is_visible("#chart-meetings details.chart-table table")
    _check(page, "dashboard")
    with page.expect_download() as download:
        page.click(f"form[action='/insights/programs/{genai.pk}/impact-report.pdf'] button")
    pdf = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert genai.name in text and "Meetings held per month" in text


def test_a_coach_sees_the_pairs_at_risk_first(new_page, demo_logins):
    page = _sign_in(new_page, demo_logins["Coach"])
    _check(page, "coach-home")
    _click(page, "a.button[href='/coach/']")
    first = page.locator(".pairs-table tbody tr").first
    assert first.locator(".badge.health-at-risk").count() == 1
    healths = page.locator(".pairs-table tbody .badge[class*=health-]").evaluate_all(
        "els => els.map(e => e.className)"
    )
    order = ["health-at-risk", "health-watch", "health-on-track", "health-closed"]
    ranks = [next(i for i, h in enumerate(order) if h in c) for c in healths]
    assert ranks == sorted(ranks)
    _check(page, "coach-pairs")
