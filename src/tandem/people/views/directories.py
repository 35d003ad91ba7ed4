"""SCIM directories for HR program managers and superusers: create one, issue its bearer
token (shown once), revoke tokens, and see what each directory provisioned."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.accounts.forms import CleanTextMixin
from tandem.people import directories
from tandem.people.models import Organization
from tandem.people.permissions import require_directory_manager


class DirectoryForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    organization = forms.ModelChoiceField(
        label=gettext_lazy("Default organisation"),
        queryset=Organization.objects.all(),
        help_text=gettext_lazy("For people the directory sends without an organisation."),
    )


class TokenForm(CleanTextMixin, forms.Form):
    directory = forms.IntegerField(widget=forms.HiddenInput)
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"),
        min_value=1,
        max_value=directories.MAX_DAYS,
        initial=directories.DEFAULT_DAYS,
    )


@login_required
def directory_list(request):
    require_directory_manager(request.user)
    form = DirectoryForm(request.POST if request.POST.get("action") == "create" else None)
    secret = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create" and form.is_valid():
            return _create(request, form)
        if action == "token":
            secret = _issue(request)
        elif action == "revoke":
            return _revoke(request)
        elif action != "create":
            raise Http404
    rows = directories.Directory.objects.select_related("organization").annotate(
        people=Count("accounts", filter=Q(accounts__deleted_at__isnull=True), distinct=True),
        group_count=Count("groups", distinct=True),
    )
    context = {
        "rows": [(d, d.tokens.order_by("-created")) for d in rows],
        "form": form,
        "token_form": TokenForm(initial={"days": directories.DEFAULT_DAYS}),
        "secret": secret,
        "scim_url": request.build_absolute_uri("/scim/v2/"),
    }
    return render(request, "people/directories.html", context)


def _create(request, form: DirectoryForm):
    data = form.cleaned_data
    try:
        directory = directories.create_directory(data["name"], data["organization"], request.user)
    except directories.DirectoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Directory %s created: issue its token below.") % directory.name
        )
    return HttpResponseRedirect(reverse("people:directories"))


def _issue(request) -> dict | None:
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A token lasts from 1 to %s days.") % directories.MAX_DAYS)
        return None
    directory = get_object_or_404(directories.Directory, pk=form.cleaned_data["directory"])
    token, secret = directories.create_token(
        directory, request.user, days=form.cleaned_data["days"]
    )
    return {"directory": directory, "token": token, "value": secret}


def _revoke(request):
    token = get_object_or_404(directories.DirectoryToken, prefix=request.POST.get("prefix", ""))
    directories.revoke_token(token, request.user)
    messages.success(
        request, _("Token %s revoked: the directory can no longer use it.") % token.prefix
    )
    return HttpResponseRedirect(reverse("people:directories"))
