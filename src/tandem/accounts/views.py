"""Sign-in with an email address; django-axes counts the failures and locks."""

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from tandem.accounts.forms import CleanTextMixin


def throttled_username(request, credentials) -> str | None:
    """The name django-axes counts failures under: the email, lower-cased, so that changing
    its case does not start a fresh count."""
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
        return super().get_context_data(sso=settings.TANDEM_OIDC_ENABLED, **kwargs)
