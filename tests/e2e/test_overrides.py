"""In the browser: a swap that breaks a hard rule is refused with the reasons, the manager
overrides it with a justification, the re-run shows the warning to the managers, publishing asks
first, and the pair's proposal page shows neither the warning nor a way to end it early.

Each page passes axe-core and fits 375 px; screenshots go to var/screenshots/.
"""

import time_machine

from tandem.matching.models import MatchingRun, PairDecision
from tandem.mentorships.models import Mentorship
from tandem.programs.models import Program
from tests import factories as f
from tests.conftest import EARLY_IN_THE_PROGRAMS
from tests.e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login, screenshot
from tests.matching import helpers as h

WHY = "Anne is learning German with Xaver; both agreed."


def _check(page, shot: str) -> None:
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    screenshot(page, f"override-{shot}")


def _world():
    manager = f.person("Hélène Martin", email="hr@tandem.example", with_user=True).user
    prog = h.program("languages", status=Program.Status.MATCHING)
    prog.managers.add(manager)
    anne = h.mentee(prog, "Anne Roy", languages=["fr"], with_user=True)
    h.mentee(prog, "Bernd Vogel", languages=["de"])
    h.mentor(prog, "Xaver Huber", languages=["de"])
    h.mentor(prog, "Yvette Morel", languages=["fr"])
    return prog, manager, anne


def test_a_manager_overrides_a_rule_and_the_pair_never_sees_it(new_page, db):
    with time_machine.travel(EARLY_IN_THE_PROGRAMS, tick=True):
        prog, manager, anne = _world()
        page = new_page()
        login(page, manager.email)
        page.goto(f"/programs/{prog.slug}/matching/")
        page.click(f"form[action='/programs/{prog.slug}/matching/run/'] button[type=submit]")
        page.wait_for_url("**/runs/*/")
        run = MatchingRun.objects.get(program=prog)
        first = run.proposals.get(members__person=anne)
        page.click(f"#proposal-{first.pk} a.picker-link")  # the picker opens under the row
        page.fill(f"#picker-q-{first.pk}", "Xaver")  # a name searched says why not, and offers
        page.click(f"#picker-{first.pk} form.filters button[type=submit]")
        page.click(f"#picker-{first.pk} .refused button[value=swap]")
        page.wait_for_selector("#id_justification")
        assert "no common language" in page.inner_text("main")
        _check(page, "refused")
        page.fill("#id_justification", WHY)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"**/runs/{run.pk}/**")
        assert PairDecision.objects.filter(justification=WHY).count() == 2
        page.click(f"form[action='/programs/{prog.slug}/matching/run/'] button[type=submit]")
        page.wait_for_url("**/runs/*/")
        rerun = MatchingRun.objects.filter(program=prog).latest("id")
        assert page.locator(".warning").count() == 2
        _check(page, "warned")
        page.click(f"a[href$='/runs/{rerun.pk}/publish/']")
        page.wait_for_url(f"**/runs/{rerun.pk}/publish/")
        _check(page, "publish-confirm")
        page.click(f"form[action$='/runs/{rerun.pk}/publish/'] button[type=submit]")
        page.wait_for_load_state()
        mentorship = Mentorship.objects.get(participants__person=anne)
        pair_page = new_page()
        login(pair_page, anne.email)
        pair_page.goto(f"/mentorships/{mentorship.pk}/")
        text = pair_page.inner_text("main")
        assert WHY not in text and "against the rules" not in text and "locked" not in text
        assert pair_page.locator(f"a[href$='/mentorships/{mentorship.pk}/end/']").count() == 0
        assert pair_page.locator(f"form[action$='/mentorships/{mentorship.pk}/accept/']").count()
        _check(pair_page, "proposal-for-the-pair")
