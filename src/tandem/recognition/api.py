"""Recognition API: verifying a certificate by its public code (no sign-in, like the web
page), and my own certificates."""

import datetime as dt

from ninja import Router, Schema
from ninja.pagination import paginate

from tandem.accounts.apikit import Page, answers
from tandem.mentorships.permissions import person_of
from tandem.recognition.permissions import get_verified_certificate
from tandem.recognition.services import certificates

router = Router(tags=["recognition"])


class CertificateOut(Schema):
    code: str
    full_name: str
    program_name: str
    role: str
    started_on: dt.date
    ended_on: dt.date
    issued_at: dt.datetime


@router.get(
    "/certificates/verify/{code}",
    response=answers(200, CertificateOut),
    auth=None,
    summary="Verify a certificate (public)",
)
def verify(request, code: str):
    """What the certificate states, if its code is genuine and it is not revoked; 404 else."""
    return get_verified_certificate(code)


@router.get("/certificates", response=answers(200, list[CertificateOut]), summary="Mine")
@paginate(Page)
def my_certificates(request):
    person = person_of(request.user)
    return certificates.mine(person) if person else []
