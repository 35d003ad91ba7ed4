"""The impact report's charts: each kept on one page with its title, with its values, its
legend and its axis labels whole; a chart with nothing to draw says so."""

import io

from pypdf import PdfReader

from tandem.insights.services import report
from tandem.insights.services.charts import Chart, nice, wrap
from tandem.insights.services.figures import Figure
from tests.insights.conftest import answer_mentees


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _page_of(pages: list[str], text: str) -> str:
    found = [page for page in pages if text in page]
    assert found, text
    return found[0]


def test_it_keeps_each_chart_with_its_title_values_and_legend(built, cast):
    answer_mentees(built, 5)
    pages = _pages(report.build_pdf(cast.program))
    assert len(pages) >= 2
    levels = _page_of(pages, "Self-assessed level before and after, per topic")
    for text in ("Before", "After", "1.80", "2.80", "Generative AI at", "work", "Level (1–4)"):
        assert text in levels, text
    meetings = _page_of(pages, "Meetings held per month")
    assert "Month" in meetings and "Meetings" in meetings
    adoption = _page_of(pages, "Adoption of the tools, per topic")
    assert "80 %" in adoption and "People (%)" in adoption


def test_it_says_when_a_chart_has_not_enough_answers(built, cast):
    answer_mentees(built, 4)
    pages = _pages(report.build_pdf(cast.program))
    levels = _page_of(pages, "Self-assessed level before and after, per topic")
    assert "Not enough answers yet (fewer than 5)." in levels


def test_it_wraps_long_labels_instead_of_cutting_them():
    label = "Reliable information and fact-checking"
    assert " ".join(wrap(label)) == label
    chart = Chart("t", "Title", "Desc", [label], [("Series", [Figure(3.0, 9, "mean")])])
    svg = str(chart.svg())
    for word in label.split():
        assert word in svg
    assert "fact-checking" in svg and ">3.00<" in svg and "Series" in svg


def test_it_draws_no_empty_axes():
    chart = Chart("t", "Title", "Desc", ["a", "b"], [("Series", [Figure(3, 2), Figure(1, 4)])])
    html = str(chart.svg())
    assert "<svg" not in html and "Not enough answers yet (fewer than 5)." in html
    assert "<details" in html and "fewer than 5" in html  # the table still says what it hides


def test_it_picks_round_axis_tops():
    assert [nice(v) for v in (0.3, 3, 29, 100, 101)] == [0.4, 4.0, 40.0, 100.0, 200.0]
