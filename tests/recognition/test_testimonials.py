"""A testimonial is published only once its author consents and a manager approves; published
ones feed the impact report and the program story."""

import io

import pytest
from pypdf import PdfReader

from tandem.accounts.models import AuditEvent
from tandem.insights.services import report
from tandem.recognition import models as recognition
from tandem.recognition.errors import RecognitionError
from tandem.recognition.services import story, testimonials

WORDS = "I now draft every memo with an assistant, and check it."


def pdf_text(program) -> str:
    return "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(report.build_pdf(program))).pages
    )


def test_it_publishes_after_consent_and_approval_only(cast, completed):
    t = testimonials.write(cast.program, cast.mentee, WORDS, consent=False)
    assert t.status == recognition.Testimonial.Status.DRAFT and not testimonials.to_review(
        cast.program
    )
    with pytest.raises(RecognitionError, match="not agreed"):
        testimonials.review(t, cast.manager, approve=True)
    t = testimonials.write(cast.program, cast.mentee, WORDS, consent=True)
    assert not t.published and WORDS not in story.markdown(cast.program)
    testimonials.review(t, cast.manager, approve=True)
    assert testimonials.published(cast.program) == [t]
    assert WORDS in story.markdown(cast.program)
    assert "a mentee of GenAI for leaders" in story.html(cast.program)
    assert WORDS in pdf_text(cast.program).replace("\n", " ")


def test_it_unpublishes_on_edit_or_withdrawn_consent(cast, completed):
    t = testimonials.write(cast.program, cast.mentee, WORDS, consent=True)
    testimonials.review(t, cast.manager, approve=True)
    t = testimonials.write(cast.program, cast.mentee, WORDS + " Really.", consent=True)
    assert testimonials.published(cast.program) == []
    testimonials.review(t, cast.manager, approve=True)
    testimonials.withdraw_consent(t, cast.mentee)
    assert testimonials.published(cast.program) == []
    assert WORDS not in story.markdown(cast.program)


def test_it_lets_only_participants_write_and_managers_approve(cast, completed):
    with pytest.raises(RecognitionError):
        testimonials.write(cast.program, cast.outsider, WORDS, consent=True)
    t = testimonials.write(cast.program, cast.mentor, WORDS, consent=True)
    for who in (cast.sponsor, cast.mentee, cast.coach):
        with pytest.raises(RecognitionError):
            testimonials.review(t, who, approve=True)


def test_it_runs_through_the_pages(cast, completed, client):
    client.force_login(cast.mentee)
    url = f"/testimonials/{cast.program.pk}/"
    assert client.post(url, {"text": WORDS, "consent": "1"}).status_code == 302
    t = recognition.Testimonial.objects.get()
    review = f"/recognition/programs/{cast.program.pk}/testimonials/"
    assert client.get(review).status_code == 404
    client.force_login(cast.manager)
    assert WORDS in client.get(review).content.decode()
    client.post(f"/recognition/testimonials/{t.pk}/decide/", {"approve": "1"})
    t.refresh_from_db()
    assert t.published
    response = client.get(f"/recognition/programs/{cast.program.pk}/story.md")
    assert WORDS in response.content.decode()
    assert AuditEvent.objects.filter(action="recognition.story_exported").exists()
    client.force_login(cast.outsider)
    assert client.get(f"/recognition/programs/{cast.program.pk}/story.md").status_code == 404
