"""Accepting an invitation: the first sign-in, where the person chooses a password."""

from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from tandem.accounts.errors import AccountsError
from tandem.accounts.forms import DescribedErrorsMixin
from tandem.accounts.services.invitations import accept_invitation, invitation_for, user_for

BACKEND = "django.contrib.auth.backends.ModelBackend"


class PasswordForm(DescribedErrorsMixin, SetPasswordForm):
    pass


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def accept(request, token: str):
    """GET shows the password form (or why the link no longer works); POST signs in."""
    try:
        invitation = invitation_for(token)
        user = user_for(invitation)
    except AccountsError as error:
        return render(request, "accounts/invitation_invalid.html", {"error": error}, status=410)
    form = PasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(token, form.cleaned_data["new_password1"])
        except AccountsError as error:
            return render(request, "accounts/invitation_invalid.html", {"error": error}, status=410)
        login(request, user, backend=BACKEND)
        return redirect("web:home")
    context = {"form": form, "invitation": invitation}
    return render(request, "accounts/invitation_accept.html", context)
