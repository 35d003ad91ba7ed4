"""A program manager's journey in the browser: set a program up step by step, import its
people and enrolments, verify a competence, invite everyone, run the matching, lock a pair,
re-run and publish. axe-core checks every main page; each must fit 375 px.

Selectors use URLs, names, values and ids, never interface wording.
"""

import datetime as dt
from pathlib import Path

from django.core import mail

from tandem.matching.models import MatchingRun
from tandem.people.models import Competence, Person, Topic
from tandem.programs.models import Enrolment, Program
from tests import factories as f
from tests.e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login, screenshot
from tests.matching import helpers as h

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _check(page, shot: str) -> None:
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    screenshot(page, f"manager-{shot}")


def _next(page) -> None:
    page.click("button[name=action][value=next]")
    page.wait_for_load_state()


def _set_up(page) -> Program:
    page.goto("/programs/new/")
    _check(page, "setup-objective")
    page.fill("#id_name", "Digital reflexes 2027")
    page.fill("#id_objective", "Leaders at ease with generative AI")
    _next(page)
    program = Program.objects.get(name="Digital reflexes 2027")
    assert page.url.endswith(f"/programs/{program.slug}/setup/topics/")
    _check(page, "setup-topics")
    for topic in Topic.objects.filter(is_active=True):
        page.check(f"input[name=topics][value='{topic.pk}']")
    page.check("input[name=format][value=one-to-one]")
    _next(page)
    start = dt.date.today()
    page.fill("#id_start", start.isoformat())
    page.fill("#id_end", (start - dt.timedelta(days=1)).isoformat())
    _next(page)  # refused: the end is before the start; the input is kept
    assert page.get_attribute("#id_end", "aria-invalid") == "true"
    assert page.input_value("#id_start") == start.isoformat()
    _check(page, "setup-dates-error")
    page.fill("#id_end", (start + dt.timedelta(days=180)).isoformat())
    _next(page)
    page.fill("#id_deliverables", "A prompt library per department")
    _next(page)
    page.uncheck("#id_require_training")
    page.select_option("#id_min_evidence", "0")
    _next(page)
    _check(page, "setup-team")  # the creator manages it; coaches and sponsor can come later
    _next(page)
    _check(page, "setup-weights")
    page.fill("#id_other_department", "45")
    page.click("button[name=action][value=finish]")
    page.wait_for_url(f"**/programs/{program.slug}/")
    program.refresh_from_db()
    assert program.effective_weights()["other_department"] == 45
    assert not program.require_training and program.deliverables
    return program


def _import(page, program: Program) -> None:
    page.goto(f"/programs/{program.slug}/import/")
    _check(page, "import")
    for kind, name in (("people", "people.csv"), ("enrolments", "enrolments.csv")):
        page.check(f"input[name=kind][value={kind}]")
        page.set_input_files("#id_file", str(FIXTURES / name))
        page.click("form[enctype] button[type=submit]")
        page.wait_for_load_state()
        assert page.is_visible("#report")
    assert Enrolment.objects.filter(program=program).count() == 6


def _verify(page, program: Program) -> None:
    """HR records the certification of a mentor's competence the import attested."""
    page.goto(f"/programs/{program.slug}/competences/?q=E004")
    _check(page, "competences")
    competence = Competence.objects.get(person__employee_id="E004", topic__slug="genai")
    assert competence.source == "hr_import"
    page.click(f"details:has(#cert-{competence.pk}) summary")
    page.fill(f"#cert-{competence.pk}", "Generative AI Essentials")
    page.fill(f"#cert-date-{competence.pk}", (dt.date.today() - dt.timedelta(days=30)).isoformat())
    page.click(f"form:has(#cert-{competence.pk}) button[type=submit]")
    page.wait_for_load_state()
    competence.refresh_from_db()
    assert competence.verified_at is not None and competence.evidence == 3
    assert competence.source == "certification"


def _match(page, program: Program) -> None:
    page.goto(f"/programs/{program.slug}/matching/")
    _check(page, "matching")
    page.click(f"form[action='/programs/{program.slug}/matching/run/'] button[type=submit]")
    page.wait_for_url("**/runs/*/")
    run = MatchingRun.objects.get(program=program)
    assert run.proposals.exists()
    _check(page, "run")
    page.click("button[name=kind][value=lock] >> nth=0")
    page.locator("button[name=kind][value=clear]").first.wait_for()  # applied in place (htmx)
    assert program.pair_decisions.filter(kind="lock").count() == 1
    page.click(f"form[action='/programs/{program.slug}/matching/run/'] button[type=submit]")
    page.wait_for_url("**/runs/*/")
    rerun = MatchingRun.objects.filter(program=program).latest("id")
    assert rerun.pk != run.pk and rerun.proposals.filter(locked=True).count() == 1
    page.click(f"a[href$='/runs/{rerun.pk}/publish/']")  # asks first: what will happen
    page.wait_for_url(f"**/runs/{rerun.pk}/publish/")
    _check(page, "publish-confirm")
    rerun.refresh_from_db()
    assert rerun.status == MatchingRun.Status.PROPOSED
    page.click(f"form[action$='/runs/{rerun.pk}/publish/'] button[type=submit]")
    page.wait_for_load_state()
    rerun.refresh_from_db()
    assert rerun.status == MatchingRun.Status.PUBLISHED
    assert program.mentorships.count() == rerun.proposals.count()


def _accept_invitation(new_page) -> None:
    """A mentor opens the emailed link, chooses a password and lands signed in."""
    message = next(m for m in mail.outbox if m.to == ["lea.bernard@acme.example"])
    path = "/" + message.body.split("/invitations/", 1)[1].split()[0]
    page = new_page()
    page.goto("/invitations" + path)
    _check(page, "invitation")
    page.fill("#id_new_password1", "short")
    page.fill("#id_new_password2", "short")
    page.click("main form button[type=submit]")
    assert page.get_attribute("#id_new_password2", "aria-invalid") == "true"
    page.fill("#id_new_password1", "a-long-and-unusual-passphrase-42")
    page.fill("#id_new_password2", "a-long-and-unusual-passphrase-42")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/")
    assert Person.objects.get(email="lea.bernard@acme.example").user is not None


def test_it_takes_a_manager_from_an_empty_program_to_published_pairs(page, new_page, db):
    hr = f.person("Hélène Martin", email="hr@tandem.example", with_user=True).user
    hr.is_program_manager = True
    hr.save()
    login(page, hr.email)
    program = _set_up(page)
    _check(page, "program")
    page.click(f"form[action='/programs/{program.slug}/status/'] button[type=submit]")
    page.wait_for_load_state()
    program.refresh_from_db()
    assert program.status == Program.Status.RECRUITING
    _import(page, program)
    _verify(page, program)
    page.goto(f"/programs/{program.slug}/")
    page.click(f"form[action='/programs/{program.slug}/invite/'] button[type=submit]")
    page.wait_for_load_state()
    assert len(mail.outbox) == 6
    _accept_invitation(new_page)
    for k in range(2):  # late enrolments anyone can be paired with (the file's are picky)
        h.mentee(program, f"Late Mentee {k}", department="Finance")
        h.mentor(program, f"Late Mentor {k}", department="Digital")
    page.click(f"form[action='/programs/{program.slug}/status/'] button[type=submit]")
    page.wait_for_load_state()
    program.refresh_from_db()
    assert program.status == Program.Status.MATCHING
    _match(page, program)
    program.refresh_from_db()
    assert program.status == Program.Status.RUNNING
