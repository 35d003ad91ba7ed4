"""A certificate for each participant of a completed mentorship: a PDF for its holder, and a
public page that confirms name, program, role and dates — nothing else."""

import io

import pytest
from pypdf import PdfReader

from tandem.mentorships.models import Mentorship
from tandem.recognition.errors import RecognitionError
from tandem.recognition.models import Certificate
from tandem.recognition.services import certificates
from tests.insights import builders as b


def test_it_issues_one_certificate_per_participant_of_a_completed_mentorship(cast, completed):
    assert certificates.issue_for_program(cast.program) == 2
    assert certificates.issue_for_program(cast.program) == 0
    mine = certificates.mine(cast.mentee.person)
    assert [(c.full_name, c.role) for c in mine] == [("Jean Moreau", "mentee")]
    assert len(mine[0].code) == 16 and mine[0].code != Certificate.objects.get(role="mentor").code


def test_it_issues_none_before_completion(cast):
    active = b.pair(cast.program, cast.mentor.person, cast.mentee.person, Mentorship.Status.ACTIVE)
    with pytest.raises(RecognitionError):
        certificates.issue(active.participants.first())
    assert certificates.mine(cast.mentor.person) == []


def test_it_writes_a_pdf_that_says_who_what_and_when(cast, completed):
    (certificate,) = certificates.mine(cast.mentor.person)
    text = PdfReader(io.BytesIO(certificates.pdf(certificate))).pages[0].extract_text()
    assert "Léa Bernard" in text
    assert "GenAI for leaders" in text
    assert "as mentor" in text
    assert "12 Jan. 2026" in text and "11 June 2026" in text  # one way per language
    assert certificate.code in text and f"/verify/{certificate.code}/" in text


def test_it_lets_only_the_holder_download_the_pdf(cast, completed, client):
    (certificate,) = certificates.mine(cast.mentor.person)
    url = f"/certificates/{certificate.pk}.pdf"
    for other in (cast.mentee, cast.manager, cast.sponsor, cast.outsider):
        client.force_login(other)
        assert client.get(url).status_code == 404
    client.force_login(cast.mentor)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_it_verifies_a_code_publicly_with_nothing_more(cast, completed, client):
    (certificate,) = certificates.mine(cast.mentor.person)
    page = client.get(f"/verify/{certificate.code}/").content.decode()
    for shown in ("Léa Bernard", "GenAI for leaders", "Mentor", "12 Jan. 2026", "11 June 2026"):
        assert shown in page
    person = cast.mentor.person
    for hidden in (person.email, person.department, "Jean Moreau", "Digital"):
        assert hidden not in page


def test_it_answers_404_to_unknown_or_revoked_codes(cast, completed, client):
    (certificate,) = certificates.mine(cast.mentor.person)
    assert client.get("/verify/not-a-real-code/").status_code == 404
    assert client.get(f"/verify/{certificate.code[:-1]}/").status_code == 404
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=certificate.issued_at)
    assert client.get(f"/verify/{certificate.code}/").status_code == 404
