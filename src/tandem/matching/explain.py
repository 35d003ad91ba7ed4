"""Plain, translated words from the engine's structured reasons (code + data).

The engine says *what* (``Reason("covers", {"topic": 3, "priority": 2, ...})``); this module
says it to a person: "covers Generative AI at work (high priority) at level 3, assessed".
Everything goes through gettext, so the French catalogue only has to translate these strings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import get_language, get_language_info, gettext, gettext_noop

from tandem.matching.availability import utc_offset_minutes
from tandem.matching.engine import Reason
from tandem.matching.problem import Built
from tandem.people.models import Evidence, Priority

DAYS = (
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
)
PARTS = (  # (first local slot, label), half-hour slots of the local day
    (0, gettext_noop("nights")),
    (12, gettext_noop("mornings")),
    (24, gettext_noop("afternoons")),
    (36, gettext_noop("evenings")),
    (44, gettext_noop("nights")),
)
MAX_TIMES = 3
_cache: ContextVar[dict | None] = ContextVar("tandem_matching_words", default=None)


def _(message: str) -> str:
    """gettext, remembered while :func:`batch` is active (wording 10,000 pairs calls it 50,000
    times; the language cannot change in between)."""
    cache = _cache.get()
    if cache is None:
        return gettext(message)
    text = cache.get(message)
    if text is None:
        text = cache[message] = gettext(message)
    return text


@contextmanager
def batch() -> Iterator[None]:
    """Word many reasons in the current language with translations looked up once."""
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def _label(choice) -> str:
    """A TextChoices/IntegerChoices label (lazy) as text, through the batch cache."""
    cache = _cache.get()
    if cache is None:
        return str(choice.label)
    key = (type(choice).__name__, int(choice))
    if key not in cache:
        cache[key] = str(choice.label)
    return cache[key]


def _join(items: Iterable[str], word: str | None = None) -> str:
    items = [str(x) for x in items]
    if len(items) <= 1:
        return "".join(items)
    last = word if word is not None else _("and")
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _french() -> bool:
    cache = _cache.get()
    if cache is None:
        return (get_language() or "en").startswith("fr")
    if "__french__" not in cache:
        cache["__french__"] = (get_language() or "en").startswith("fr")
    return cache["__french__"]


def in_sentence(name: str) -> str:
    """French writes names of topics and languages in lower case inside a sentence ("couvre
    l'IA générative", "parle français"); acronyms ("RSE") keep their capitals."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


def topic_name(built: Built, topic_id: int) -> str:
    slug, en, fr = built.topics.get(int(topic_id), (str(topic_id), str(topic_id), ""))
    return in_sentence(fr) if fr and _french() else en


def topics_text(built: Built, topic_ids, word: str | None = None) -> str:
    return _join((topic_name(built, t) for t in topic_ids), word)


def language_name(code: str) -> str:
    cache = _cache.get()
    key = ("language", code)
    if cache is not None and key in cache:
        return cache[key]
    try:
        name = str(get_language_info(code)["name_translated"])
    except KeyError:
        name = code
    if _french():
        name = in_sentence(name)
    if cache is not None:
        cache[key] = name
    return name


def languages_text(built: Built, mask: int, word: str | None = None) -> str:
    codes = [c for k, c in enumerate(built.languages) if (int(mask) >> k) & 1]
    return _join((language_name(c) for c in codes), word)


def times_text(built: Built, ranges, mentee: int) -> str:
    """UTC (day, start, end) slot ranges -> "Thursday afternoons" in the mentee's time zone."""
    if not ranges or ranges[0][0] == -1:
        return ""
    offset = utc_offset_minutes(built.mentees.timezones[mentee], built.start) // 30
    seen: list[tuple[int, int]] = []
    for day, start, end in ranges:
        for slot in range(start, end):
            local = (day * 48 + slot + offset) % 336
            part = max(k for k, (first, _label) in enumerate(PARTS) if local % 48 >= first)
            key = (local // 48, part)
            if key not in seen:
                seen.append(key)
    words = [
        _("%(day)s %(part)s") % {"day": _(DAYS[d]), "part": _(PARTS[p][1])}
        for d, p in seen[:MAX_TIMES]
    ]
    if len(seen) > MAX_TIMES:
        words.append(_("more"))
    return _join(words)


def _reporting(data: dict) -> str:
    relation, distance = data.get("relation"), data.get("distance", 1)
    if relation == "colleague":
        return _("colleagues with the same manager")
    if relation == "manager":
        return _("the mentee is above the mentor in the reporting line (%(n)s levels)") % {
            "n": distance
        }
    return _("the mentor is above the mentee in the reporting line (%(n)s levels)") % {
        "n": distance
    }


def _covers(built: Built, d: dict) -> str:
    return _("covers %(topic)s (%(priority)s priority) at level %(level)s, %(evidence)s") % {
        "topic": topic_name(built, d["topic"]),
        "priority": _label(Priority(d["priority"])),
        "level": d["level"],
        "evidence": _label(Evidence(d["evidence"])),
    }


def _speaks(built: Built, d: dict) -> str:
    if len(built.languages) and all((d["shared"] >> k) & 1 for k in range(len(built.languages))):
        return ""  # nobody stated languages, or both speak them all: nothing to say
    return _("speaks %(languages)s") % {"languages": languages_text(built, d["shared"])}


def _overlap(built: Built, d: dict, mentee: int) -> str:
    times = times_text(built, d["ranges"], mentee)
    return _("overlapping %(times)s") % {"times": times} if times else ""


PAIR_WORDS: dict[str, Callable[[Built, dict, int], str]] = {
    "covers": lambda b, d, i: _covers(b, d),
    "language": lambda b, d, i: _speaks(b, d),
    "availability": lambda b, d, i: _overlap(b, d, i),
    "other_department": lambda b, d, i: _("other department"),
    "other_site": lambda b, d, i: _("other site"),
    "other_organization": lambda b, d, i: _("other organisation"),
    "other_gender": lambda b, d, i: _("gender diversity"),
    "other_generation": lambda b, d, i: _("other generation"),
    "preference": lambda b, d, i: _("asked for each other"),
    "unmatched_before": lambda b, d, i: _("left without a partner before, so given priority"),
    "locked": lambda b, d, i: _("locked by a program manager"),
    "not_trained": lambda b, d, i: _("the mentor has not completed the required training"),
    "not_qualified": lambda b, d, i: (
        _("the mentor is not qualified for %(topics)s")
        % {"topics": topics_text(b, d.get("topics", ()), _("or"))}
    ),
    "no_common_language": lambda b, d, i: _("no common language"),
    "no_common_availability": lambda b, d, i: _("no common free time for a meeting"),
    "reporting_line": lambda b, d, i: _reporting(d),
    "already_paired_before": lambda b, d, i: _("already paired in an earlier cohort"),
    "forbidden": lambda b, d, i: _("excluded by a program manager or by one of them"),
}


def pair_words(built: Built, reasons: Iterable[Reason], mentee: int) -> list[str]:
    """A pair's reasons as short phrases, in the active language, in the engine's order."""
    cache = _cache.get()
    words = []
    for reason in reasons:
        say = PAIR_WORDS.get(reason.code)
        if say is None:
            continue
        if cache is None:
            text = say(built, reason.data, mentee)
        else:  # most pairs share phrases: word each distinct reason once per batch
            zone = built.mentees.timezones[mentee] if reason.code == "availability" else None
            key = (reason.code, zone, *reason.data.items())
            text = cache.get(key)
            if text is None:
                text = cache[key] = say(built, reason.data, mentee)
        if text:
            words.append(text)
    return words


def _mentee_words(code: str, built: Built, d: dict) -> str:
    topics = topics_text(built, d.get("topics", ()), _("or"))
    words = {
        "matched": lambda: _("matched"),
        "no_capacity": lambda: _("takes no further mentor in this run"),
        "no_needs": lambda: _("has stated no learning need in this program's topics"),
        "no_qualified_mentor": lambda: _("no qualified mentor for %(topics)s") % {"topics": topics},
        "no_mentor_with_evidence": lambda: (
            _("no mentor with %(evidence)s or better evidence in %(topics)s")
            % {"evidence": _label(Evidence(d.get("min_evidence", 0))), "topics": topics}
        ),
        "no_trained_mentor": lambda: (
            _("the mentors for %(topics)s have not completed the required training yet")
            % {"topics": topics}
        ),
        "no_common_language": lambda: (
            _("no qualified mentor for %(topics)s who speaks %(lang)s")
            % {"topics": topics, "lang": languages_text(built, d.get("own_languages", 0), _("or"))}
        ),
        "no_common_availability": lambda: (
            _("no qualified mentor for %(topics)s is free at the same time") % {"topics": topics}
        ),
        "reporting_line": lambda: _("every qualified mentor is too close in the reporting line"),
        "already_paired_before": lambda: _(
            "every qualified mentor was already paired with them in an earlier cohort"
        ),
        "forbidden": lambda: _("every qualified mentor left is excluded"),
        "capacity": lambda: _("every compatible mentor is already taken by other mentees"),
    }
    return words[code]() if code in words else code


def _mentor_words(code: str, built: Built, d: dict) -> str:
    topics = topics_text(built, d.get("topics", ()), _("or"))
    words = {
        "matched": lambda: _("matched"),
        "no_capacity": lambda: _("has no capacity for mentees"),
        "not_trained": lambda: _("has not completed the required training"),
        "no_competences": lambda: _("has no competence in this program's topics"),
        "evidence_too_low": lambda: (
            _("competences are only %(evidence)s; the program requires %(required)s")
            % {
                "evidence": Evidence(d.get("best_evidence", 0)).label,
                "required": Evidence(d.get("min_evidence", 0)).label,
            }
        ),
        "no_mentee_needs_topics": lambda: _("no mentee needs %(topics)s") % {"topics": topics},
        "no_common_language": lambda: (
            _("no mentee who needs %(topics)s speaks %(lang)s")
            % {"topics": topics, "lang": languages_text(built, d.get("own_languages", 0), _("or"))}
        ),
        "no_common_availability": lambda: (
            _("no mentee who needs %(topics)s is free at the same time") % {"topics": topics}
        ),
        "reporting_line": lambda: (
            _("every mentee who needs %(topics)s is too close in the reporting line")
            % {"topics": topics}
        ),
        "already_paired_before": lambda: (
            _("every mentee who needs %(topics)s was already paired with them in an earlier cohort")
            % {"topics": topics}
        ),
        "forbidden": lambda: _("every mentee left is excluded"),
        "not_needed": lambda: _("every mentee they could take already has a better-suited mentor"),
    }
    return words[code]() if code in words else code


def unmatched_words(built: Built, reasons: Iterable[Reason], role: str) -> list[str]:
    """Why someone has no partner, in the active language."""
    say = _mentee_words if role == "mentee" else _mentor_words
    return [say(r.code, built, r.data) for r in reasons]


_MASK_KEYS = (
    "shared",
    "own_languages",
    "partner_languages",
    "mentee_languages",
    "mentor_languages",
)


def _clean(data: dict) -> dict:
    out = dict(data)
    if isinstance(out.get("partners"), tuple):
        out["partners"] = len(out["partners"])
    for key in _MASK_KEYS:
        if key in out and out[key] >= 2**53:
            out[key] = hex(out[key])
    return out


def as_json(reasons: Iterable[Reason]) -> list[dict]:
    """Structured reasons to store: partner indices become a count (they mean nothing outside
    the run), big language bitmasks become hex (JSON numbers stop at 2**53)."""
    return [
        {
            "code": r.code,
            "data": _clean(r.data) if ("partners" in r.data or r.code in _MASK_CODES) else r.data,
        }
        for r in reasons
    ]


_MASK_CODES = {"language", "no_common_language"}
