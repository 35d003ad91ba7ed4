"""Small charts drawn on the server: a ``Chart`` holds labelled series of ``Figure`` values and
renders as accessible SVG for the pages (title and description for screen readers, labelled
axes, each value written on its mark, a legend, and the same figures as a table behind a
disclosure) or as a ReportLab drawing for the PDF report (the same, labels wrapped, never cut).
Hidden figures (under five people) are not drawn; the table says "fewer than 5"; a chart with
nothing to draw says so instead of showing empty axes."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tandem.insights.services.figures import Figure, K

# ReportLab (about 0.3 s to load) is imported inside the PDF functions, so a web worker
# and every command start without it; only a PDF pays for it.

WIDTH, HEIGHT = 560, 300
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 64, 12, 26, 70
FONT = 13
COLOURS = ("#2f5d8a", "#c2571a", "#2e7d4f")
LABEL_CHARS = 14  # per line of an axis label; two lines at most, then smaller


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    labels: list[str]
    series: list[tuple[str, list[Figure]]] = field(default_factory=list)
    kind: str = "bar"  # bar | line
    maximum: float | None = None
    y_label: str = ""
    x_label: str = ""
    survey: bool = True  # from survey answers: "not enough answers yet" when empty

    @property
    def has_data(self) -> bool:
        return any(f.shown is not None for _name, figs in self.series for f in figs)

    @property
    def empty_text(self) -> str:
        if self.survey:
            return _("Not enough answers yet (fewer than %(k)s).") % {"k": K}
        return _("Nothing to show yet.")

    def top(self) -> float:
        values = [f.shown for _name, figs in self.series for f in figs if f.shown is not None]
        return float(self.maximum or nice(max([abs(v) for v in values] or [1])))

    def drawn(self) -> list[int]:
        """The labels drawn: every one on a line; on bars, those with a value to show (the
        table lists the others, "fewer than 5")."""
        if self.kind == "line":
            return list(range(len(self.labels)))
        return [
            i
            for i in range(len(self.labels))
            if any(i < len(figs) and figs[i].shown is not None for _n, figs in self.series)
        ]

    def _chars(self) -> int:
        slot = self._plot()[0] / max(len(self.drawn()), 1)
        return max(6, int(slot / (FONT * 0.58)))

    def _plot(self) -> tuple[float, float]:
        return WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_BOTTOM - PAD_TOP

    def points(self):
        """(series index, label index, x, y, height, width, figure) of every shown value."""
        plot_w, plot_h = self._plot()
        drawn = self.drawn()
        slot = plot_w / max(len(drawn), 1)
        width = slot * 0.8 / max(len(self.series), 1)
        for s, (_name, figures) in enumerate(self.series):
            for place, i in enumerate(drawn):
                figure = figures[i] if i < len(figures) else None
                if figure is None or figure.shown is None:
                    continue
                h = plot_h * max(float(figure.shown), 0) / self.top()
                x = PAD_LEFT + place * slot + slot * 0.1 + s * width
                yield s, i, x, HEIGHT - PAD_BOTTOM - h, h, width, figure

    def _label_places(self):
        """(x in chart units, lines) of each label drawn, every ``step``-th when crowded."""
        drawn = self.drawn()
        slot = self._plot()[0] / max(len(drawn), 1)
        step = max(1, -(-len(drawn) // 12))
        chars = self._chars()
        for place, i in enumerate(drawn):
            if not place % step:
                yield PAD_LEFT + (place + 0.5) * slot, wrap(self.labels[i], chars)

    # Pages

    def svg(self) -> SafeString:
        """The legend, the chart (or the "not enough" message) and the table behind it."""
        if not self.has_data:
            return mark_safe(  # noqa: S308 - escaped
                f'<p class="no-data">{escape(self.empty_text)}</p>{self.table()}'
            )
        sid = escape(self.slug)
        parts = [
            self.legend(),
            f'<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-labelledby="{sid}-title {sid}-desc" width="100%">',
            f'<title id="{sid}-title">{escape(self.title)}</title>',
            f'<desc id="{sid}-desc">{escape(self.description)}</desc>',
            *self._axes(),
            *self._marks(),
            "</svg>",
            self.table(),
        ]
        return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped

    def legend(self) -> str:
        items = "".join(
            f'<li><span class="swatch swatch-{s % 3}" aria-hidden="true"></span>{escape(name)}</li>'
            for s, (name, _f) in enumerate(self.series)
        )
        return f'<ul class="legend" aria-label="{escape(_("Legend"))}">{items}</ul>'

    def _ticks(self) -> list[float]:
        top = self.top()
        return [0.0, top / 2, top]

    def _axes(self) -> list[str]:
        base = HEIGHT - PAD_BOTTOM
        plot_w, plot_h = self._plot()
        out = []
        for tick in self._ticks():
            y = base - plot_h * tick / self.top()
            out.append(
                f'<line x1="{PAD_LEFT}" y1="{y:.1f}" x2="{WIDTH - PAD_RIGHT}" y2="{y:.1f}" '
                f'stroke="{"#555" if tick == 0 else "#d3d8de"}"/>'
            )
            out.append(
                f'<text x="{PAD_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
                f'font-size="{FONT}">{_tick(tick)}</text>'
            )
        for x, lines in self._label_places():
            tspans = "".join(
                f'<tspan x="{x:.1f}" dy="{0 if k == 0 else FONT + 1}">{escape(line)}</tspan>'
                for k, line in enumerate(lines)
            )
            size = FONT if len(lines) <= 2 else FONT - 2
            out.append(
                f'<text x="{x:.1f}" y="{base + FONT + 4}" text-anchor="middle" '
                f'font-size="{size}">{tspans}</text>'
            )
        if self.y_label:
            out.append(
                f'<text transform="translate(16 {PAD_TOP + plot_h / 2:.1f}) rotate(-90)" '
                f'text-anchor="middle" font-size="{FONT}" font-weight="600">'
                f"{escape(self.y_label)}</text>"
            )
        if self.x_label:
            out.append(
                f'<text x="{PAD_LEFT + plot_w / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" '
                f'font-size="{FONT}" font-weight="600">{escape(self.x_label)}</text>'
            )
        return out

    def _marks(self) -> list[str]:
        out, lines = [], {}
        for s, _i, x, y, h, w, figure in self.points():
            colour = COLOURS[s % 3]
            cx = x + w / 2
            if self.kind == "line":
                lines.setdefault(s, []).append(f"{cx:.1f},{y:.1f}")
                out.append(f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>')
            else:
                out.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                    f'fill="{colour}"/>'
                )
            out.append(
                f'<text x="{cx:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="{FONT - 1}" '
                f'font-weight="600">{escape(str(figure))}</text>'
            )
        for s, pts in lines.items():
            out.insert(
                0,
                f'<polyline fill="none" stroke="{COLOURS[s % 3]}" stroke-width="2.5" '
                f'points="{" ".join(pts)}"/>',
            )
        return out

    def table(self) -> str:
        """The figures as a table, behind a disclosure, scrolling inside its frame if wide."""
        head = "".join(f'<th scope="col">{escape(name)}</th>' for name, _f in self.series)
        rows = "".join(
            f'<tr><th scope="row">{escape(label)}</th>'
            + "".join(f"<td>{escape(str(figs[i]))}</td>" for _n, figs in self.series)
            + "</tr>"
            for i, label in enumerate(self.labels)
        )
        if not rows:
            return ""
        return (
            f'<details class="chart-table"><summary>{escape(_("The figures as a table"))}'
            f'<span class="visually-hidden"> — {escape(self.title)}</span></summary>'
            f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(self.title)}">'
            f'<table><caption class="visually-hidden">'
            f"{escape(self.title)}</caption>"
            f'<thead><tr><th scope="col">{escape(self.x_label or _("Group"))}</th>{head}</tr>'
            f"</thead><tbody>{rows}</tbody></table></div></details>"
        )

    # PDF

    def drawing(self, width: float = 460, height: float = 230):
        """The same chart for ReportLab: values on the marks, axes labelled, a legend, the
        labels wrapped (never cut); or the "not enough answers" sentence."""
        from reportlab.graphics.shapes import Drawing, String
        from reportlab.lib import colors

        if not self.has_data:
            drawing = Drawing(width, 24)
            drawing.add(String(0, 8, self.empty_text, fontSize=9, fillColor=colors.grey))
            return drawing
        drawing = Drawing(width, height + 16)  # the legend above the plot
        scale = _Scale(width / WIDTH, height / HEIGHT, height)
        self._pdf_axes(drawing, scale)
        self._pdf_marks(drawing, scale)
        self._pdf_legend(drawing, scale)
        return drawing

    def _pdf_axes(self, drawing, k: _Scale) -> None:
        from reportlab.graphics.shapes import Group, Line, String
        from reportlab.lib import colors

        base = HEIGHT - PAD_BOTTOM
        plot_w, plot_h = self._plot()
        for tick in self._ticks():
            y = k.y(base - plot_h * tick / self.top())
            grey = colors.HexColor("#555555" if tick == 0 else "#d3d8de")
            drawing.add(Line(PAD_LEFT * k.x, y, (WIDTH - PAD_RIGHT) * k.x, y, strokeColor=grey))
            drawing.add(
                String(PAD_LEFT * k.x - 3, y - 2, _tick(tick), fontSize=6, textAnchor="end")
            )
        depth = 1
        for x, lines in self._label_places():
            depth = max(depth, len(lines))
            for n, line in enumerate(lines):
                drawing.add(
                    String(x * k.x, k.y(base) - 9 - 7 * n, line, fontSize=6, textAnchor="middle")
                )
        if self.x_label:  # right under the lowest line of labels
            y = max(2, k.y(base) - 9 - 7 * depth - 6)
            drawing.add(String(WIDTH * k.x / 2, y, self.x_label, fontSize=7, textAnchor="middle"))
        if self.y_label:
            label = Group(String(0, 0, self.y_label, fontSize=7, textAnchor="middle"))
            label.translate(8, k.y(PAD_TOP + plot_h / 2))
            label.rotate(90)
            drawing.add(label)

    def _pdf_marks(self, drawing, k: _Scale) -> None:
        from reportlab.graphics.shapes import PolyLine, Rect, String
        from reportlab.lib import colors

        lines: dict[int, list[float]] = {}
        for s, _i, x, y, h, w, figure in self.points():
            cx = (x + w / 2) * k.x
            if self.kind == "line":
                lines.setdefault(s, []).extend([cx, k.y(y)])
            else:
                colour = colors.HexColor(COLOURS[s % 3])
                rect = Rect(x * k.x, k.y(y + h), w * k.x, h * k.yscale, fillColor=colour)
                rect.strokeColor = None
                drawing.add(rect)
            drawing.add(String(cx, k.y(y) + 3, str(figure), fontSize=6, textAnchor="middle"))
        for s, points in lines.items():
            colour = colors.HexColor(COLOURS[s % 3])
            drawing.add(PolyLine(points, strokeColor=colour, strokeWidth=1.5))

    def _pdf_legend(self, drawing, k: _Scale) -> None:
        from reportlab.graphics.shapes import Rect, String
        from reportlab.lib import colors

        x = PAD_LEFT * k.x
        for s, (name, _f) in enumerate(self.series):
            colour = colors.HexColor(COLOURS[s % 3])
            drawing.add(Rect(x, k.height + 4, 8, 8, fillColor=colour, strokeColor=None))
            drawing.add(String(x + 11, k.height + 5, name, fontSize=7))
            x += 20 + 4.2 * len(name)


@dataclass(frozen=True)
class _Scale:
    """From the SVG's units (y downwards) to the PDF drawing's (y upwards)."""

    x: float
    yscale: float
    height: float

    def y(self, value: float) -> float:
        return self.height - value * self.yscale


def _tick(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def wrap(label: str, chars: int = LABEL_CHARS) -> list[str]:
    """An axis label on at most three short lines (words kept whole; nothing cut)."""
    lines = textwrap.wrap(label, chars, break_long_words=False) or [""]
    if len(lines) > 3:
        lines = textwrap.wrap(label, -(-len(label) // 3) + 2, break_long_words=False)
    return lines


def nice(value: float) -> float:
    """The axis top: 1, 2, 4 or 5 times a power of ten, at least ``value`` (29 → 40)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 4, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)
