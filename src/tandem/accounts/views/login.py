"""Sign-in with an email address; ``services/throttle.py`` counts the failures and locks."""

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from tandem.accounts.forms import CleanTextMixin
from tandem.accounts.services import throttle, twofactor


def throttled_username(request, credentials) -> str | None:
    """The name failures are counted under: the email, lower-cased, so that changing its case
    does not start a fresh count."""
    credentials = credentials or {}
    username = credentials.get("username") or credentials.get("email")
    if username is None and request is not None and request.method == "POST":
        username = request.POST.get("username") or request.POST.get("email")
    return username.strip().lower() if isinstance(username, str) else None


class EmailAuthenticationForm(CleanTextMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("This email and password do not match. Check them and try again."),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sso=settings.TANDEM_OIDC_ENABLED, saml=settings.TANDEM_SAML_ENABLED, **kwargs
        )

    def post(self, request, *args, **kwargs):
        email = throttled_username(request, None)
        lock = throttle.locked(request, email) if email else None
        if lock is None:
            response = super().post(request, *args, **kwargs)
            if response.status_code != 200 or not email:
                return response
            lock = throttle.failed(request, email)
            if lock is None:
                return response
        return render(request, "accounts/locked_out.html", {"lock": lock}, status=429)

    def form_valid(self, form):
        user = form.get_user()
        if twofactor.has_two_factor(user):  # the password was right; the code comes next
            self.request.session[twofactor.PENDING] = {
                "user": user.pk,
                "backend": user.backend,
                "next": self.get_redirect_url(),
            }
            return redirect("accounts:two_factor_verify")
        throttle.succeeded(self.request, user.email)
        response = super().form_valid(form)
        throttle.remember_device(response, user)
        return response
