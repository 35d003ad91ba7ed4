"""A program's integrations page (its managers): the chat channel, calendar invitations and
the video room pattern, and the notices that could not be delivered."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem.operations.models import Delivery
from tandem.operations.notices import slack_enabled, webhooks_enabled
from tandem.programs.errors import ProgramsError
from tandem.programs.forms_integrations import IntegrationForm
from tandem.programs.permissions import get_program_for_manager
from tandem.programs.services import integrations


def _page(request, program, form=None, status=200):
    integration = integrations.integration_of(program)
    pending = (
        Delivery.objects.filter(program_id=program.pk, status__in=["queued", "retrying"])
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    context = {
        "program": program,
        "form": form or IntegrationForm(initial=integrations.settings_of(integration)),
        "integration": integration,
        "webhook_host": integrations.webhook_host(integration),
        "webhooks_enabled": webhooks_enabled(),
        "slack_enabled": slack_enabled(),
        "failed": integrations.failed_deliveries(program),
        "pending": {row["status"]: row["n"] for row in pending},
    }
    return render(request, "programs/integrations.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def integrations_page(request, slug: str):
    program = get_program_for_manager(request.user, slug)
    if request.method == "GET":
        return _page(request, program)
    form = IntegrationForm(request.POST)
    if not form.is_valid():
        return _page(request, program, form, status=400)
    data = form.cleaned_data
    changes = integrations.Changes(
        chat_kind=data["chat_kind"],
        chat_webhook=data["chat_webhook"] or None,
        chat_language=data["chat_language"],
        chat_alerts=data["chat_alerts"],
        chat_digest=data["chat_digest"],
        calendar_invitations=data["calendar_invitations"],
        video_template=data["video_template"],
    )
    try:
        integrations.save_integration(program, changes, actor=request.user)
    except ProgramsError as error:
        form.add_error(None, str(error))
        return _page(request, program, form, status=400)
    messages.success(request, _("The program's integrations are saved."))
    return redirect("programs:integrations", slug=program.slug)
