"""An HR program manager sets up SCIM provisioning in a real browser: from Manage to the
directories page, a directory, its token shown once, a group rule; and the sign-in page offers
SAML when it is configured. Screenshots at 1366 and 375 px, axe on every page. Selectors use
URLs, names and values, never interface wording."""

import pytest

from tandem.people.directories import Directory
from tandem.programs.directory_groups import GroupMapping
from tandem.programs.models import Program
from tests import factories as f
from tests.e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login, screenshot

pytestmark = pytest.mark.e2e


def test_hr_sets_up_a_directory_its_token_and_a_group_rule(page, db):
    hr = f.person("Hélène Martin", department="HR", with_user=True)
    hr.user.is_program_manager = True
    hr.user.save()
    program = f.program(status=Program.Status.RECRUITING)
    program.managers.add(hr.user)
    login(page, hr.email)
    page.goto("/programs/")
    page.click("a[href='/people/directories/']")
    page.fill("input[name=name]", "Entra ID")
    page.select_option("select[name=organization]", label="Acme")
    page.click("form:has(input[name=action][value=create]) button[type=submit]")
    page.wait_for_load_state()
    page.click("form:has(input[name=action][value=token]) button[type=submit]")
    page.wait_for_load_state()
    secret = page.inner_text("code.secret")
    assert secret.startswith("tdmscim_")
    assert Directory.objects.get().tokens.count() == 1
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    screenshot(page, "scim-directories")
    directory = Directory.objects.get()
    page.click(f"a[href='/programs/directory-groups/{directory.pk}/']")
    page.fill("input[name=group_name]", "Tandem mentors")
    page.select_option("select[name=kind]", "mentor")
    page.select_option("select[name=program]", label=program.name)
    page.click("form:has(input[name=group_name]) button[type=submit]")
    page.wait_for_load_state()
    assert GroupMapping.objects.get().group_name == "Tandem mentors"
    assert page.is_visible("form:has(input[name=remove])")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    screenshot(page, "scim-group-rules")


def test_the_sign_in_page_offers_saml_when_configured(page, settings):
    settings.TANDEM_SAML_ENABLED = True
    page.goto("/accounts/login/")
    assert page.is_visible("a[href='/saml2/login/']")
    assert_accessible(page)
    screenshot(page, "login-saml")
