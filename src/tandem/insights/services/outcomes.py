"""What the surveys say, in aggregate: satisfaction and NPS by role, perceptions of the other
generation before and after, tool adoption, skill gain per topic with its effect size and
confidence interval, and the managers' own questions. Answers pair up by (person, mentorship,
question key, topic) between the baseline and the final survey (``AnswerPair``, kept by
``summary``) and are summed in SQL (``pairing``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.insights.catalogue import QUESTIONS
from tandem.insights.models import Answer, Moment, Question
from tandem.insights.services import stats, summary
from tandem.insights.services.figures import Figure, K
from tandem.insights.services.pairing import Asked, PairGroup, paired_groups, question_group
from tandem.mentorships.models import Participant
from tandem.people.models import Topic


@dataclass(frozen=True)
class Gain:
    topic: str
    n: int
    before: Figure
    after: Figure
    gain: Figure
    d_z: Figure
    ci_low: Figure
    ci_high: Figure


@dataclass
class Outcomes:
    satisfaction: list[dict] = field(default_factory=list)
    nps: dict[str, Figure] = field(default_factory=dict)
    distribution: list[tuple[int, Figure]] = field(default_factory=list)
    distribution_moment: str = Moment.FINAL
    perceptions: list[dict] = field(default_factory=list)
    adoption: Figure = Figure(None, 0, "percent")
    adoption_by_topic: list[tuple[str, Figure]] = field(default_factory=list)
    gains: list[Gain] = field(default_factory=list)
    custom: list[tuple[str, Figure]] = field(default_factory=list)
    key: dict[str, Figure] = field(default_factory=dict)  # as ``key_figures``


def _asked(ids) -> dict[int, Asked]:
    rows = Question.objects.filter(survey__program_id__in=ids).values_list(
        "pk", "key", "survey__role", "survey__moment", "builtin", "text_en", "text_fr"
    )
    return {pk: Asked(*rest) for pk, *rest in rows}


def _scales(asked: dict[int, Asked]) -> tuple[dict, dict]:
    """Value counts and distinct respondents per (key, role, moment) of the 1–5 and NPS
    questions; role None = both roles."""
    keys = ("satisfaction", "usefulness", "nps")
    answers = Answer.objects.filter(question_id__in=[k for k, a in asked.items() if a.key in keys])
    counts = defaultdict(lambda: defaultdict(int))
    for question, value, c in (
        answers.values_list("question_id", "value").annotate(c=Count("id")).order_by()
    ):
        a = asked[question]
        counts[(a.key, a.role, a.moment)][value] += c
        counts[(a.key, None, a.moment)][value] += c
    people = {}
    for question, p in (
        answers.values_list("question_id").annotate(p=Count("person", distinct=True)).order_by()
    ):
        a = asked[question]
        people[(a.key, a.role, a.moment)] = p
    groups = sorted({(a.key, a.moment) for a in asked.values() if a.key in keys})
    if groups:
        for g, p in (
            answers.values_list(question_group(asked, groups))
            .annotate(p=Count("person", distinct=True))
            .order_by()
        ):
            people[(groups[g][0], None, groups[g][1])] = p
    return counts, people


def _mean(values: dict[int, int]) -> float | None:
    total = sum(values.values())
    return sum(v * c for v, c in values.items()) / total if total else None


def satisfaction_rows(counts, people) -> list[dict]:
    rows = []
    for role in [*Participant.Role.values, None]:
        for moment in (Moment.MIDPOINT, Moment.FINAL):
            figs = {}
            for key in ("satisfaction", "usefulness"):
                n = people.get((key, role, moment), 0)
                m = stats.mean_interval(counts.get((key, role, moment), {}))
                figs[key] = Figure(m.mean, n, "mean")
                figs[f"{key}_low"] = Figure(m.ci_low, n, "mean")
                figs[f"{key}_high"] = Figure(m.ci_high, n, "mean")
            rows.append(
                {
                    "role": Participant.Role(role).label if role else _("Everyone"),
                    "moment": Moment(moment).label,
                    **figs,
                }
            )
    return rows


def nps_by_role(counts, people) -> dict[str, Figure]:
    result = {}
    for role in [*Participant.Role.values, None]:
        values = counts.get(("nps", role, Moment.FINAL), {})
        scores = [v for v, c in values.items() for _i in range(c)]
        label = str(Participant.Role(role).label) if role else str(_("Everyone"))
        n = people.get(("nps", role, Moment.FINAL), 0)
        result[label] = Figure(stats.nps(scores), n, "score")
    return result


def _text(key: str, role: str) -> str:
    texts = QUESTIONS[key][3]
    en, fr = texts[role] if isinstance(texts, dict) else texts
    return fr if (get_language() or "en").startswith("fr") else en


def perceptions(groups: list[PairGroup]) -> list[dict]:
    rows = []
    found = sorted((g.role, g.key, g) for g in groups if g.key.startswith("perception"))
    for role, key, g in found:
        s = stats.from_sums(g.pairs, g.sum_before, g.sum_after, g.sum_squared_gain)
        n = g.people
        rows.append(
            {
                "role": Participant.Role(role).label,
                "statement": _text(key, role),
                "before": Figure(s.mean_before, n, "mean"),
                "after": Figure(s.mean_after, n, "mean"),
                "change": Figure(s.mean_gain, n, "signed"),
                "d_z": Figure(s.d_z, n, "mean"),
                "ci_low": Figure(s.ci_low, n, "signed"),
                "ci_high": Figure(s.ci_high, n, "signed"),
            }
        )
    return rows


def adoption(groups: list[PairGroup], names) -> tuple[Figure, list[tuple[str, Figure]]]:
    """Share of people below weekly use at baseline who use the tools weekly or daily at the
    end: overall (someone adopting any topic's tools counts) and per topic."""

    def share(g: PairGroup | None) -> Figure:
        if g is None or not g.eligible:
            return Figure(None, 0, "percent")
        return Figure(100.0 * g.adopted / g.eligible, g.eligible, "percent")

    tools = [g for g in groups if g.key == "tools"]
    overall = next((g for g in tools if g.overall), None)
    rows = [(names.get(g.topic, "?"), share(g)) for g in tools if not g.overall and g.eligible]
    return share(overall), sorted(rows, key=lambda row: str(row[0]))  # Figures don't compare


def gains(groups: list[PairGroup], names) -> list[Gain]:
    result = []
    for g in groups:
        if g.key != "level":
            continue
        n = g.people
        s = stats.from_sums(g.pairs, g.sum_before, g.sum_after, g.sum_squared_gain)
        result.append(
            Gain(
                topic=names.get(g.topic, "?"),
                n=n,
                before=Figure(s.mean_before, n, "mean"),
                after=Figure(s.mean_after, n, "mean"),
                gain=Figure(s.mean_gain, n, "signed"),
                d_z=Figure(s.d_z, n, "mean"),
                ci_low=Figure(s.ci_low, n, "signed"),
                ci_high=Figure(s.ci_high, n, "signed"),
            )
        )
    return sorted(result, key=lambda g: g.topic)


def custom(asked: dict[int, Asked]) -> list[tuple[str, Figure]]:
    rows = (
        Answer.objects.filter(question_id__in=[pk for pk, a in asked.items() if not a.builtin])
        .values("question_id")
        .annotate(mean=Avg("value"), p=Count("person", distinct=True))
        .order_by("question_id")
    )
    french = (get_language() or "en").startswith("fr")
    out = []
    for r in rows:
        a = asked[r["question_id"]]
        text = a.text_fr if french else a.text_en
        label = f"{text} ({Moment(a.moment).label}, {Participant.Role(a.role).label})"
        out.append((label, Figure(r["mean"], r["p"], "mean")))
    return out


def _latest_moment(people) -> str:
    """The end of the mentorships once five people answered there, else the midpoint when
    they did (a running program's satisfaction so far)."""
    final = people.get(("satisfaction", None, Moment.FINAL), 0)
    midpoint = people.get(("satisfaction", None, Moment.MIDPOINT), 0)
    return Moment.MIDPOINT if final < K <= midpoint else Moment.FINAL


def compute(ids: list[int]) -> Outcomes:
    summary.refresh_programs(ids)
    asked = _asked(ids)
    pairs = paired_groups(ids)
    topic_ids = {g.topic for g in pairs if g.topic is not None}
    names = {t.pk: t.name for t in Topic.objects.filter(pk__in=topic_ids)}
    counts, people = _scales(asked)
    overall, by_topic = adoption(pairs, names)
    moment = _latest_moment(people)
    distribution = counts.get(("satisfaction", None, moment), {})
    return Outcomes(
        satisfaction=satisfaction_rows(counts, people),
        nps=nps_by_role(counts, people),
        distribution=[
            (v, Figure(distribution.get(v, 0), distribution.get(v, 0))) for v in range(1, 6)
        ],
        distribution_moment=moment,
        perceptions=perceptions(pairs),
        adoption=overall,
        adoption_by_topic=by_topic,
        gains=gains(pairs, names),
        custom=custom(asked),
        key=_key(counts, people, overall),
    )


def key_figures(ids: list[int]) -> dict[str, Figure]:
    """The cohort comparison's figures, without the rest of ``compute``."""
    summary.refresh_programs(ids)
    counts, people = _scales(_asked(ids))
    overall, _rows = adoption(paired_groups(ids), {})
    return _key(counts, people, overall)


def _key(counts, people, adoption_overall: Figure) -> dict[str, Figure]:
    final = counts.get(("satisfaction", None, Moment.FINAL), {})
    return {
        "satisfaction": Figure(
            _mean(final), people.get(("satisfaction", None, Moment.FINAL), 0), "mean"
        ),
        "nps": nps_by_role(counts, people)[str(_("Everyone"))],
        "adoption": adoption_overall,
    }
