"""Certificates of participation: one for each mentor and mentee of a completed mentorship,
with an unguessable verification code (96 random bits) for the public ``/verify/<code>/``
page, which confirms name, program, role and dates — nothing else."""

from __future__ import annotations

import io
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.mentorships.models import Mentorship, Participant
from tandem.operations.dates import date_text
from tandem.people.wording import role_name
from tandem.programs.models import Program
from tandem.recognition.errors import RecognitionError
from tandem.recognition.models import Certificate

# ReportLab (about 0.3 s to load) is imported inside the PDF functions, so a web worker
# and every command start without it; only a PDF pays for it.


def new_code() -> str:
    return secrets.token_urlsafe(12)


def issue(participant: Participant) -> Certificate:
    """The participant's certificate (created on first call) once the mentorship completed."""
    mentorship = participant.mentorship
    if mentorship.status != Mentorship.Status.COMPLETED:
        raise RecognitionError(_("A certificate is issued once the mentorship is completed."))
    if participant.answer == Participant.Answer.DECLINED:
        raise RecognitionError(_("Only the people who took part receive a certificate."))
    existing = Certificate.objects.filter(participant=participant).first()
    if existing is not None:
        return existing
    started = mentorship.started_at or mentorship.created_at
    ended = mentorship.ended_at or timezone.now()
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                participant=participant,
                person=participant.person,
                program=mentorship.program,
                full_name=participant.person.full_name,
                program_name=mentorship.program.name,
                role=participant.role,
                started_on=timezone.localdate(started),
                ended_on=timezone.localdate(ended),
                code=new_code(),
            )
    except IntegrityError:  # issued concurrently
        return Certificate.objects.get(participant=participant)


def issue_for_program(program: Program) -> int:
    """Certificates for everyone of the program's completed mentorships; returns new ones."""
    participants = (
        Participant.objects.filter(
            mentorship__program=program, mentorship__status=Mentorship.Status.COMPLETED
        )
        .exclude(answer=Participant.Answer.DECLINED)
        .filter(certificate__isnull=True)
        .select_related("mentorship__program", "person")
    )
    return sum(1 for p in participants if issue(p))


def mine(person) -> list[Certificate]:
    """The person's certificates, issuing those they have earned and not yet received."""
    earned = (
        Participant.objects.filter(person=person, mentorship__status=Mentorship.Status.COMPLETED)
        .exclude(answer=Participant.Answer.DECLINED)
        .select_related("mentorship__program", "person")
    )
    for participant in earned:
        issue(participant)
    return list(Certificate.objects.filter(person=person, revoked_at__isnull=True))


def verify_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("recognition:verify", args=[certificate.code])


def pdf(certificate: Certificate) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    width, height = landscape(A4)
    page = canvas.Canvas(buffer, pagesize=(width, height))
    page.setTitle(_("Certificate of participation"))
    lines = [
        ("Helvetica-Bold", 28, _("Certificate of participation")),
        ("Helvetica", 14, _("This certifies that")),
        ("Helvetica-Bold", 22, certificate.full_name),
        (
            "Helvetica",
            14,
            _("took part as %(role)s in the reverse mentoring program")
            % {"role": role_name(certificate.role, certificate.person.gender)},
        ),
        ("Helvetica-Bold", 18, certificate.program_name),
        (
            "Helvetica",
            14,
            _("from %(start)s to %(end)s")
            % {"start": date_text(certificate.started_on), "end": date_text(certificate.ended_on)},
        ),
    ]
    y = height - 130
    for font, size, text in lines:
        page.setFont(font, size)
        page.drawCentredString(width / 2, y, text)
        y -= size + 22
    page.setFont("Helvetica", 10)
    page.drawCentredString(
        width / 2, 70, _("Verification code: %(code)s") % {"code": certificate.code}
    )
    page.drawCentredString(width / 2, 55, verify_url(certificate))
    page.showPage()
    page.save()
    return buffer.getvalue()
