"""The impact report for the sponsor, as a PDF (ReportLab, no system library): objective,
participation, effects with their confidence intervals, charts, and the sections other apps
contribute (recognition adds the approved testimonials via ``register_section``, since it sits
above insights)."""

from __future__ import annotations

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.insights.services import metrics
from tandem.insights.services.figures import interval
from tandem.insights.services.presentation import charts, key_figures
from tandem.operations.dates import date_text
from tandem.programs.models import Program

# ReportLab (about 0.3 s to load) is imported inside the PDF functions, so a web worker
# and every command start without it; only a PDF pays for it.

# name -> function(program) -> (heading, [paragraphs]) or None
Section = Callable[[Program], tuple[str, list[str]] | None]
SECTIONS: dict[str, Section] = {}


def register_section(name: str) -> Callable[[Section], Section]:
    def decorator(fn: Section) -> Section:
        SECTIONS[name] = fn
        return fn

    return decorator


def _table(data, widths=None):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _effects(m) -> list[list[str]]:
    data = [[_("Topic"), _("Before"), _("After"), _("Gain"), _("d_z"), _("95% CI")]]
    for g in m.outcomes.gains:
        data.append(
            [
                g.topic,
                str(g.before),
                str(g.after),
                str(g.gain),
                str(g.d_z),
                interval(g.ci_low, g.ci_high),
            ]
        )
    return data


def _perceptions(m) -> list[list[str]]:
    data = [[_("Statement"), _("Before"), _("After"), _("Change"), _("d_z"), _("95% CI")]]
    for row in m.outcomes.perceptions:
        data.append(
            [
                f"{row['statement']} ({row['role']})",
                str(row["before"]),
                str(row["after"]),
                str(row["change"]),
                str(row["d_z"]),
                interval(row["ci_low"], row["ci_high"]),
            ]
        )
    return data


def _satisfaction(m) -> list[list[str]]:
    data = [
        [_("Who, when"), _("Satisfaction (1–5)"), _("95% CI"), _("Usefulness (1–5)"), _("95% CI")]
    ]
    for row in m.outcomes.satisfaction:
        data.append(
            [
                f"{row['role']} · {row['moment']}",
                str(row["satisfaction"]),
                interval(row["satisfaction_low"], row["satisfaction_high"]),
                str(row["usefulness"]),
                interval(row["usefulness_low"], row["usefulness_high"]),
            ]
        )
    return data


def _chart(chart, styles):
    """A chart kept on one page with its title and description."""
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    return KeepTogether(
        [
            Paragraph(escape(chart.title), styles["Heading3"]),
            Paragraph(escape(chart.description), styles["Italic"]),
            Spacer(1, 4),
            chart.drawing(),
            Spacer(1, 8),
        ]
    )


def _cell(text: str, styles):
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), styles["BodyText"])


def _wrapped(data: list[list[str]], styles) -> list[list]:
    """Table cells as paragraphs, so long labels wrap instead of running out."""
    small = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    return [[_cell(str(value), {"BodyText": small}) for value in row] for row in data]


def _tables(m, styles) -> list:
    """Perceptions and satisfaction, each table kept with its heading, then the charts'
    heading."""
    from reportlab.platypus import KeepTogether, Paragraph

    return [
        KeepTogether(
            [
                Paragraph(escape(_("Change in perceptions")), styles["Heading2"]),
                _table(_wrapped(_perceptions(m), styles), [180, 45, 45, 50, 45, 95]),
            ]
        ),
        KeepTogether(
            [
                Paragraph(escape(_("Satisfaction and usefulness")), styles["Heading2"]),
                _table(_wrapped(_satisfaction(m), styles), [150, 70, 80, 70, 80]),
            ]
        ),
        Paragraph(escape(_("Charts")), styles["Heading2"]),
    ]


def build_pdf(program: Program) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    m = metrics.for_program(program)
    styles = getSampleStyleSheet()
    story = [
        Paragraph(escape(_("Impact report: %(p)s") % {"p": program.name}), styles["Title"]),
        Paragraph(
            escape(_("%(start)s to %(end)s · produced %(today)s"))
            % {
                "start": date_text(program.start),
                "end": date_text(program.end),
                "today": date_text(timezone.localdate()),
            },
            styles["Normal"],
        ),
        Paragraph(escape(_("Objective")), styles["Heading2"]),
        Paragraph(escape(program.objective or "—"), styles["Normal"]),
        Paragraph(escape(_("Key figures")), styles["Heading2"]),
        _table(
            _wrapped([[_("Figure"), _("Value")], *[[a, b] for a, b in key_figures(m)]], styles),
            [260, 200],
        ),
        Paragraph(escape(_("Effects on skills")), styles["Heading2"]),
        _table(_wrapped(_effects(m), styles), [150, 50, 50, 50, 50, 100]),
        Paragraph(
            escape(
                _(
                    # xgettext:no-python-format
                    "Paired answers at the start and the end; d_z is the mean gain over its "
                    "standard deviation; the interval is the 95% confidence interval of the mean "
                    "gain (Student's t). Figures over fewer than 5 people are not shown."
                )
            ),
            styles["Italic"],
        ),
    ]
    story += _tables(m, styles)
    story += [_chart(chart, styles) for chart in charts(m)]
    for section in SECTIONS.values():
        if (found := section(program)) is not None:
            heading, paragraphs = found
            story.append(Paragraph(escape(heading), styles["Heading2"]))
            story += [Paragraph(escape(p), styles["Normal"]) for p in paragraphs]
            story.append(Spacer(1, 6))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=program.name).build(story)
    return buffer.getvalue()


def impact_report(program: Program, actor) -> bytes:
    """The PDF, with an ``insights.report_downloaded`` audit event."""
    pdf = build_pdf(program)
    record(actor, "insights.report_downloaded", program)
    return pdf
