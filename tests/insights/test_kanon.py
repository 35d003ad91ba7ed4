"""The k ≥ 5 rule on every output — page, CSV, PDF and story — with 4 and then 5 mentees
answering the paired questions (the mentors' five answers are shown in both cases)."""

import io
import re

import pytest
from pypdf import PdfReader

from tandem.insights.services import exports, report
from tandem.recognition.services import story
from tests.insights.conftest import answer_mentees

CI_5 = "[+0.12; +1.88]"  # see test_metrics for the hand computation
ANY_CI = re.compile(r"\[[+-]\d")  # a gain's interval (signed); the mentors' 5 answers have theirs
GAIN_LINE = "Level gain in Generative AI at work"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(params=[4, 5], ids=["4 respondents", "5 respondents"])
def respondents(request, built, cast):
    answer_mentees(built, request.param)
    return request.param


def test_it_applies_the_rule_on_the_dashboard(respondents, cast, client):
    client.force_login(cast.manager)
    page = client.get(f"/insights/programs/{cast.program.pk}/").content.decode()
    if respondents == 5:
        assert CI_5 in page
    else:
        assert not ANY_CI.search(page)
        assert "fewer than 5" in page


def test_it_applies_the_rule_in_the_csv(respondents, cast):
    text = exports.aggregates_csv(cast.program, cast.manager)
    gain = [line for line in text.splitlines() if ",Mean gain,Generative AI at work," in line]
    adoption = [line for line in text.splitlines() if "All topics" in line]
    expected = "+1.00" if respondents == 5 else "fewer than 5"
    assert gain[0].endswith(f",{expected}")
    assert adoption[0].endswith(",80 %" if respondents == 5 else ",fewer than 5")


def test_it_applies_the_rule_in_the_pdf_report(respondents, cast):
    text = pdf_text(report.build_pdf(cast.program))
    if respondents == 5:
        assert CI_5 in text
    else:
        assert not ANY_CI.search(text)
        assert re.search(GAIN_LINE + r"\s+fewer than 5", text)


def test_it_applies_the_rule_in_the_story(respondents, cast):
    markdown = story.markdown(cast.program)
    html = story.html(cast.program)
    if respondents == 5:
        assert f"**{GAIN_LINE}**: +1.00 {CI_5}" in markdown
        assert CI_5 in html
    else:
        assert f"**{GAIN_LINE}**: fewer than 5" in markdown
        assert not ANY_CI.search(markdown) and not ANY_CI.search(html)
