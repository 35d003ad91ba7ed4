"""Signals the matching app sends to the apps above it.

``proposals_published(sender=MatchingRun, run=run, proposals=[PublishedProposal, ...])`` is
sent inside the publishing transaction: mentorships (above matching) turn the proposals into
pairs, so an error there rolls the publication back.
"""

from dataclasses import dataclass, field

from django.dispatch import Signal

proposals_published = Signal()


@dataclass
class PublishedProposal:
    """One mentorship-to-be, as plain data: person ids on each side, score and reasons (stored
    structured in ``details``; ``reasons`` holds the words of a run stored before that)."""

    id: int
    score: int
    reasons: list[str]
    details: dict | list = field(default_factory=dict)
    mentees: list[int] = field(default_factory=list)
    mentors: list[int] = field(default_factory=list)
