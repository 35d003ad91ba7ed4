"""Free/busy from a person's own calendar: the private ICS address that Outlook and Google
give ("secret address in iCal format", "publish calendar"). Tandem reads it (icalendar, with
recurring-ical-events for repeating events and their time zones), keeps only the busy
intervals of the next ``TANDEM_FREEBUSY_DAYS`` days — never a title, a place or a guest —
and scheduling and moving meetings avoid them. The address is stored encrypted. A feed that
cannot be read keeps its last busy times, shows the error on its owner's profile and tells
them once by a notice.

The address is the person's: the server fetches it only over HTTPS, never from a private
network address (``TANDEM_FREEBUSY_ALLOW_PRIVATE`` lifts that for tests and on-premises
calendars), within 15 seconds and ``TANDEM_FREEBUSY_MAX_BYTES``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import smtplib
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import recurring_ical_events
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar

from tandem.operations import notices
from tandem.operations.dates import zone_of
from tandem.people.errors import PeopleError
from tandem.people.models import BusyCalendar, BusyInterval, Person
from tandem.people.services.contact import recipient_for

TIMEOUT = 15
MAX_INTERVALS = 5000
OWN_UID = "tandem-meeting-"  # Tandem's own meetings, as its invitations name them
Interval = tuple[dt.datetime, dt.datetime]


def enabled() -> bool:
    return bool(getattr(settings, "TANDEM_FREEBUSY", False))


def clean_address(raw: str) -> str:
    """The address to read: ``webcal://`` is read over HTTPS; anything but HTTPS is refused."""
    url = (raw or "").strip()
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    plain_ok = settings.TANDEM_FREEBUSY_ALLOW_PRIVATE and parts and parts.scheme == "http"
    if not parts or not parts.hostname or not (parts.scheme == "https" or plain_ok):
        raise PeopleError(_("Give the https:// (or webcal://) address of your calendar."))
    if len(url) > 2000 or parts.username or parts.password:
        raise PeopleError(_("This calendar address cannot be used."))
    return url


def _check_host(host: str) -> None:
    if settings.TANDEM_FREEBUSY_ALLOW_PRIVATE:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, 443)}
    except OSError:
        message = _("The calendar's server (%(host)s) is unknown.") % {"host": host}
        raise PeopleError(message) from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise PeopleError(_("The calendar's address points to a private network."))


class _CheckedRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        _check_host(urlsplit(clean_address(newurl)).hostname or "")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str) -> bytes:
    url = clean_address(url)
    _check_host(urlsplit(url).hostname or "")
    opener = urllib.request.build_opener(_CheckedRedirect)
    request = urllib.request.Request(url, headers={"User-Agent": "Tandem free/busy"})  # noqa: S310
    limit = settings.TANDEM_FREEBUSY_MAX_BYTES
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            data = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise PeopleError(
            _("The calendar's server refused to give it (HTTP %(code)s).") % {"code": error.code}
        ) from None
    except TimeoutError:
        raise PeopleError(_("The calendar's server did not answer in time.")) from None
    except OSError as error:
        raise PeopleError(
            _("The calendar's server could not be reached (%(error)s).")
            % {"error": getattr(error, "reason", error)}
        ) from None
    if len(data) > limit:
        raise PeopleError(_("The calendar is larger than this server accepts."))
    return data


def _moment(value, zone: ZoneInfo) -> dt.datetime:
    """A DATE at local midnight, a floating time in the person's zone, then UTC."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(0))
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(dt.UTC)


def busy_intervals(data: bytes, start: dt.datetime, end: dt.datetime, zone: ZoneInfo):
    """The merged busy intervals of an ICS file between start and end (UTC)."""
    try:
        calendar = Calendar.from_ical(data)
        events = recurring_ical_events.of(calendar, skip_bad_series=True).between(start, end)
    except Exception:  # icalendar and its recurrences raise many kinds on a broken file
        raise PeopleError(_("This address does not give a calendar (an .ics file).")) from None
    found = []
    for event in events:
        if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
            continue  # shown as free
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        if str(event.get("UID", "")).startswith(OWN_UID) or "DTSTART" not in event:
            continue
        begin = _moment(event.decoded("DTSTART"), zone)
        finish = _moment(event.decoded("DTEND"), zone) if "DTEND" in event else begin
        if finish > begin:
            found.append((max(begin, start), min(finish, end)))
        if len(found) > MAX_INTERVALS:
            break
    return merge(sorted(found))


def merge(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for a, b in intervals:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def set_address(person: Person, raw: str) -> BusyCalendar:
    """Save (encrypted) the person's calendar address; it is read in the background."""
    if not enabled():
        raise PeopleError(_("Reading calendars is turned off on this server."))
    url = clean_address(raw)
    with transaction.atomic():
        calendar, _created = BusyCalendar.objects.update_or_create(
            person=person,
            defaults={"url": url, "error": "", "failing_since": None, "error_notified_at": None},
        )
        calendar.busy.all().delete()
        transaction.on_commit(lambda: _enqueue(calendar.pk))
    return calendar


def remove_address(person: Person) -> bool:
    """Forget the address and every busy time read from it."""
    deleted, _rows = BusyCalendar.objects.filter(person=person).delete()
    return bool(deleted)


def _enqueue(pk: int) -> None:
    from tandem.people.tasks import refresh_calendar_task  # cycle: tasks imports this module

    refresh_calendar_task.enqueue(calendar_id=pk)


def refresh(calendar: BusyCalendar, now: dt.datetime | None = None) -> bool:
    """Read the calendar again; True when it could be read (its busy times replaced)."""
    now = now or timezone.now()
    end = now + dt.timedelta(days=settings.TANDEM_FREEBUSY_DAYS)
    start = now - dt.timedelta(days=1)
    try:
        busy = busy_intervals(fetch(calendar.url), start, end, zone_of(calendar.person.timezone))
    except PeopleError as error:
        _failed(calendar, str(error), now)
        return False
    with transaction.atomic():
        calendar.busy.all().delete()
        BusyInterval.objects.bulk_create(
            [BusyInterval(calendar=calendar, starts_at=a, ends_at=b) for a, b in busy],
            batch_size=1000,
        )
        calendar.fetched_at, calendar.error = now, ""
        calendar.failing_since = calendar.error_notified_at = None
        calendar.save()
    return True


def _failed(calendar: BusyCalendar, error: str, now: dt.datetime) -> None:
    calendar.error = error[:300]
    calendar.failing_since = calendar.failing_since or now
    if calendar.error_notified_at is None:
        calendar.error_notified_at = now
        transaction.on_commit(lambda: _tell_owner(calendar.person))
    calendar.save()


def _tell_owner(person: Person) -> None:
    """Once per failure: the profile shows the error, this notice says to look there."""
    link = settings.SITE_URL + reverse("people:notices")
    with translation.override(person.mail_language):
        subject = _("Tandem cannot read your calendar")
        body = _(
            "Hello %(name)s,\n\nTandem could not read the calendar address you gave, so it "
            "cannot avoid your busy times when it plans meetings. Your profile says why; you "
            "can give the address again or remove it.\n\n%(url)s\n"
        ) % {"name": person.first_name, "url": link}
    notice = notices.Notice(
        kind="calendar-unreadable",
        recipient=recipient_for(person),
        subject=subject,
        body=body,
        link=link,
    )
    with contextlib.suppress(smtplib.SMTPException, OSError):  # the profile shows it anyway
        notices.send(notice)


def refresh_all(now: dt.datetime | None = None) -> tuple[int, int]:
    """Read every calendar; (read, failed)."""
    read = failed = 0
    for calendar in BusyCalendar.objects.select_related("person").iterator(chunk_size=200):
        if refresh(calendar, now):
            read += 1
        else:
            failed += 1
    return read, failed


def busy_for(people, start: dt.datetime, end: dt.datetime) -> list[Interval]:
    """The union of these people's busy times overlapping start..end."""
    rows = BusyInterval.objects.filter(
        calendar__person__in=people, starts_at__lt=end, ends_at__gt=start
    ).values_list("starts_at", "ends_at")
    return merge(sorted(rows))
