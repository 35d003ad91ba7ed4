"""The audit trail, read-only, for HR program managers and superusers: a filtered, paginated
page and a CSV of the same events (the download is itself audited). Nothing here writes
anything but that one event: the trail cannot be edited from the web."""

from __future__ import annotations

import json

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from tandem.accounts.audit import record
from tandem.accounts.audit_labels import action_label
from tandem.accounts.audit_sentences import names_for, sentence
from tandem.accounts.forms import CleanTextMixin
from tandem.accounts.models import AuditEvent
from tandem.operations.csvexport import csv_writer

PER_PAGE = 50


class AuditFilter(CleanTextMixin, forms.Form):
    action = forms.CharField(
        label=_("Action starts with"),
        required=False,
        max_length=64,
        validators=[RegexValidator(r"^[a-z_.]+$", _("Use lower-case letters, “_” and “.”."))],
    )
    actor = forms.EmailField(label=_("Actor email"), required=False)
    object_type = forms.CharField(
        label=_("Object type"),
        required=False,
        max_length=64,
        validators=[
            RegexValidator(r"^[a-z_]+\.[a-z_]+$", _("Write it as app.model, e.g. people.person."))
        ],
    )
    object_id = forms.CharField(
        label=_("Object id"),
        required=False,
        max_length=64,
        validators=[RegexValidator(r"^[\w-]+$", _("Letters, digits, “_” and “-” only."))],
    )

    def clean(self):
        data = super().clean()
        if data.get("object_id") and not data.get("object_type"):
            self.add_error("object_type", _("Give the object type with the object id."))
        return data


def _require_auditor(user) -> None:
    """HR program managers and superusers read the trail; anyone else signed in gets a 403."""
    if not (user.is_superuser or user.is_program_manager):
        raise PermissionDenied


def _filtered(data: dict) -> QuerySet:
    events = AuditEvent.objects.select_related("actor").order_by("-at", "-id")
    if data.get("action"):
        events = events.filter(action__startswith=data["action"])
    if data.get("actor"):
        events = events.filter(actor__email__iexact=data["actor"])
    if data.get("object_type"):
        events = events.filter(object_type=data["object_type"])
    if data.get("object_id"):
        events = events.filter(object_id=data["object_id"])
    return events


def _details(event) -> str:
    """The stored detail, indented, with the object it is about."""
    data = dict(event.details or {})
    if event.object_type:
        data = {"object": f"{event.object_type}#{event.object_id}", **data}
    return "" if not data else json.dumps(data, ensure_ascii=False, indent=2, default=str)


def _rows(events) -> list[dict]:
    """Each event as a sentence with names, its code and its JSON detail (for the page)."""
    events = list(events)
    names = names_for(events)
    return [
        {
            "at": event.at,
            "actor": event.actor.email if event.actor else "",
            "action": event.action,
            "label": action_label(event.action),
            "sentence": sentence(event, names),
            "details": _details(event),
        }
        for event in events
    ]


def _filter_form(request):
    """(the validated filter form, None) for an auditor; (form, the page with the form's
    errors as a 400) when a filter is invalid. The page and the CSV share it."""
    _require_auditor(request.user)
    form = AuditFilter(request.GET)
    if form.is_valid():
        return form, None
    context = {"form": form, "rows": [], "page_obj": None, "query": ""}
    return form, render(request, "accounts/audit.html", context, status=400)


@login_required
@require_GET
def audit_list(request):
    form, refused = _filter_form(request)
    if refused:
        return refused
    page = Paginator(_filtered(form.cleaned_data), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "rows": _rows(page.object_list),
        "page_obj": page,
        "query": query.urlencode(),
    }
    return render(request, "accounts/audit.html", context)


class _Echo:
    def write(self, value):
        return value


def _csv_lines(events):
    writer = csv_writer(_Echo())
    yield writer.writerow(["at", "actor", "action", "object_type", "object_id", "details"])
    for event in events.iterator(chunk_size=2000):
        yield writer.writerow(
            [
                timezone.localtime(event.at).isoformat(),
                event.actor.email if event.actor else "",
                event.action,
                event.object_type,
                event.object_id,
                json.dumps(event.details, ensure_ascii=False, sort_keys=True, default=str),
            ]
        )


@login_required
@require_GET
def audit_csv(request):
    """The filtered events as CSV (times in the viewer's zone); the download is audited."""
    form, refused = _filter_form(request)
    if refused:
        return refused
    filters = {key: value for key, value in form.cleaned_data.items() if value}
    events = _filtered(form.cleaned_data)
    record(request.user, "audit.exported", None, filters=filters)
    zone = timezone.get_current_timezone()

    def lines():
        with timezone.override(zone):  # streamed after the middleware's override has ended
            yield from _csv_lines(events)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tandem-audit.csv"'
    return response
