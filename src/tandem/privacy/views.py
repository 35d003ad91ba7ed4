"""The person's own export (a download from their profile) and the directory managers'
erasure page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.people.permissions import require_directory_manager
from tandem.privacy.errors import PrivacyError
from tandem.privacy.forms import EraseForm
from tandem.privacy.services import erase as erasure
from tandem.privacy.services import export, subjects


@login_required
@require_POST
def export_mine(request):
    """The signed-in person's own data; there is no way to ask for someone else's here."""
    text = export.export(subjects.for_user(request.user), request.user)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    name = f"tandem-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def erase_person(request):
    require_directory_manager(request.user)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            email = form.cleaned_data["email"]
            subject = subjects.for_email(email)
            if subject.user is not None and subject.user.pk == request.user.pk:
                raise PrivacyError(_("You cannot erase your own account from this page."))
            erasure.erase(subject, request.user)
        except PrivacyError as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(request, _("%(email)s has been erased.") % {"email": email})
            return redirect("privacy:erase")
    status = 400 if form.errors else 200
    return render(request, "privacy/erase.html", {"form": form}, status=status)
