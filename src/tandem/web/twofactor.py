"""``TANDEM_REQUIRE_2FA=1``: program managers, coaches, sponsors and superusers who signed in
with a password must have two-factor sign-in; until they set it up, every page sends them to
the set-up page (the API answers 403 to their browser session; API tokens are not affected)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.accounts.services import twofactor
from tandem.programs.models import Enrolment, Program

OPEN_PREFIXES = ("/static/", "/i18n/", "/accounts/logout/", "/accounts/two-factor/")


def has_a_required_role(user) -> bool:
    if user.is_superuser or user.is_program_manager:
        return True
    person = getattr(user, "person", None)
    if person is None:
        return Program.objects.filter(managers=user).exists()
    programs = Q(managers=user) | Q(coaches=person) | Q(sponsor=person)
    return (
        Program.objects.filter(programs).exists() or Enrolment.objects.filter(coach=person).exists()
    )


def required(request) -> bool:
    user = request.user
    return (
        settings.TANDEM_REQUIRE_2FA
        and user.is_authenticated
        and not twofactor.signed_in_with_sso(request)
        and has_a_required_role(user)
    )


class RequireTwoFactor:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.two_factor_required = lambda: required(request)
        if (
            settings.TANDEM_REQUIRE_2FA
            and request.user.is_authenticated
            and not request.user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
            and not request.headers.get("Authorization")
            and required(request)
        ):
            if request.path.startswith("/api/"):
                detail = _("Your role requires two-factor sign-in: set it up in the web app first.")
                return JsonResponse({"detail": detail, "errors": []}, status=403)
            if twofactor.has_two_factor(request.user):
                logout(request)  # a session from before the code step: sign in again
                return redirect(reverse("accounts:login"))
            return redirect(reverse("accounts:two_factor_setup"))
        return self.get_response(request)
