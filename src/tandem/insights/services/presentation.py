"""One flat reading of a program's metrics, shared by the dashboard, the CSV export, the PDF
report and the program story, so they all show the same figures with the same k ≥ 5 rule."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.insights.services.charts import Chart
from tandem.insights.services.figures import Figure, interval
from tandem.insights.services.metrics import PARTICIPATION_LABELS, Metrics
from tandem.mentorships.models import Participant

MEETING_LABELS = {
    "held": gettext_lazy("Meetings held"),
    "scheduled": gettext_lazy("Meetings planned (held, missed or to come)"),
    "held_share": gettext_lazy("Share of planned meetings held"),
}


def rows(m: Metrics) -> list[tuple[str, str, str, str]]:
    """(section, metric, group, value as shown) for every aggregate."""
    out = []
    for key, figure in m.participation.items():
        out.append((_("Participation"), str(PARTICIPATION_LABELS[key]), "", str(figure)))
    for key, figure in m.meetings.items():
        out.append((_("Meetings"), str(MEETING_LABELS[key]), "", str(figure)))
    for month, figure in m.held_by_month:
        out.append(
            (_("Meetings"), str(_("Meetings held per month")), f"{month:%Y-%m}", str(figure))
        )
    o = m.outcomes
    for row in o.satisfaction:
        group = f"{row['role']} · {row['moment']}"
        out.append((_("Satisfaction"), _("Satisfaction (1–5)"), group, str(row["satisfaction"])))
        out.append((_("Satisfaction"), _("Usefulness (1–5)"), group, str(row["usefulness"])))
    for label, figure in o.nps.items():
        out.append((_("Satisfaction"), _("Net promoter score"), label, str(figure)))
    for value, figure in o.distribution:
        out.append((_("Satisfaction"), _("Final satisfaction answers"), str(value), str(figure)))
    for row in o.perceptions:
        group = f"{row['role']} · {row['statement']}"
        out.append((_("Perceptions"), _("Agreement before (1–5)"), group, str(row["before"])))
        out.append((_("Perceptions"), _("Agreement after (1–5)"), group, str(row["after"])))
    out.append((_("Tools"), _("Adoption of weekly or daily use"), _("All topics"), str(o.adoption)))
    for topic, figure in o.adoption_by_topic:
        out.append((_("Tools"), _("Adoption of weekly or daily use"), topic, str(figure)))
    for g in o.gains:
        out += [
            (_("Skills"), _("Level before (1–4)"), g.topic, str(g.before)),
            (_("Skills"), _("Level after (1–4)"), g.topic, str(g.after)),
            (_("Skills"), _("Mean gain"), g.topic, str(g.gain)),
            (_("Skills"), _("Effect size (Cohen's d_z)"), g.topic, str(g.d_z)),
            (
                _("Skills"),
                # Translators: "95%" is a percentage, not a format code.
                # xgettext:no-python-format
                _("95% confidence interval of the gain"),
                g.topic,
                interval(g.ci_low, g.ci_high),
            ),
        ]
    out.append(
        (_("Reciprocity"), _("Logs in which the mentor learned something"), "", str(m.reciprocity))
    )
    for label, figure in o.custom:
        out.append((_("Program questions"), label, "", str(figure)))
    return out


def key_figures(m: Metrics) -> list[tuple[str, str]]:
    """The few figures a newsletter or a cover page shows."""
    o = m.outcomes
    everyone = o.nps.get(str(_("Everyone")), Figure(None, 0))
    final = [r for r in o.satisfaction if r["role"] == _("Everyone")][-1]["satisfaction"]
    pairs = [
        (_("People matched"), str(m.participation["matched"])),
        (_("Mentorships completed"), str(m.participation["completed"])),
        (_("Meetings held"), str(m.meetings["held"])),
        (_("Final satisfaction (1–5)"), str(final)),
        (_("Net promoter score"), str(everyone)),
        (_("Adoption of weekly or daily use of the tools"), str(o.adoption)),
        (_("Logs in which the mentor learned something"), str(m.reciprocity)),
    ]
    for g in o.gains:
        pairs.append(
            (
                _("Level gain in %(topic)s") % {"topic": g.topic},
                f"{g.gain} {interval(g.ci_low, g.ci_high)}" if not g.gain.hidden else str(g.gain),
            )
        )
    return pairs


def charts(m: Metrics) -> list[Chart]:
    o = m.outcomes
    started = [f"{d:%Y-%m}" for d, _f in m.started_by_month]
    held = [f"{d:%Y-%m}" for d, _f in m.held_by_month]
    return [
        Chart(
            "participation",
            _("Mentorships started, cumulative"),
            _("How many mentorships had started by the end of each month."),
            started,
            [(_("Mentorships"), [f for _d, f in m.started_by_month])],
            kind="line",
        ),
        Chart(
            "meetings",
            _("Meetings held per month"),
            _("Number of meetings marked held, month by month."),
            held,
            [(_("Meetings held"), [f for _d, f in m.held_by_month])],
        ),
        Chart(
            "levels",
            _("Self-assessed level before and after, per topic"),
            _("Mean level from 1 to 4 at the start and at the end, for people who answered both."),
            [g.topic for g in o.gains],
            [(_("Before"), [g.before for g in o.gains]), (_("After"), [g.after for g in o.gains])],
            maximum=4,
        ),
        Chart(
            "adoption",
            _("Adoption of the tools, per topic"),
            _(
                "Share of people below weekly use at the start who use the tools weekly or "
                "daily at the end."
            ),
            [t for t, _f in o.adoption_by_topic],
            [(_("Adoption (%)"), [f for _t, f in o.adoption_by_topic])],
            maximum=100,
        ),
        Chart(
            "satisfaction",
            _("Final satisfaction, distribution"),
            _("Number of final answers at each satisfaction level from 1 to 5."),
            [str(v) for v, _f in o.distribution],
            [(_("Answers"), [f for _v, f in o.distribution])],
        ),
    ]


def role_label(role: str) -> str:
    return str(Participant.Role(role).label)
