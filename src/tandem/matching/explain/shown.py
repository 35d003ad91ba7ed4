"""Stored reasons shown to a reader, in the reader's language: a run's proposals and
unmatched people, and the pairs made of them (the mentorships app reads these too).

Rows stored before reasons were kept structured hold their words in the language of whoever
ran the matching; they are shown as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from tandem.matching.explain.unmatched import unmatched_words
from tandem.matching.explain.words import Lexicon, pair_words, proposal_words


def is_structured(details) -> bool:
    return isinstance(details, dict) and isinstance(details.get("links"), list)


def reasons_of(
    details, stored_words, lex: Lexicon, names: dict[int, str], *, participant: bool = False
) -> list[str]:
    """Why a proposal (or the pair made of it): worded for the reader, then any words stored
    as words (an older run's, or a manager's own). A manager's override is not among them:
    ``warnings_of`` shows it apart."""
    words = proposal_words(lex, details, names, participant=participant, skip=("override",))
    return [*words, *(str(word) for word in stored_words or [])]


def link_words(stored, lex: Lexicon, *, participant: bool = False) -> list[str]:
    """One pair's stored reasons (``judge_pair(...).reasons``, kept on a request or a
    suggestion) worded for the reader; words stored as words before are shown as they are."""
    structured = [r for r in stored or () if isinstance(r, dict)]
    words = pair_words(lex, structured, participant=participant)
    return [*words, *(str(r) for r in stored or () if not isinstance(r, dict))]


def warnings_of(details, lex: Lexicon) -> list[str]:
    """The managers' warnings: every link a manager locked against the rules."""
    if not is_structured(details):
        return []
    overrides = [r for link in details["links"] for r in link["reasons"] if r["code"] == "override"]
    return pair_words(lex, overrides)


def overridden_codes(details) -> set[str]:
    """The hard rules a manager overrode to make this pair (codes)."""
    if not is_structured(details):
        return set()
    return {
        code
        for link in details["links"]
        for r in link["reasons"]
        if r["code"] == "override"
        for rule in r["data"].get("rules", ())
        for code in [rule.get("code")]
    }


def unmatched_reasons(details: Iterable[dict], stored_words, role: str, lex: Lexicon) -> list:
    """Why someone was left unmatched: worded for the reader, or the old words."""
    if stored_words:
        return [str(word) for word in stored_words]
    return unmatched_words(lex, details or [], role)
