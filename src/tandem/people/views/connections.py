"""The person's "Notices and calendar" page: email, chat or both for Tandem's notices, and the
private address of their own calendar so meetings avoid their busy times. Each form posts to
its own URL; the calendar address is never shown back (it opens the whole calendar)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.people.errors import PeopleError
from tandem.people.forms_connections import BusyCalendarForm, NoticeForm
from tandem.people.models import BusyCalendar
from tandem.people.permissions import person_or_404
from tandem.people.services import contact, freebusy


def _page(request, person, notice_form=None, calendar_form=None, status=200):
    preference = contact.preference_of(person)
    calendar = BusyCalendar.objects.filter(person=person).first()
    now = timezone.now()
    context = {
        "person": person,
        "chat_available": contact.chat_available(),
        "notice_form": notice_form
        or NoticeForm(initial={"channel": preference.channel, "slack_user": preference.slack_user}),
        "freebusy_available": freebusy.enabled(),
        "calendar": calendar,
        "calendar_host": urlsplit(calendar.url).hostname if calendar else "",
        "busy_count": calendar.busy.filter(
            ends_at__gt=now, starts_at__lt=now + dt.timedelta(days=settings.TANDEM_FREEBUSY_DAYS)
        ).count()
        if calendar
        else 0,
        "horizon": settings.TANDEM_FREEBUSY_DAYS,
        "calendar_form": calendar_form or BusyCalendarForm(),
    }
    return render(request, "people/notices.html", context, status=status)


def _back(message: str, anchor: str, request):
    messages.success(request, message)
    return redirect(reverse("people:notices") + "#" + anchor)


@login_required
@require_http_methods(["GET", "POST"])
def notices_page(request):
    person = person_or_404(request.user)
    if request.method == "GET":
        return _page(request, person)
    form = NoticeForm(request.POST)
    if not form.is_valid():
        return _page(request, person, notice_form=form, status=400)
    channel = form.cleaned_data["channel"]
    if channel != "email" and not contact.chat_available():
        form.add_error("channel", _("Chat is not set up on this server: choose email."))
        return _page(request, person, notice_form=form, status=400)
    contact.save_preference(person, channel, form.cleaned_data["slack_user"])
    return _back(_("Your choice of notices is saved."), "notices", request)


@login_required
@require_POST
def set_busy_calendar(request):
    person = person_or_404(request.user)
    form = BusyCalendarForm(request.POST)
    if form.is_valid():
        try:
            freebusy.set_address(person, form.cleaned_data["url"])
        except PeopleError as error:
            form.add_error("url", str(error))
        else:
            message = _("Your calendar address is saved: Tandem reads it in a moment.")
            return _back(message, "calendar", request)
    return _page(request, person, calendar_form=form, status=400)


@login_required
@require_POST
def remove_busy_calendar(request):
    person = person_or_404(request.user)
    freebusy.remove_address(person)
    return _back(_("Your calendar address and busy times are removed."), "calendar", request)
