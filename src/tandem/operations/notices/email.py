"""A notice as an email. A calendar invitation travels as a ``text/calendar; method=…``
alternative (what Outlook and Google Calendar read to show accept and decline) and as an
``invite.ics`` attachment for other clients."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives


class NoticeEmail(EmailMultiAlternatives):
    """An email whose ``text/calendar`` alternative carries the iTIP method parameter."""

    calendar_method = ""

    def _create_mime_attachment(self, content, mimetype):
        part = super()._create_mime_attachment(content, mimetype)
        if mimetype == "text/calendar" and self.calendar_method:
            part.set_param("method", self.calendar_method)
        return part


def build(
    subject: str,
    body: str,
    to: str,
    *,
    calendar: bytes = b"",
    method: str = "",
    connection=None,
) -> NoticeEmail:
    message = NoticeEmail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], connection=connection)
    if calendar:
        message.calendar_method = method
        text = calendar.decode("utf-8")
        message.attach_alternative(text, "text/calendar")
        message.attach("invite.ics", calendar, "application/ics")
    return message
