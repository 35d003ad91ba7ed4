"""Why a pair was proposed, as each reader may read it, in the reader's language.

The pair reads the reasons meant for them (what the mentor covers, shared languages and
times, stated preferences, other department or site); the program's managers read everything,
with a warning when a manager paired them against the rules. A mentorship made from an older
run keeps the words stored then; the pair's copy leaves out the managers' notes among them.
"""

from __future__ import annotations

from django.utils import translation

from tandem.matching.explain.shown import reasons_of, warnings_of
from tandem.matching.explain.words import PAIR_WORDS, Lexicon
from tandem.mentorships.models import Mentorship

_MANAGERS_ONLY = ("locked", "unmatched_before", "other_gender", "other_generation")


def _managers_phrases() -> set[str]:
    """The managers-only phrases in every language Tandem speaks (for older stored words)."""
    phrases = set()
    for language in ("en", "fr"):
        with translation.override(language):
            phrases |= {PAIR_WORDS[code](None, {}) for code in _MANAGERS_ONLY}
    return phrases


def _without_managers_notes(words: list[str]) -> list[str]:
    hidden, out = _managers_phrases(), []
    for line in words:
        name, sep, rest = str(line).rpartition(": ")
        parts = [p for p in (rest if sep else str(line)).split("; ") if p not in hidden]
        if parts:
            out.append(f"{name}{sep}{'; '.join(parts)}" if sep else "; ".join(parts))
    return out


def _names(mentorship: Mentorship) -> dict[int, str]:
    return {p.person_id: p.person.full_name for p in mentorship.participants.all()}


def reasons_for(mentorship: Mentorship, *, manager: bool) -> list[str]:
    """Why this pair, for a manager (``manager``) or for the pair itself."""
    lex = Lexicon.load(mentorship.program.start)
    stored = mentorship.reasons or []
    if not manager:
        stored = _without_managers_notes(stored)
    return reasons_of(mentorship.details, stored, lex, _names(mentorship), participant=not manager)


def warnings_for(mentorship: Mentorship) -> list[str]:
    """For the managers: the rules a manager's decision broke to make this pair, and why."""
    return warnings_of(mentorship.details, Lexicon.load(mentorship.program.start))
