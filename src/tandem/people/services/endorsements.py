"""Endorsements: a person asks a named colleague, in the app, to vouch for one of their
competences; the colleague gets an email in their own language and answers on their
endorsements page (linked from their profile). Giving it makes the competence "endorsed" with
the colleague as its source.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.operations import notices
from tandem.people.errors import PeopleError
from tandem.people.models import Competence, EndorsementRequest, Evidence, Person
from tandem.people.services import provenance
from tandem.people.services.competences import save_evidence
from tandem.people.services.contact import recipient_for

logger = logging.getLogger(__name__)
MAX_PENDING = 3  # per competence: enough to ask a few colleagues, not the whole company
MESSAGE_LENGTH = 500
Status = EndorsementRequest.Status


def _clean_message(message: str) -> str:
    message = (message or "").strip()
    if len(message) > MESSAGE_LENGTH:
        raise PeopleError(_("The message is too long (at most 500 characters)."))
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in message):
        raise PeopleError(_("The message contains control characters."))
    return message


def colleague_by_email(email: str) -> Person:
    """The active person of the directory with this email, who can sign in to answer."""
    email = (email or "").strip()
    colleague = (
        Person.objects.filter(email__iexact=email, is_active=True).first() if email else None
    )
    if colleague is None:
        raise PeopleError(
            _("Nobody in the directory has the email “%(email)s”.") % {"email": email}
        )
    if colleague.user_id is None or not colleague.user.is_active:
        raise PeopleError(
            _(
                "%(name)s has no Tandem account yet, so they cannot answer in the app; ask a "
                "colleague who has one, or your program manager to invite them."
            )
            % {"name": colleague.full_name}
        )
    return colleague


def request_endorsement(
    competence: Competence, colleague: Person, *, actor, message: str = ""
) -> EndorsementRequest:
    """Ask ``colleague`` to endorse ``competence``; only its owner may ask."""
    if competence.person.user_id is None or competence.person.user_id != getattr(actor, "pk", 0):
        raise PeopleError(_("Only the person can ask for an endorsement of their competence."))
    if colleague.pk == competence.person_id:
        raise PeopleError(_("Ask a colleague: you cannot endorse yourself."))
    if competence.evidence >= Evidence.ENDORSED:
        raise PeopleError(
            _("This competence is already “%(evidence)s”; an endorsement would not add to it.")
            % {"evidence": competence.get_evidence_display()}
        )
    message = _clean_message(message)
    pending = competence.endorsement_requests.filter(status=Status.PENDING)
    if pending.filter(colleague=colleague).exists():
        raise PeopleError(
            _("You already asked %(name)s; they have not answered yet.")
            % {"name": colleague.full_name}
        )
    if pending.count() >= MAX_PENDING:
        raise PeopleError(
            _("You are already waiting for %(n)s answers about this competence.")
            % {"n": MAX_PENDING}
        )
    try:
        with transaction.atomic():
            request = EndorsementRequest.objects.create(
                competence=competence, colleague=colleague, level=competence.level, message=message
            )
            record(actor, "people.endorsement_requested", request, colleague=colleague.pk)
    except IntegrityError:  # a double click: the first request stands
        raise PeopleError(
            _("You already asked %(name)s; they have not answered yet.")
            % {"name": colleague.full_name}
        ) from None
    send(request_message(request))
    return request


@dataclass(frozen=True)
class Outgoing:
    """One email already worded in its recipient's language: what the notice seam
    (``tandem.operations.notices.Notice``) needs, kept apart from how it is sent."""

    kind: str
    subject: str
    body: str
    email: str
    language: str
    link: str = ""
    person: Person | None = None


def request_message(request: EndorsementRequest) -> Outgoing:
    """The email asking the colleague to endorse, in the colleague's language."""
    colleague, competence = request.colleague, request.competence
    link = settings.SITE_URL + reverse("people:endorsements")
    with translation.override(colleague.mail_language):
        body = _(
            "Hello %(name)s,\n\n%(person)s asks you to endorse their competence in %(topic)s "
            "(level %(level)s of 4) on Tandem, the reverse mentoring platform. If you have seen "
            "their work in it, you can endorse it; otherwise decline.\n\nAnswer here:\n%(url)s\n"
        ) % {
            "name": colleague.first_name,
            "person": competence.person.full_name,
            "topic": competence.topic.name,
            "level": request.level,
            "url": link,
        }
        if request.message:
            body += "\n" + _("Their message: “%(text)s”") % {"text": request.message} + "\n"
        subject = _("Tandem: %(person)s asks for your endorsement") % {
            "person": competence.person.full_name
        }
    return Outgoing(
        "endorsement-request",
        subject,
        body,
        colleague.email,
        colleague.mail_language,
        link,
        colleague,
    )


def send(message: Outgoing) -> bool:
    """Send one email; a mail server that fails is logged, not shown as an error page: the
    request stands and the colleague finds it on their endorsements page."""
    recipient = (
        recipient_for(message.person)
        if message.person is not None
        else notices.Recipient(email=message.email, language=message.language)
    )
    notice = notices.Notice(
        kind=message.kind,
        recipient=recipient,
        subject=message.subject,
        body=message.body,
        link=message.link,
    )
    try:
        notices.send(notice)
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("Email %s to %s not sent: %s", message.kind, message.email, exc)
        return False
    return True


def answer_endorsement(request: EndorsementRequest, *, actor, give: bool) -> EndorsementRequest:
    """The colleague endorses (or declines). A competence whose level changed since is not
    endorsed: the colleague vouched for the level they were asked about."""
    with transaction.atomic():
        request = (
            EndorsementRequest.objects.select_for_update()
            .select_related("competence", "colleague", "competence__person")
            .get(pk=request.pk)
        )
        if request.colleague.user_id != getattr(actor, "pk", 0):
            raise PeopleError(_("Only the colleague who was asked can answer."))
        if request.status != Status.PENDING:
            raise PeopleError(_("This request has already been answered."))
        competence = Competence.objects.select_for_update().get(pk=request.competence_id)
        request.answered_at = timezone.now()
        if not give:
            request.status = Status.DECLINED
        elif competence.level != request.level:
            request.status = Status.STALE  # the caller says so (``stale_message``)
        else:
            request.status = Status.GIVEN
            if competence.evidence < Evidence.ENDORSED:
                before = competence.evidence
                provenance.endorse(competence, request.colleague, by=actor)
                save_evidence(competence, actor, "people.competence_endorsed", before)
        request.save(update_fields=["status", "answered_at"])
        record(actor, f"people.endorsement_{request.status}", request)
    return request


def stale_message(request: EndorsementRequest) -> str:
    competence = request.competence
    return _(
        "%(name)s changed this competence since asking (now level %(level)s); they can ask "
        "you again."
    ) % {"name": competence.person.full_name, "level": competence.level}


def retire_requests(competence_ids) -> int:
    """Pending requests about competences whose level changed: no longer to be answered."""
    return EndorsementRequest.objects.filter(
        competence_id__in=list(competence_ids), status=Status.PENDING
    ).update(status=Status.STALE, answered_at=timezone.now())


def asked_of(person: Person):
    """The requests a colleague has to answer, oldest first, then the last answered ones."""
    base = EndorsementRequest.objects.filter(colleague=person).select_related(
        "competence__person", "competence__topic"
    )
    pending = list(base.filter(status=Status.PENDING).order_by("created_at", "id"))
    answered = list(base.exclude(status=Status.PENDING).order_by("-answered_at", "-id")[:20])
    return pending, answered


def pending_count(person: Person) -> int:
    return EndorsementRequest.objects.filter(colleague=person, status=Status.PENDING).count()


def requests_of(person: Person, limit: int = 20) -> list[EndorsementRequest]:
    """The requests the person sent, newest first, for their profile."""
    return list(
        EndorsementRequest.objects.filter(competence__person=person)
        .select_related("colleague", "competence__topic")
        .order_by("-created_at", "-id")[:limit]
    )
