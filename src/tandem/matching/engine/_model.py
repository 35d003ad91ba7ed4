"""Data model of the matching engine: weights, problem, result, reasons (numpy only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

LOW, MEDIUM, HIGH = 0, 1, 2
SELF_DECLARED, ENDORSED, ASSESSED, CERTIFIED = 0, 1, 2, 3
SLOTS_PER_DAY = 48
SLOTS_PER_WEEK = 7 * SLOTS_PER_DAY
AVAIL_WORDS = 6
MAX_PAIR_SCORE = 10_000
ALL_LANGUAGES = np.uint64(0xFFFFFFFFFFFFFFFF)


@dataclass(frozen=True)
class Weights:
    """A program's weights as given: the names, indexing and defaults are those of
    ``tandem.programs.weights.MatchingWeights`` (the engine has none of its own).

    ``priority`` is indexed by priority code (0=low, 1=medium, 2=high), ``level`` by level
    0..4 (a mentor's level is 1..4), ``evidence`` by evidence code (0=self-declared,
    1=endorsed, 2=assessed, 3=certified). A covered need is worth ``priority * level *
    evidence * scale`` points; the bonuses are added once per pair. Pair scores are clipped
    to 0..10,000. ``scale`` is the engine's unit of points, not a program setting.
    """

    priority: tuple[int, int, int]
    level: tuple[int, int, int, int, int]
    evidence: tuple[int, int, int, int]
    other_department: int
    other_site: int
    other_organization: int
    other_gender: int
    other_generation: int
    preference: int
    unmatched_before: int
    scale: int = 10


def _arr(value: Any, dtype: Any, default_shape: tuple[int, ...], fill: Any) -> np.ndarray:
    if value is None:
        return np.full(default_shape, fill, dtype=dtype)
    return np.ascontiguousarray(np.asarray(value, dtype=dtype))


def _pairs(value: Any) -> np.ndarray:
    if value is None:
        return np.zeros((0, 2), dtype=np.int64)
    a = np.asarray(value, dtype=np.int64)
    return np.ascontiguousarray(a.reshape(-1, 2))


@dataclass
class Problem:
    """One matching run. Mentees ``i`` in [0, n), mentors ``j`` in [0, m). All numpy arrays.

    Needs (CSR over mentees): ``need_ptr`` (n+1), ``need_topic`` (int topic ids),
    ``need_priority`` (0=low, 1=medium, 2=high).
    Competences (CSR over mentors): ``comp_ptr`` (m+1), ``comp_topic``, ``comp_level`` (1..4),
    ``comp_evidence`` (0=self-declared .. 3=certified).
    ``min_evidence``: competences below it neither qualify nor score.
    ``require_training`` + ``mentor_trained`` (bool m): untrained mentors are not qualified.
    ``mentor_capacity`` (int m), ``mentee_capacity`` (int n; >1 only in circle format).
    ``circle``: circle format; each pair counts for its best covered topic and a mentee gets at
    most one mentor per topic.
    ``mentee_lang`` / ``mentor_lang``: uint64 language bitmasks; a pair must share a bit
    (default: all bits, i.e. no constraint).
    ``mentee_avail`` / ``mentor_avail``: (n, 6) / (m, 6) uint64, bit t (word t//64, bit t%64)
    = half-hour slot t of the UTC week (0 = Monday 00:00), 336 slots.
    ``mentee_avail_given`` / ``mentor_avail_given``: bool; availability constrains only if given.
    ``meeting_slots``: meeting length in half-hour slots; a pair needs a common free run of it
    (wrapping around the end of the week).
    Reporting tree (shared by both sides, ids of a DFS numbering): ``*_pre``, ``*_post``,
    ``*_depth``, ``*_parent`` (parent person id, -1 = none) and ``*_tree`` (organisation tree
    id); ``pre == -1`` = outside any tree (never in a reporting line).
    ``reporting_distance``: 0 = rule off, d > 0 = forbid manager/report within d levels,
    -1 = the whole chain; whenever != 0 colleagues with the same manager are forbidden too.
    ``earlier_pairs``, ``forbidden_pairs``, ``locked_pairs``, ``preferred_pairs``: (k, 2) int
    arrays of (mentee, mentor). Earlier and forbidden pairs are never proposed; locked pairs are
    always kept (they consume capacity); preferred pairs earn the ``preference`` bonus.
    Diversity codes ``mentee_dept`` .. ``mentor_generation`` (int, -1 = unknown): bonus when both
    known and different. ``mentee_unmatched_before`` (bool n): priority bonus.
    Treat a Problem as immutable once solved (derived data is cached on it).
    """

    need_ptr: Any
    need_topic: Any
    need_priority: Any
    comp_ptr: Any
    comp_topic: Any
    comp_level: Any
    comp_evidence: Any
    min_evidence: int = 0
    require_training: bool = False
    mentor_trained: Any = None
    mentor_capacity: Any = None
    mentee_capacity: Any = None
    circle: bool = False
    mentee_lang: Any = None
    mentor_lang: Any = None
    mentee_avail: Any = None
    mentor_avail: Any = None
    mentee_avail_given: Any = None
    mentor_avail_given: Any = None
    meeting_slots: int = 2
    mentee_pre: Any = None
    mentee_post: Any = None
    mentee_depth: Any = None
    mentee_parent: Any = None
    mentee_tree: Any = None
    mentor_pre: Any = None
    mentor_post: Any = None
    mentor_depth: Any = None
    mentor_parent: Any = None
    mentor_tree: Any = None
    reporting_distance: int = 2
    earlier_pairs: Any = None
    forbidden_pairs: Any = None
    locked_pairs: Any = None
    preferred_pairs: Any = None
    mentee_dept: Any = None
    mentor_dept: Any = None
    mentee_site: Any = None
    mentor_site: Any = None
    mentee_org: Any = None
    mentor_org: Any = None
    mentee_gender: Any = None
    mentor_gender: Any = None
    mentee_generation: Any = None
    mentor_generation: Any = None
    mentee_unmatched_before: Any = None

    def __post_init__(self) -> None:
        i64, i32 = np.int64, np.int32
        self.need_ptr = _arr(self.need_ptr, i64, (1,), 0)
        self.comp_ptr = _arr(self.comp_ptr, i64, (1,), 0)
        n, m = len(self.need_ptr) - 1, len(self.comp_ptr) - 1
        self.need_topic = _arr(self.need_topic, i64, (0,), 0)
        self.need_priority = _arr(self.need_priority, i32, (0,), 0)
        self.comp_topic = _arr(self.comp_topic, i64, (0,), 0)
        self.comp_level = _arr(self.comp_level, i32, (0,), 1)
        self.comp_evidence = _arr(self.comp_evidence, i32, (0,), 0)
        self.mentor_trained = _arr(self.mentor_trained, bool, (m,), True)
        self.mentor_capacity = _arr(self.mentor_capacity, i64, (m,), 1)
        self.mentee_capacity = _arr(self.mentee_capacity, i64, (n,), 1)
        self.mentee_lang = _arr(self.mentee_lang, np.uint64, (n,), ALL_LANGUAGES)
        self.mentor_lang = _arr(self.mentor_lang, np.uint64, (m,), ALL_LANGUAGES)
        self.mentee_avail = _arr(self.mentee_avail, np.uint64, (n, AVAIL_WORDS), 0)
        self.mentor_avail = _arr(self.mentor_avail, np.uint64, (m, AVAIL_WORDS), 0)
        self.mentee_avail = self.mentee_avail.reshape(n, AVAIL_WORDS)
        self.mentor_avail = self.mentor_avail.reshape(m, AVAIL_WORDS)
        self.mentee_avail_given = _arr(self.mentee_avail_given, bool, (n,), False)
        self.mentor_avail_given = _arr(self.mentor_avail_given, bool, (m,), False)
        for side, k in (("mentee", n), ("mentor", m)):
            for name in ("pre", "post", "depth", "parent", "tree"):
                attr = f"{side}_{name}"
                setattr(self, attr, _arr(getattr(self, attr), i64, (k,), -1))
            for name in ("dept", "site", "org", "gender", "generation"):
                attr = f"{side}_{name}"
                setattr(self, attr, _arr(getattr(self, attr), i64, (k,), -1))
        self.mentee_unmatched_before = _arr(self.mentee_unmatched_before, bool, (n,), False)
        for name in ("earlier_pairs", "forbidden_pairs", "locked_pairs", "preferred_pairs"):
            setattr(self, name, _pairs(getattr(self, name)))
        self.min_evidence = int(self.min_evidence)
        self.meeting_slots = max(1, int(self.meeting_slots))
        self.reporting_distance = int(self.reporting_distance)
        self.require_training = bool(self.require_training)
        self.circle = bool(self.circle)

    @property
    def n(self) -> int:
        return len(self.need_ptr) - 1

    @property
    def m(self) -> int:
        return len(self.comp_ptr) - 1


@dataclass(frozen=True)
class Reason:
    """A structured explanation: ``code`` plus plain data (ints, tuples); no wording."""

    code: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Pairs:
    """One row per mentee-mentor link."""

    mentee: np.ndarray
    mentor: np.ndarray
    score: np.ndarray
    locked: np.ndarray

    def __len__(self) -> int:
        return len(self.mentee)


@dataclass
class Result:
    """Outcome of :func:`solve`.

    ``unmatched_mentees`` / ``unmatched_mentors``: index arrays of people with no pair at all,
    with the reason code of each in ``unmatched_mentee_reason`` / ``unmatched_mentor_reason``.
    ``prices``: mentor prices (dual values, scaled units) used for the certificate.
    """

    pairs: Pairs
    unmatched_mentees: np.ndarray
    unmatched_mentee_reason: np.ndarray
    unmatched_mentors: np.ndarray
    unmatched_mentor_reason: np.ndarray
    totals: dict[str, Any]
    prices: np.ndarray
