"""Small charts drawn on the server: a ``Chart`` holds labelled series of ``Figure`` values
and renders as accessible SVG (``<title>``, ``<desc>`` and a visually hidden data table) for
pages, or as a ReportLab drawing for the PDF report. Hidden figures (under five people) are
not drawn; the table says "fewer than 5"."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tandem.insights.services.figures import Figure

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 640, 260, 44, 56, 16
COLOURS = ("#2f5d8a", "#e07b39", "#4a9a6a")


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    labels: list[str]
    series: list[tuple[str, list[Figure]]] = field(default_factory=list)
    kind: str = "bar"  # bar | line
    maximum: float | None = None

    def top(self) -> float:
        values = [f.shown for _name, figs in self.series for f in figs if f.shown is not None]
        top = self.maximum or max([abs(v) for v in values] or [1])
        return float(top) or 1.0

    def points(self):
        """(series index, label index, x, y, height) of every shown value."""
        plot_w, plot_h = WIDTH - PAD_LEFT - 8, HEIGHT - PAD_BOTTOM - PAD_TOP
        slot = plot_w / max(len(self.labels), 1)
        width = slot * 0.8 / max(len(self.series), 1)
        for s, (_name, figures) in enumerate(self.series):
            for i, figure in enumerate(figures):
                if figure.shown is None:
                    continue
                h = plot_h * max(float(figure.shown), 0) / self.top()
                x = PAD_LEFT + i * slot + slot * 0.1 + s * width
                yield s, i, x, HEIGHT - PAD_BOTTOM - h, h, width

    def svg(self) -> SafeString:
        sid = escape(self.slug)
        parts = [
            f'<figure class="chart" id="chart-{sid}">',
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'role="img" aria-labelledby="{sid}-title {sid}-desc" width="100%">',
            f'<title id="{sid}-title">{escape(self.title)}</title>',
            f'<desc id="{sid}-desc">{escape(self.description)}</desc>',
            *self._axes(),
            *self._marks(),
            *self._legend(),
            "</svg>",
            self.table(),
            f"<figcaption>{escape(self.title)}</figcaption></figure>",
        ]
        return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped

    def _axes(self) -> list[str]:
        base = HEIGHT - PAD_BOTTOM
        out = [
            f'<line x1="{PAD_LEFT}" y1="{base}" x2="{WIDTH - 8}" y2="{base}" stroke="#555"/>',
            f'<text x="{PAD_LEFT - 6}" y="{PAD_TOP + 4}" text-anchor="end" font-size="11">'
            f"{self.top():g}</text>",
            f'<text x="{PAD_LEFT - 6}" y="{base}" text-anchor="end" font-size="11">0</text>',
        ]
        slot = (WIDTH - PAD_LEFT - 8) / max(len(self.labels), 1)
        step = max(1, len(self.labels) // 12)
        for i, label in enumerate(self.labels):
            if i % step:
                continue
            x = PAD_LEFT + (i + 0.5) * slot
            out.append(
                f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle" font-size="11">'
                f"{escape(label[:18])}</text>"
            )
        return out

    def _marks(self) -> list[str]:
        out = []
        if self.kind == "line":
            by_series: dict[int, list[str]] = {}
            for s, _i, x, y, _h, w in self.points():
                by_series.setdefault(s, []).append(f"{x + w / 2:.1f},{y:.1f}")
            for s, pts in by_series.items():
                out.append(
                    f'<polyline fill="none" stroke="{COLOURS[s % 3]}" stroke-width="2" '
                    f'points="{" ".join(pts)}"/>'
                )
            return out
        for s, _i, x, y, h, w in self.points():
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[s % 3]}"/>'
            )
        return out

    def _legend(self) -> list[str]:
        if len(self.series) < 2:
            return []
        return [
            f'<text x="{PAD_LEFT + 8 + 110 * s}" y="{HEIGHT - 10}" font-size="11" '
            f'fill="{COLOURS[s % 3]}">■ {escape(name)}</text>'
            for s, (name, _f) in enumerate(self.series)
        ]

    def table(self) -> str:
        head = "".join(f'<th scope="col">{escape(name)}</th>' for name, _f in self.series)
        rows = "".join(
            f'<tr><th scope="row">{escape(label)}</th>'
            + "".join(f"<td>{escape(str(figs[i]))}</td>" for _n, figs in self.series)
            + "</tr>"
            for i, label in enumerate(self.labels)
        )
        return (
            f'<table class="visually-hidden"><caption>{escape(self.title)}</caption>'
            f'<thead><tr><th scope="col">{escape(_("Group"))}</th>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )

    def drawing(self, width: float = 460, height: float = 180):
        """The same chart for ReportLab (PDF report)."""
        from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
        from reportlab.lib import colors

        drawing = Drawing(width, height)
        sx, sy = width / WIDTH, height / HEIGHT
        base = (HEIGHT - PAD_BOTTOM) * sy
        drawing.add(Line(PAD_LEFT * sx, height - base, width - 8 * sx, height - base))
        lines: dict[int, list[float]] = {}
        for s, _i, x, y, h, w in self.points():
            colour = colors.HexColor(COLOURS[s % 3])
            if self.kind == "line":
                lines.setdefault(s, []).extend([(x + w / 2) * sx, height - y * sy])
            else:
                drawing.add(
                    Rect(x * sx, height - base, w * sx, h * sy, fillColor=colour, strokeColor=None)
                )
        for s, pts in lines.items():
            drawing.add(PolyLine(pts, strokeColor=colors.HexColor(COLOURS[s % 3]), strokeWidth=1.5))
        slot = (WIDTH - PAD_LEFT - 8) / max(len(self.labels), 1)
        step = max(1, len(self.labels) // 8)
        for i, label in enumerate(self.labels):
            if not i % step:
                x = (PAD_LEFT + (i + 0.5) * slot) * sx
                drawing.add(
                    String(x, height - base - 10, label[:14], fontSize=6, textAnchor="middle")
                )
        return drawing
