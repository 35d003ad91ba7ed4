"""The impact report parses and carries the program's figures; the command writes it."""

import io

from django.core.management import call_command
from pypdf import PdfReader

from tandem.accounts.models import AuditEvent
from tandem.insights.services import report
from tests.insights.conftest import answer_mentees


def text_of(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_it_writes_the_figures_into_the_pdf(built, cast):
    answer_mentees(built, 5)
    cast.program.objective = "Bring leaders to use generative AI every week."
    cast.program.save()
    text = text_of(report.build_pdf(cast.program))
    assert "Impact report: GenAI for leaders" in text
    assert "Bring leaders to use generative AI every week." in text
    assert "+1.00 [+0.12; +1.88]" in text  # gain and its 95 % interval (test_metrics)
    assert "1.41" in text  # d_z
    assert "80 %" in text  # adoption
    assert "60 %" in text  # reciprocity
    assert "secret words" not in text


def test_it_writes_the_report_from_the_command(built, cast, tmp_path):
    target = tmp_path / "report.pdf"
    call_command("report", cast.program.slug, "--pdf", str(target))
    assert "Impact report" in text_of(target.read_bytes())
    assert AuditEvent.objects.filter(action="insights.report_downloaded").count() == 1
