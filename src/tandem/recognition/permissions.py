"""Who sees what of recognition: a certificate's PDF for its holder; a testimonial for its
author, and for the program's managers once the author has shared it; the public sees only a
certificate's verification page (by its unguessable code)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from tandem.mentorships.permissions import person_of
from tandem.programs.permissions import is_program_manager_of
from tandem.recognition.models import Certificate, Testimonial


def get_certificate_for(user, pk) -> Certificate:
    person = person_of(user)
    if person is None:
        raise Http404
    return get_object_or_404(Certificate, pk=pk, person=person, revoked_at__isnull=True)


def get_verified_certificate(code: str) -> Certificate:
    if not code or len(code) > 32:
        raise Http404
    return get_object_or_404(Certificate, code=code, revoked_at__isnull=True)


def get_testimonial_to_review(user, pk) -> Testimonial:
    testimonial = get_object_or_404(
        Testimonial.objects.select_related("program"), pk=pk, consented_at__isnull=False
    )
    if not is_program_manager_of(user, testimonial.program):
        raise Http404
    return testimonial
