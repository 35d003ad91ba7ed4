"""A person secures their account by clicks from the profile page: two-factor sign-in with a
QR code and recovery codes, their sessions, and the forgotten-password pages from the sign-in
page — in the app's frame, accessible, at desktop and phone widths."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.e2e.conftest import assert_accessible, login, screenshot

pytestmark = pytest.mark.e2e


def test_a_person_turns_on_two_factor_and_sees_their_sessions(page, cast):
    login(page, cast.mentee.email)
    page.goto("/people/profile/")
    page.click("#security >> text=Two-factor sign-in")
    page.click("text=Set up two-factor sign-in")
    assert page.locator(".qr svg").count() == 1
    assert_accessible(page)
    screenshot(page, "two-factor-setup")
    device = TOTPDevice.objects.get(user=cast.mentee, confirmed=False)
    page.fill("input[name=code]", f"{totp(device.bin_key):06d}")
    page.click("main button[type=submit]")
    assert page.locator(".codes li").count() == 10
    screenshot(page, "two-factor-codes")
    page.goto("/people/profile/")
    page.click("#security >> text=Your sessions")
    assert page.locator("text=This session").count() == 1
    assert_accessible(page)
    screenshot(page, "sessions")


def test_the_sign_in_page_leads_to_a_password_reset(page, cast):
    page.goto("/accounts/login/")
    page.click("text=Forgot your password?")
    assert_accessible(page)
    screenshot(page, "password-reset")
    page.fill("input[name=email]", cast.mentee.email)
    page.click("main button[type=submit]")
    assert page.locator("text=Check your email").count() >= 1
    screenshot(page, "password-reset-sent")
