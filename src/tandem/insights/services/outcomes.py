"""What the surveys say, in aggregate: satisfaction and NPS by role, perceptions of the other
generation before and after, tool adoption, skill gain per topic with its effect size and
confidence interval, and the managers' own questions. Answers pair up by (person, mentorship,
question key, topic) between the baseline and the final survey, in SQL."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.insights.catalogue import QUESTIONS
from tandem.insights.models import Answer, Moment
from tandem.insights.services import stats
from tandem.insights.services.figures import Figure
from tandem.mentorships.models import Participant
from tandem.people.models import Topic

PAIRED_KEYS = ("perception-1", "perception-2", "tools", "level")
WEEKLY = 2  # frequency answers: 0 never, 1 monthly, 2 weekly, 3 daily
ROLE = "question__survey__role"
MOMENT = "question__survey__moment"
KEY = "question__key"


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
    perceptions: list[dict] = field(default_factory=list)
    adoption: Figure = Figure(None, 0, "percent")
    adoption_by_topic: list[tuple[str, Figure]] = field(default_factory=list)
    gains: list[Gain] = field(default_factory=list)
    custom: list[tuple[str, Figure]] = field(default_factory=list)


def _answers(ids):
    return Answer.objects.filter(question__survey__program_id__in=ids)


def _pairs(ids) -> list[tuple]:
    """(person, key, role, topic, before, after) for every answer given at both moments."""
    return list(
        _answers(ids)
        .filter(question__key__in=PAIRED_KEYS, **{f"{MOMENT}__in": [Moment.BASELINE, Moment.FINAL]})
        .values("due__person_id", "due__mentorship_id", KEY, ROLE, "topic_id")
        .annotate(
            before=Max("value", filter=Q(**{MOMENT: Moment.BASELINE})),
            after=Max("value", filter=Q(**{MOMENT: Moment.FINAL})),
        )
        .filter(before__isnull=False, after__isnull=False)
        .order_by()
        .values_list("due__person_id", KEY, ROLE, "topic_id", "before", "after")
    )


def _scales(ids) -> tuple[dict, dict]:
    """Value counts and distinct respondents per (key, role, moment) of the 1–5 and NPS
    questions; role None = both roles."""
    qs = _answers(ids).filter(question__key__in=["satisfaction", "usefulness", "nps"])
    counts = defaultdict(lambda: defaultdict(int))
    for key, role, moment, value, c in (
        qs.values_list(KEY, ROLE, MOMENT, "value").annotate(c=Count("id")).order_by()
    ):
        counts[(key, role, moment)][value] += c
        counts[(key, None, moment)][value] += c
    people = {
        (key, role, moment): p
        for key, role, moment, p in qs.values_list(KEY, ROLE, MOMENT)
        .annotate(p=Count("due__person", distinct=True))
        .order_by()
    }
    for key, moment, p in (
        qs.values_list(KEY, MOMENT).annotate(p=Count("due__person", distinct=True)).order_by()
    ):
        people[(key, None, moment)] = p
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
                figs[key] = Figure(_mean(counts.get((key, role, moment), {})), n, "mean")
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


def perceptions(pairs) -> list[dict]:
    groups = defaultdict(list)
    for person, key, role, _topic, before, after in pairs:
        if key.startswith("perception"):
            groups[(role, key)].append((person, before, after))
    rows = []
    for (role, key), items in sorted(groups.items()):
        n = len({p for p, _b, _a in items})
        rows.append(
            {
                "role": Participant.Role(role).label,
                "statement": _text(key, role),
                "before": Figure(sum(b for _p, b, _a in items) / len(items), n, "mean"),
                "after": Figure(sum(a for _p, _b, a in items) / len(items), n, "mean"),
            }
        )
    return rows


def adoption(pairs, names) -> tuple[Figure, list[tuple[str, Figure]]]:
    """Share of people below weekly use at baseline who use the tools weekly or daily at the
    end: overall (someone adopting any topic's tools counts) and per topic."""
    eligible, adopted = set(), set()
    by_topic = defaultdict(lambda: (set(), set()))
    for person, key, _role, topic, before, after in pairs:
        if key != "tools" or before >= WEEKLY:
            continue
        eligible.add(person)
        by_topic[topic][0].add(person)
        if after >= WEEKLY:
            adopted.add(person)
            by_topic[topic][1].add(person)

    def share(e, a):
        return Figure(100.0 * len(a) / len(e) if e else None, len(e), "percent")

    rows = [(names.get(t, "?"), share(e, a)) for t, (e, a) in by_topic.items()]
    return share(eligible, adopted), sorted(rows)


def gains(pairs, names) -> list[Gain]:
    groups = defaultdict(list)
    for person, key, _role, topic, before, after in pairs:
        if key == "level":
            groups[topic].append((person, before, after))
    result = []
    for topic, items in groups.items():
        n = len({p for p, _b, _a in items})
        s = stats.paired([b for _p, b, _a in items], [a for _p, _b, a in items])
        result.append(
            Gain(
                topic=names.get(topic, "?"),
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


def custom(ids) -> list[tuple[str, Figure]]:
    rows = (
        _answers(ids)
        .filter(question__builtin=False)
        .values("question_id", "question__text_en", "question__text_fr", MOMENT, ROLE)
        .annotate(mean=Avg("value"), p=Count("due__person", distinct=True))
        .order_by("question_id")
    )
    french = (get_language() or "en").startswith("fr")
    return [
        (
            f"{r['question__text_fr' if french else 'question__text_en']} "
            f"({Moment(r[MOMENT]).label}, {Participant.Role(r[ROLE]).label})",
            Figure(r["mean"], r["p"], "mean"),
        )
        for r in rows
    ]


def compute(ids: list[int]) -> Outcomes:
    pairs = _pairs(ids)
    topic_ids = {p[3] for p in pairs if p[3] is not None}
    names = {t.pk: t.name for t in Topic.objects.filter(pk__in=topic_ids)}
    counts, people = _scales(ids)
    overall, by_topic = adoption(pairs, names)
    distribution = counts.get(("satisfaction", None, Moment.FINAL), {})
    return Outcomes(
        satisfaction=satisfaction_rows(counts, people),
        nps=nps_by_role(counts, people),
        distribution=[
            (v, Figure(distribution.get(v, 0), distribution.get(v, 0))) for v in range(1, 6)
        ],
        perceptions=perceptions(pairs),
        adoption=overall,
        adoption_by_topic=by_topic,
        gains=gains(pairs, names),
        custom=custom(ids),
    )


def key_figures(ids: list[int]) -> dict[str, Figure]:
    counts, people = _scales(ids)
    pairs = _pairs(ids)
    overall, _rows = adoption(pairs, {})
    final = counts.get(("satisfaction", None, Moment.FINAL), {})
    return {
        "satisfaction": Figure(
            _mean(final), people.get(("satisfaction", None, Moment.FINAL), 0), "mean"
        ),
        "nps": nps_by_role(counts, people)[str(_("Everyone"))],
        "adoption": overall,
    }
