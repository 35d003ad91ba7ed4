"""Why someone was left without a partner, worded from the stored reason when shown.

The codes are the engine's (``MENTEE_CODES``, ``MENTOR_CODES``); the data is stored by the run
(``portable``), plus, for the codes the run does not ask the engine about again, what is
cheap to know: the circle size and a mentor's capacity, so that a reason says when they are
what left someone out.
"""

from __future__ import annotations

from collections.abc import Iterable

from tandem.matching.explain.words import Lexicon, _, label, languages_text, topics_text
from tandem.people.models import Evidence


def _mentee_full(d: dict) -> str:
    if d.get("circle_size"):
        return _("already has a full circle of %(n)s mentors (the program's circle size)") % {
            "n": d["circle_size"]
        }
    return _("takes no further mentor in this run")


def _no_evidence(d: dict, topics: str) -> str:
    if "min_evidence" in d:
        return _("no mentor with %(evidence)s or better evidence in %(topics)s") % {
            "evidence": label(Evidence(d["min_evidence"])),
            "topics": topics,
        }
    return _("no mentor for %(topics)s has the evidence the program requires") % {"topics": topics}


def mentee_words(code: str, d: dict, lex: Lexicon) -> str:
    topics = topics_text(lex, d.get("topics", ()), _("or"))
    words = {
        "matched": lambda: _("matched"),
        "no_capacity": lambda: _mentee_full(d),
        "no_needs": lambda: _("has stated no learning need in this program's topics"),
        "no_qualified_mentor": lambda: _("no qualified mentor for %(topics)s") % {"topics": topics},
        "no_mentor_with_evidence": lambda: _no_evidence(d, topics),
        "no_trained_mentor": lambda: (
            _("the mentors for %(topics)s have not completed the required training yet")
            % {"topics": topics}
        ),
        "no_common_language": lambda: (
            _("no qualified mentor for %(topics)s who speaks %(lang)s")
            % {"topics": topics, "lang": languages_text(d.get("own"), _("or"))}
        ),
        "no_common_availability": lambda: (
            _("no qualified mentor for %(topics)s is free at the same time") % {"topics": topics}
        ),
        "reporting_line": lambda: _(
            "every qualified mentor is in the same organisation and too close in its reporting line"
        ),
        "already_paired_before": lambda: _(
            "every qualified mentor was already paired with them in an earlier cohort"
        ),
        "forbidden": lambda: _("every qualified mentor left is excluded"),
        "capacity": lambda: _(
            "every compatible mentor already has as many mentees as their capacity allows"
        ),
    }
    return words[code]() if code in words else str(code)


def _mentor_full(d: dict) -> str:
    if "capacity" in d:
        return _("their capacity (%(n)s) is already filled by locked pairs") % {"n": d["capacity"]}
    return _("has no capacity for mentees")


def _not_needed(d: dict) -> str:
    if d.get("circle_size"):
        return _(
            "every mentee who could take them already has their mentors (a circle holds "
            "%(n)s at most, one per topic)"
        ) % {"n": d["circle_size"]}
    return _("every mentee they could take already has a better-suited mentor")


def mentor_words(code: str, d: dict, lex: Lexicon) -> str:
    topics = topics_text(lex, d.get("topics", ()), _("or"))
    words = {
        "matched": lambda: _("matched"),
        "no_capacity": lambda: _mentor_full(d),
        "not_trained": lambda: _("has not completed the required training"),
        "no_competences": lambda: _("has no competence in this program's topics"),
        "evidence_too_low": lambda: (
            _("competences are only %(evidence)s; the program requires %(required)s")
            % {
                "evidence": label(Evidence(d.get("best_evidence", 0))),
                "required": label(Evidence(d.get("min_evidence", 0))),
            }
        ),
        "no_mentee_needs_topics": lambda: _("no mentee needs %(topics)s") % {"topics": topics},
        "no_common_language": lambda: (
            _("no mentee who needs %(topics)s speaks %(lang)s")
            % {"topics": topics, "lang": languages_text(d.get("own"), _("or"))}
        ),
        "no_common_availability": lambda: (
            _("no mentee who needs %(topics)s is free at the same time") % {"topics": topics}
        ),
        "reporting_line": lambda: (
            _(
                "every mentee who needs %(topics)s is in the same organisation and too close "
                "in its reporting line"
            )
            % {"topics": topics}
        ),
        "already_paired_before": lambda: (
            _("every mentee who needs %(topics)s was already paired with them in an earlier cohort")
            % {"topics": topics}
        ),
        "forbidden": lambda: _("every mentee left is excluded"),
        "not_needed": lambda: _not_needed(d),
    }
    return words[code]() if code in words else str(code)


def unmatched_words(lex: Lexicon, reasons: Iterable[dict], role: str) -> list[str]:
    """Why someone has no partner (stored reasons), in the active language."""
    say = mentee_words if role == "mentee" else mentor_words
    return [say(r.get("code"), r.get("data") or {}, lex) for r in reasons]
