"""Pages of two-factor sign-in: the overview (from the profile page), setting up an
authenticator, recovery codes, turning it off, and the code step of signing in."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from tandem.accounts.forms import DescribedErrorsMixin
from tandem.accounts.services import throttle, twofactor


class CodeForm(DescribedErrorsMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy("The 6 digits your authenticator app shows, or a recovery code."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def required_for(request) -> bool:
    """Whether this user may not turn two-factor off (see ``web/middleware.py``)."""
    checker = getattr(request, "two_factor_required", None)
    return bool(checker and checker())


@login_required
def overview(request):
    user = request.user
    context = {
        "enabled": twofactor.has_two_factor(user),
        "codes_left": twofactor.recovery_codes_left(user),
        "required": required_for(request),
        "sso": twofactor.signed_in_with_sso(request),
    }
    return render(request, "accounts/two_factor.html", context)


@login_required
def setup(request):
    device = twofactor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm(device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            return render(request, "accounts/two_factor_codes.html", {"codes": codes})
        form.add_error("code", _("This code is not right; check your phone's time and retry."))
    context = {
        "form": form,
        "qr": twofactor.qr_svg(device),
        "secret": twofactor.secret_text(device),
        "required": required_for(request),
    }
    return render(
        request, "accounts/two_factor_setup.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def new_codes(request):
    if not twofactor.has_two_factor(request.user):
        return redirect("accounts:two_factor")
    codes = twofactor.new_recovery_codes(request.user)
    return render(request, "accounts/two_factor_codes.html", {"codes": codes})


@login_required
@require_POST
def disable(request):
    if required_for(request):
        messages.error(request, _("Your role requires two-factor sign-in: it stays on."))
    else:
        twofactor.turn_off(request.user)
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("accounts:two_factor")


def _pending_user(request):
    pk = request.session.get(twofactor.PENDING, {}).get("user")
    return get_user_model().objects.filter(pk=pk, is_active=True).first() if pk else None


def verify(request):
    """The second step of signing in: the code, then the session is the user's."""
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    lock = throttle.locked(request, user.email)
    if lock is not None:
        return render(request, "accounts/locked_out.html", {"lock": lock}, status=429)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify(user, form.cleaned_data["code"])
        if device is not None:
            return _finish(request, user, device)
        lock = throttle.failed(request, user.email)
        if lock is not None:
            return render(request, "accounts/locked_out.html", {"lock": lock}, status=429)
        form.add_error("code", _("This code is not right, or was already used."))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _finish(request, user, device):
    pending = request.session.pop(twofactor.PENDING)
    login(request, user, backend=pending["backend"])
    otp_login(request, device)
    throttle.succeeded(request, user.email)
    target = pending.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = settings.LOGIN_REDIRECT_URL
    response = redirect(target)
    throttle.remember_device(response, user)
    return response
