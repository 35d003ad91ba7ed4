"""Forgotten and changed passwords, and the list of one's signed-in sessions.

Reset links are Django's: single-use (the token hashes the password and the last sign-in) and
valid ``PASSWORD_RESET_TIMEOUT`` (2 hours). The page answers the same whether the address is
known or not, requests are throttled per address and per email (in the shared cache), and
the email goes out in the person's language. Setting a new password ends every session;
changing it ends every session but the current one.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.forms import DescribedErrorsMixin
from tandem.accounts.models import SignedInSession
from tandem.accounts.services import sessions
from tandem.operations.ratelimit import allow, client_ip, hashed

RESET_RATE_PER_ADDRESS = "10/hour"
RESET_RATE_PER_EMAIL = "3/hour"


class ResetRequestForm(DescribedErrorsMixin, PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        """In the recipient's language, not the requester's browser's."""
        person = getattr(context["user"], "person", None)
        language = getattr(person, "mail_language", None) or settings.LANGUAGE_CODE
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class ResetRequestView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    form_class = ResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        allowed = allow(f"reset:ip:{hashed(client_ip(self.request))}", RESET_RATE_PER_ADDRESS)
        allowed = allow(f"reset:email:{hashed(email)}", RESET_RATE_PER_EMAIL) and allowed
        if not allowed:  # the same answer: nobody learns whether the address exists
            return redirect(self.success_url)
        return super().form_valid(form)


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class NewPasswordForm(DescribedErrorsMixin, SetPasswordForm):
    pass


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        sessions.end_others(form.user, None)
        return response


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class ChangeForm(DescribedErrorsMixin, PasswordChangeForm):
    pass


class ChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = ChangeForm
    success_url = reverse_lazy("accounts:sessions")

    def form_valid(self, form):
        before = self.request.session.session_key
        response = super().form_valid(form)  # keeps this session under a new key
        sessions.renamed(before, self.request.session.session_key)
        ended = sessions.end_others(self.request.user, self.request.session.session_key)
        messages.success(
            self.request,
            _("Your password was changed; %(n)s other session(s) ended.") % {"n": ended},
        )
        return response


@login_required
def session_list(request):
    rows = sessions.live_sessions(request.user)
    current = request.session.session_key
    return render(request, "accounts/sessions.html", {"rows": rows, "current": current})


@login_required
@require_POST
def session_end(request, pk: int):
    row = get_object_or_404(SignedInSession, pk=pk, user=request.user)
    if row.session_key == request.session.session_key:
        messages.error(request, _("This is the session you are using: sign out instead."))
    else:
        sessions.end(row)
        messages.success(request, _("The session was ended."))
    return redirect("accounts:sessions")


@login_required
@require_POST
def session_end_others(request):
    ended = sessions.end_others(request.user, request.session.session_key)
    messages.success(request, _("%(n)s other session(s) ended.") % {"n": ended})
    return redirect("accounts:sessions")
