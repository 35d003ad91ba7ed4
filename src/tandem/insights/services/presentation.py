"""One flat reading of a program's metrics, shared by the dashboard, the CSV export, the PDF
report and the program story, so they all show the same figures with the same k ≥ 5 rule."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.insights.models import Moment
from tandem.insights.services.charts import Chart
from tandem.insights.services.figures import interval
from tandem.insights.services.headline import key_figures  # noqa: F401  (report, story)
from tandem.insights.services.metrics import PARTICIPATION_LABELS, Metrics
from tandem.operations.dates import month_text

# Translators: "95%" is a percentage, not a format code.
# xgettext:no-python-format
CI_LABEL = gettext_lazy("95% confidence interval")

MEETING_LABELS = {
    "held": gettext_lazy("Meetings held"),
    "scheduled": gettext_lazy("Meetings planned (held, missed or to come)"),
    "held_share": gettext_lazy("Share of planned meetings held"),
}


def _satisfaction_rows(o) -> list[tuple[str, str, str, str]]:
    out = []
    for row in o.satisfaction:
        group = f"{row['role']} · {row['moment']}"
        for key, label in (
            ("satisfaction", _("Satisfaction (1–5)")),
            ("usefulness", _("Usefulness (1–5)")),
        ):
            out.append((_("Satisfaction"), label, group, str(row[key])))
            interval_text = interval(row[f"{key}_low"], row[f"{key}_high"])
            out.append((_("Satisfaction"), f"{label} · {CI_LABEL}", group, interval_text))
    for label, figure in o.nps.items():
        out.append((_("Satisfaction"), _("Net promoter score"), label, str(figure)))
    answers = _("Satisfaction answers (%(moment)s)") % {
        "moment": Moment(o.distribution_moment).label
    }
    for value, figure in o.distribution:
        out.append((_("Satisfaction"), answers, str(value), str(figure)))
    return out


def rows(m: Metrics) -> list[tuple[str, str, str, str]]:
    """(section, metric, group, value as shown) for every aggregate, section by section."""
    o = m.outcomes
    return [
        *_participation_rows(m),
        *_meeting_rows(m),
        *_satisfaction_rows(o),
        *_perception_rows(o),
        *_tool_rows(o),
        *_skill_rows(o),
        (_("Reciprocity"), _("Logs in which the mentor learned something"), "", str(m.reciprocity)),
        *((_("Program questions"), label, "", str(figure)) for label, figure in o.custom),
    ]


def _participation_rows(m: Metrics) -> list[tuple[str, str, str, str]]:
    section = _("Participation")
    return [(section, str(PARTICIPATION_LABELS[k]), "", str(f)) for k, f in m.participation.items()]


def _meeting_rows(m: Metrics) -> list[tuple[str, str, str, str]]:
    section, per_month = _("Meetings"), str(_("Meetings held per month"))
    out = [
        (section, str(MEETING_LABELS[key]), "", str(figure)) for key, figure in m.meetings.items()
    ]
    out += [(section, per_month, month_text(month), str(f)) for month, f in m.held_by_month]
    return out


def _perception_rows(o) -> list[tuple[str, str, str, str]]:
    out = []
    for row in o.perceptions:
        group = f"{row['role']} · {row['statement']}"
        out += [
            (_("Perceptions"), _("Agreement before (1–5)"), group, str(row["before"])),
            (_("Perceptions"), _("Agreement after (1–5)"), group, str(row["after"])),
            (_("Perceptions"), _("Mean change"), group, str(row["change"])),
            (_("Perceptions"), _("Effect size (Cohen's d_z)"), group, str(row["d_z"])),
            (
                _("Perceptions"),
                f"{_('Mean change')} · {CI_LABEL}",
                group,
                interval(row["ci_low"], row["ci_high"]),
            ),
        ]
    return out


def _tool_rows(o) -> list[tuple[str, str, str, str]]:
    label = _("Adoption of weekly or daily use")
    out = [(_("Tools"), label, _("All topics"), str(o.adoption))]
    out += [(_("Tools"), label, topic, str(figure)) for topic, figure in o.adoption_by_topic]
    return out


def _skill_rows(o) -> list[tuple[str, str, str, str]]:
    out = []
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
    return out


def charts(m: Metrics) -> list[Chart]:
    """The dashboard's and the report's charts, in the order they are shown."""
    o = m.outcomes
    return [
        _started_chart(m),
        _held_chart(m),
        _levels_chart(o),
        _adoption_chart(o),
        _satisfaction_chart(o),
    ]


def _started_chart(m: Metrics) -> Chart:
    return Chart(
        "participation",
        _("Mentorships started, cumulative"),
        _("How many mentorships had started by the end of each month."),
        [month_text(d) for d, _f in m.started_by_month],
        [(_("Mentorships started"), [f for _d, f in m.started_by_month])],
        kind="line",
        y_label=_("Mentorships"),
        x_label=_("Month"),
        survey=False,
    )


def _held_chart(m: Metrics) -> Chart:
    return Chart(
        "meetings",
        _("Meetings held per month"),
        _("Number of meetings marked held, month by month."),
        [month_text(d) for d, _f in m.held_by_month],
        [(_("Meetings held"), [f for _d, f in m.held_by_month])],
        y_label=_("Meetings"),
        x_label=_("Month"),
        survey=False,
    )


def _levels_chart(o) -> Chart:
    return Chart(
        "levels",
        _("Self-assessed level before and after, per topic"),
        _("Mean level from 1 to 4 at the start and at the end, for people who answered both."),
        [g.topic for g in o.gains],
        [(_("Before"), [g.before for g in o.gains]), (_("After"), [g.after for g in o.gains])],
        maximum=4,
        y_label=_("Level (1–4)"),
        x_label=_("Topic"),
    )


def _adoption_chart(o) -> Chart:
    return Chart(
        "adoption",
        _("Adoption of the tools, per topic"),
        _(
            "Share of people below weekly use at the start who use the tools weekly or "
            "daily at the end."
        ),
        [t for t, _f in o.adoption_by_topic],
        [(_("Adoption (%)"), [f for _t, f in o.adoption_by_topic])],
        maximum=100,
        y_label=_("People (%)"),
        x_label=_("Topic"),
    )


def _satisfaction_chart(o) -> Chart:
    return Chart(
        "satisfaction",
        _("Satisfaction, distribution (%(moment)s)")
        % {"moment": Moment(o.distribution_moment).label},
        _("Number of answers at each satisfaction level from 1 to 5."),
        [str(v) for v, _f in o.distribution],
        [(_("Answers"), [f for _v, f in o.distribution])],
        y_label=_("Answers"),
        x_label=_("Satisfaction (1 = not at all, 5 = very)"),
    )
