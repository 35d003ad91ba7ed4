"""The key figures of a program, defined once for the dashboard's cards, the impact report's
table, the story and the sponsor's pages: each with its label, its ``Figure`` (k ≥ 5) and a
note (which survey, its interval); the dashboard adds the previous cohort's value."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tandem.insights.models import Moment
from tandem.insights.services.figures import Figure, interval
from tandem.insights.services.metrics import PARTICIPATION_LABELS, Metrics


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str
    figure: Figure
    note: str = ""
    moment: str = ""  # the survey a satisfaction figure comes from
    interval: str = ""  # "[+0.12; +1.88]", the 95 % confidence interval of a gain


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    note: str = ""
    previous: str = ""  # "23 in Generative AI for leaders 2025"
    trend: str = ""  # up | down | ""


def _everyone(m: Metrics, moment: str) -> dict | None:
    label = str(Moment(moment).label)
    return next(
        (r for r in m.outcomes.satisfaction if r["role"] == _("Everyone") and r["moment"] == label),
        None,
    )


def satisfaction(m: Metrics) -> KeyFigure:
    """At the end of the mentorships when five people answered, else at midpoint."""
    for moment in (Moment.FINAL, Moment.MIDPOINT):
        row = _everyone(m, moment)
        if row is not None and row["satisfaction"].shown is not None:
            note = _("%(moment)s survey, 95%% interval %(ci)s") % {
                "moment": Moment(moment).label,
                "ci": interval(row["satisfaction_low"], row["satisfaction_high"]),
            }
            return KeyFigure(
                "satisfaction", _("Satisfaction (1–5)"), row["satisfaction"], note, moment
            )
    row = _everyone(m, Moment.FINAL)
    figure = row["satisfaction"] if row else Figure(None, 0, "mean")
    return KeyFigure("satisfaction", _("Satisfaction (1–5)"), figure, _("not enough answers yet"))


def headline(m: Metrics) -> list[KeyFigure]:
    o = m.outcomes
    everyone = o.nps.get(str(_("Everyone")), Figure(None, 0, "score"))
    figures = [
        KeyFigure(key, str(PARTICIPATION_LABELS[key]), m.participation[key])
        for key in ("enrolled", "matched", "active", "completed")
    ]
    figures += [
        KeyFigure("held", _("Meetings held"), m.meetings["held"]),
        satisfaction(m),
        KeyFigure("nps", _("Net promoter score"), everyone, _("end of the mentorship")),
        KeyFigure("adoption", _("Adoption of weekly or daily use of the tools"), o.adoption),
        KeyFigure("reciprocity", _("Logs in which the mentor learned something"), m.reciprocity),
    ]
    for g in o.gains:
        figures.append(
            KeyFigure(
                f"gain:{g.topic}",
                _("Level gain in %(topic)s") % {"topic": g.topic},
                g.gain,
                interval="" if g.gain.hidden else interval(g.ci_low, g.ci_high),
            )
        )
    return figures


def _trend(now: Figure, before: Figure) -> tuple[str, str]:
    """(the change since the previous cohort as shown, "up" or "down")."""
    if now.shown is None or before.shown is None:
        return "", ""
    delta = float(now.shown) - float(before.shown)
    if abs(delta) < 1e-9:
        return _("unchanged"), ""
    style = "signed" if now.style in ("mean", "signed") else "score"
    text = str(Figure(delta, max(now.n, before.n), style))
    if now.style == "percent":
        text = _("%(n)s points") % {"n": text}
    return text, "up" if delta > 0 else "down"


def cards(m: Metrics, previous: Metrics | None = None, previous_name: str = "") -> list[Card]:
    """The key figures as cards, each compared with the previous cohort where one exists."""
    before = {k.key: k.figure for k in headline(previous)} if previous else {}
    out = []
    for k in headline(m):
        if k.key.startswith("gain:") and k.figure.hidden:
            continue  # the skills table lists every topic; a card says something
        prev, text, trend = before.get(k.key), "", ""
        if previous and k.moment:  # compare the same survey: midpoint with midpoint
            row = _everyone(previous, k.moment)
            prev = row["satisfaction"] if row else None
        if prev is not None and prev.shown is not None:
            change, trend = _trend(k.figure, prev)
            text = _("%(value)s in %(cohort)s") % {"value": prev, "cohort": previous_name}
            if change:
                text = f"{change} · {text}"
        note = k.note or (_("95%% interval %(ci)s") % {"ci": k.interval} if k.interval else "")
        out.append(Card(k.label, str(k.figure), note, text, trend))
    return out


def key_figures(m: Metrics) -> list[tuple[str, str]]:
    """(label, value as shown, with its note) for the report and the story."""
    out = []
    for k in headline(m):
        value = f"{k.figure} {k.interval}" if k.interval else str(k.figure)
        out.append((k.label, f"{value} ({k.note})" if k.note else value))
    return out
