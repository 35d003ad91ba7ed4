"""Plain, translated words from stored reasons (code + data, see ``portable``), when shown.

A run stores *what* (``{"code": "covers", "data": {"topic": 3, "priority": 2, …}}``); this
module says it to the person reading, in their language: "covers Generative AI at work (high
priority) at level 3, assessed" for an English reader, "couvre l'IA générative au travail…"
for a French one, whoever ran the matching. Everything goes through gettext.

Some reasons are for the program's managers only (a manager's lock or override, priority
given after being left unmatched, gender and generation bonuses): ``PARTICIPANT_CODES`` are
the ones the pair reads on its proposal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.utils.translation import get_language, get_language_info, gettext, gettext_noop

from tandem.matching.build.availability import utc_offset_minutes
from tandem.people.models import Evidence, Priority, Topic

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
PARTICIPANT_CODES = frozenset(
    {
        "covers",
        "language",
        "availability",
        "preference",
        "other_department",
        "other_site",
        "other_organization",
    }
)
_cache: ContextVar[dict | None] = ContextVar("tandem_matching_words", default=None)


@dataclass(frozen=True)
class Lexicon:
    """What wording needs beside the reasons: topic names, and the date whose UTC offsets turn
    stored UTC slots into each person's local times (the program's start)."""

    topics: dict[int, tuple[str, str, str]]  # topic id -> (slug, English, French)
    start: dt.date

    @classmethod
    def load(cls, start: dt.date) -> Lexicon:
        rows = Topic.objects.values_list("id", "slug", "name_en", "name_fr")
        return cls({t: (slug, en, fr) for t, slug, en, fr in rows}, start)


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


def label(choice) -> str:
    """A TextChoices/IntegerChoices label (lazy) as text, through the batch cache."""
    cache = _cache.get()
    if cache is None:
        return str(choice.label)
    key = (type(choice).__name__, int(choice))
    if key not in cache:
        cache[key] = str(choice.label)
    return cache[key]


def join(items: Iterable[str], word: str | None = None) -> str:
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


def topic_name(lex: Lexicon, topic_id: int) -> str:
    slug, en, fr = lex.topics.get(int(topic_id), (str(topic_id), str(topic_id), ""))
    return in_sentence(fr) if fr and _french() else en


def topics_text(lex: Lexicon, topic_ids, word: str | None = None) -> str:
    return join((topic_name(lex, t) for t in topic_ids or ()), word)


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


def languages_text(codes, word: str | None = None) -> str:
    return join((language_name(c) for c in codes or ()), word)


def times_text(lex: Lexicon, ranges, zone: str) -> str:
    """UTC (day, start, end) slot ranges -> "Thursday afternoons" in the given time zone."""
    if not ranges or ranges[0][0] == -1:
        return ""
    offset = utc_offset_minutes(zone or "UTC", lex.start) // 30
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
    return join(words)


def _reporting(data: dict) -> str:
    relation, distance = data.get("relation"), data.get("distance", 1)
    if relation == "colleague":
        return _("colleagues with the same manager in their organisation")
    if relation == "manager":
        return _(
            "the mentee is above the mentor in their organisation's reporting line (%(n)s levels)"
        ) % {"n": distance}
    return _(
        "the mentor is above the mentee in their organisation's reporting line (%(n)s levels)"
    ) % {"n": distance}


def _covers(lex: Lexicon, d: dict) -> str:
    return _("covers %(topic)s (%(priority)s priority) at level %(level)s, %(evidence)s") % {
        "topic": topic_name(lex, d["topic"]),
        "priority": label(Priority(d["priority"])),
        "level": d["level"],
        "evidence": label(Evidence(d["evidence"])),
    }


def _speaks(d: dict) -> str:
    if d.get("all"):
        return ""  # nobody stated languages, or both speak them all: nothing to say
    return _("speaks %(languages)s") % {"languages": languages_text(d.get("codes"))}


def _not_qualified(lex: Lexicon, d: dict) -> str:
    if not d.get("topics"):
        return _("the mentee has stated no learning need in this program's topics")
    if d.get("below_evidence"):
        return _(
            "the mentor's evidence for %(topics)s is below what the program requires (%(level)s)"
        ) % {
            "topics": topics_text(lex, d["below_evidence"], _("and")),
            "level": label(Evidence(d.get("min_evidence", 0))),
        }
    return _("the mentor is not qualified for %(topics)s") % {
        "topics": topics_text(lex, d.get("topics", ()), _("or"))
    }


def _override(lex: Lexicon, d: dict) -> str:
    return _("a manager paired them despite %(rules)s: “%(why)s”") % {
        "rules": "; ".join(pair_words(lex, d.get("rules", ()))),
        "why": d.get("justification", ""),
    }


PAIR_WORDS: dict[str, Callable[[Lexicon, dict], str]] = {
    "covers": _covers,
    "language": lambda x, d: _speaks(d),
    "availability": lambda x, d: (
        _("overlapping %(times)s") % {"times": times}
        if (times := times_text(x, d.get("ranges"), d.get("zone", "UTC")))
        else ""
    ),
    "other_department": lambda x, d: _("other department"),
    "other_site": lambda x, d: _("other site"),
    "other_organization": lambda x, d: _("other organisation"),
    "other_gender": lambda x, d: _("gender diversity"),
    "other_generation": lambda x, d: _("other generation"),
    "preference": lambda x, d: _("asked for each other"),
    "unmatched_before": lambda x, d: _("left without a partner before, so given priority"),
    "locked": lambda x, d: _("locked by a program manager"),
    "override": _override,
    "not_trained": lambda x, d: _("the mentor has not completed the required training"),
    "not_qualified": _not_qualified,
    "no_common_language": lambda x, d: _("no common language"),
    "no_common_availability": lambda x, d: _("no common free time for a meeting"),
    "reporting_line": lambda x, d: _reporting(d),
    "already_paired_before": lambda x, d: _("already paired in an earlier cohort"),
    "forbidden": lambda x, d: _("excluded by a program manager or by one of them"),
    "declined": lambda x, d: _("one of them declined this pair before"),
    "excluded": lambda x, d: _("one of them asked not to be paired with the other"),
    "decided": lambda x, d: _("a program manager forbade this pair"),
    "capacity": lambda x, d: _("%(name)s has no room left (capacity %(capacity)s)") % d,
    "taken": lambda x, d: _("%(name)s already has a partner in this program") % d,
}


def pair_words(
    lex: Lexicon, reasons: Iterable[dict], *, participant: bool = False, skip=()
) -> list[str]:
    """A pair's stored reasons as short phrases in the active language, in the engine's order;
    a participant reads only ``PARTICIPANT_CODES``; ``skip``: codes shown elsewhere."""
    cache = _cache.get()
    words = []
    for reason in reasons:
        code, data = reason.get("code"), reason.get("data") or {}
        say = PAIR_WORDS.get(code)
        if say is None or code in skip or (participant and code not in PARTICIPANT_CODES):
            continue
        if cache is None:
            text = say(lex, data)
        else:  # most pairs share reasons (one dict each, see portable): word each once
            hit = cache.get(id(reason))
            if hit is not None and hit[0] is reason:  # the cache holds it: the id is its own
                text = hit[1]
            else:
                text = say(lex, data)
                cache[id(reason)] = (reason, text)
        if text:
            words.append(text)
    return words


def _note(note: dict) -> str:
    if note.get("code") == "circle_short":
        return _("%(found)s of %(wanted)s mentors found for this circle") % note["data"]
    return ""


def proposal_words(
    lex: Lexicon, details, names: dict[int, str], *, participant: bool = False, skip=()
) -> list[str]:
    """A stored proposal (one link, or the links of a circle or group) in plain words; a
    circle's or group's lines are named after the person on the side with several people."""
    links = details.get("links", []) if isinstance(details, dict) else []
    if len(links) == 1:
        words = pair_words(lex, links[0]["reasons"], participant=participant, skip=skip)
    else:
        side = "mentor" if len({link["mentor"] for link in links}) > 1 else "mentee"
        words = [
            _("%(name)s: %(reasons)s")
            % {
                "name": names.get(link[side], ""),
                "reasons": "; ".join(
                    pair_words(lex, link["reasons"], participant=participant, skip=skip)
                ),
            }
            for link in links
        ]
    notes = details.get("notes", []) if isinstance(details, dict) else []
    return [*words, *filter(None, (_note(n) for n in notes if not participant))]
