"""Testimonials: a participant writes one for a program; it is published only when its author
has consented and a manager has approved it. Any edit, or withdrawing consent, takes it off
publication until approved again."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.mentorships.models import Mentorship, Participant
from tandem.mentorships.permissions import person_of
from tandem.programs.models import Program
from tandem.programs.permissions import is_program_manager_of
from tandem.recognition.errors import RecognitionError
from tandem.recognition.models import Testimonial

MAX_LENGTH = 2000
Status = Testimonial.Status


def author_role(program: Program, user) -> str:
    """The user's role in a started mentorship of the program, or an error."""
    person = person_of(user)
    participant = (
        Participant.objects.filter(
            person=person,
            mentorship__program=program,
            mentorship__status__in=[Mentorship.Status.ACTIVE, Mentorship.Status.COMPLETED],
        )
        .exclude(answer=Participant.Answer.DECLINED)
        .first()
        if person
        else None
    )
    if participant is None:
        raise RecognitionError(_("Only the program's participants can write a testimonial."))
    return participant.role


def mine(program: Program, user) -> Testimonial | None:
    person = person_of(user)
    return Testimonial.objects.filter(program=program, author=person).first() if person else None


def write(program: Program, user, text: str, consent: bool) -> Testimonial:
    role = author_role(program, user)
    text = (text or "").strip()
    if not text:
        raise RecognitionError(_("Please write your testimonial."))
    if len(text) > MAX_LENGTH:
        raise RecognitionError(
            _("A testimonial is at most %(n)s characters long.") % {"n": MAX_LENGTH}
        )
    with transaction.atomic():
        testimonial, _created = Testimonial.objects.select_for_update().get_or_create(
            program=program, author=person_of(user), defaults={"role": role, "text": text}
        )
        testimonial.text, testimonial.role = text, role
        testimonial.consented_at = timezone.now() if consent else None
        testimonial.status = Status.SUBMITTED if consent else Status.DRAFT
        testimonial.reviewed_by, testimonial.reviewed_at = None, None
        testimonial.save()
    return testimonial


def withdraw_consent(testimonial: Testimonial, user) -> Testimonial:
    if testimonial.author.user_id != getattr(user, "pk", None):
        raise RecognitionError(_("Only its author can withdraw a testimonial."))
    testimonial.consented_at, testimonial.status = None, Status.DRAFT
    testimonial.save(update_fields=["consented_at", "status", "updated_at"])
    return testimonial


def review(testimonial: Testimonial, user, approve: bool) -> Testimonial:
    """A manager approves (publishes) or rejects a testimonial its author has shared."""
    if not is_program_manager_of(user, testimonial.program):
        raise RecognitionError(_("Only the program's managers can approve testimonials."))
    if testimonial.consented_at is None:
        raise RecognitionError(_("Its author has not agreed to publish this testimonial."))
    testimonial.status = Status.APPROVED if approve else Status.REJECTED
    testimonial.reviewed_by, testimonial.reviewed_at = user, timezone.now()
    testimonial.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    record(user, "recognition.testimonial_reviewed", testimonial, approved=approve)
    return testimonial


def to_review(program: Program):
    return program.testimonials.filter(consented_at__isnull=False).select_related("author")


def published(program: Program) -> list[Testimonial]:
    return list(
        program.testimonials.filter(status=Status.APPROVED, consented_at__isnull=False).order_by(
            "reviewed_at", "pk"
        )
    )


def attribution(testimonial: Testimonial) -> str:
    """Signed by role only: the consent covers the words, not a name."""
    return _("a %(role)s of %(program)s") % {
        "role": testimonial.get_role_display().lower(),
        "program": testimonial.program.name,
    }
