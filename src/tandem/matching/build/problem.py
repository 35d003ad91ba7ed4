"""Build the engine's Problem from a program's accepted enrolments.

Everything is read with a handful of ``values_list`` queries and turned into numpy arrays, so
a program of 10,000 mentees builds in well under a second plus the time the database takes.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass, field

import numpy as np
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from pydantic import ValidationError

from tandem.matching.build import pairsets
from tandem.matching.build.availability import masks
from tandem.matching.build.tree import reporting_tree
from tandem.matching.engine import Problem, Weights
from tandem.matching.errors import MatchingError
from tandem.matching.models import Role
from tandem.people.models import LearningNeed, Topic
from tandem.programs.models import Enrolment, Program
from tandem.programs.services.qualification import mentor_competences
from tandem.programs.services.training import trained_ids

ALL_LANGUAGES = np.uint64(0xFFFFFFFFFFFFFFFF)
GENDER_CODES = {"f": 0, "m": 1, "x": 2}
_JSON_FIELDS = {"availability", "languages", "person__languages"}
_ENROLMENT_FIELDS = (
    "person_id",
    "role",
    "capacity",
    "availability",  # JSON columns are read as text and decoded once per distinct value
    "languages",
    "person__languages",
    "person__timezone",
    "person__employee_id",
    "person__department",
    "person__site",
    "person__organization_id",
    "person__gender",
    "person__birth_year",
    "person__full_name",
)


@dataclass
class Side:
    """One side's people in engine order, with what explanations need to name them."""

    ids: np.ndarray  # person ids, ascending: engine index -> person id
    employee_ids: list[str]
    names: list[str]
    timezones: list[str]
    languages: list[list[str]]

    def index(self, person_ids) -> np.ndarray:
        """Person ids -> engine indices, -1 where the person is not on this side."""
        q = np.asarray(person_ids, dtype=np.int64)
        if not len(self.ids):
            return np.full(len(q), -1, dtype=np.int64)
        pos = np.minimum(np.searchsorted(self.ids, q), len(self.ids) - 1)
        return np.where(self.ids[pos] == q, pos, -1)


@dataclass
class Built:
    """A Problem plus the mapping back to people and topics."""

    problem: Problem
    weights: Weights
    mentees: Side
    mentors: Side
    topics: dict[int, tuple[str, str, str]]  # topic id -> (slug, English, French)
    languages: list[str]  # bit k of the language masks -> language code
    start: dt.date
    seconds: float = 0.0
    snapshot: dict = field(default_factory=dict)


def weights_for(program: Program) -> Weights:
    """The program's weights, checked, as the engine's Weights (same names and indexing)."""
    try:
        return Weights(**program.matching_weights().model_dump())
    except ValidationError:
        raise MatchingError(
            _("The matching weights of program %(program)s are not valid: %(weights)s")
            % {"program": program.slug, "weights": program.weights}
        ) from None


def _slots_of(row) -> tuple:
    """(availability, time zone, who) for ``masks``: who is named by name and employee id."""
    return row[3], row[6], f"{row[13]} ({row[7]})"


def _codes(values, *, skip=("", None)) -> np.ndarray:
    """Strings -> small ints shared by both sides; unknown -> -1."""
    table: dict = {}
    out = np.full(len(values), -1, dtype=np.int64)
    for k, v in enumerate(values):
        if v not in skip:
            out[k] = table.setdefault(v, len(table))
    return out


def _generations(birth_years) -> np.ndarray:
    """Birth years -> generation codes (boomers, X, Y, Z, alpha…); unknown -> -1."""
    years = np.array([y or 0 for y in birth_years], dtype=np.int64)
    codes = np.searchsorted([1946, 1965, 1981, 1997, 2013], years, side="right")
    return np.where(years > 0, codes, -1).astype(np.int64)


def _language_codes(codes) -> list[str]:
    return sorted({str(c).strip().lower().replace("_", "-").split("-")[0] for c in codes if c})


def _only(people, field: str = "person_id") -> dict:
    """A filter on the given people, or none for the whole program."""
    return {} if people is None else {f"{field}__in": list(people)}


def program_languages(program: Program) -> list[str]:
    """Every language code the program's accepted people speak, as a whole run reads them
    (an enrolment's languages, else the person's): one query over the distinct values."""
    rows = (
        Enrolment.objects.filter(
            program=program, status=Enrolment.Status.ACCEPTED, person__is_active=True
        )
        .values_list(
            Cast("languages", output_field=TextField()),
            Cast("person__languages", output_field=TextField()),
        )
        .distinct()
    )
    return _language_codes(
        code for own, person in rows for code in (_json_list(own) or _json_list(person))
    )


def _json_list(raw: str | None) -> list:
    return json.loads(raw) or [] if raw not in (None, "", "null") else []


def _load_enrolments(program: Program, people=None) -> dict[str, list[tuple]]:
    rows = (
        Enrolment.objects.filter(
            program=program,
            status=Enrolment.Status.ACCEPTED,
            person__is_active=True,
            **_only(people),
        )
        .order_by("person_id")
        .values_list(
            *(
                Cast(name, output_field=TextField()) if name in _JSON_FIELDS else name
                for name in _ENROLMENT_FIELDS
            )
        )
    )
    decoded: dict[str | None, object] = {None: [], "": [], "null": []}

    def decode(raw):
        if raw not in decoded:
            decoded[raw] = json.loads(raw)
        return decoded[raw]

    sides: dict[str, list[tuple]] = {Role.MENTEE: [], Role.MENTOR: []}
    languages: dict = {}
    for row in rows:
        row = list(row)
        row[3] = decode(row[3])
        raw_languages = (row[4], row[5])
        if raw_languages not in languages:
            languages[raw_languages] = _language_codes(decode(row[4]) or decode(row[5]) or [])
        row[4] = languages[raw_languages]
        sides[row[1]].append(row)
    return sides


def _side(rows: list[tuple]) -> Side:
    return Side(
        ids=np.array([r[0] for r in rows], dtype=np.int64),
        employee_ids=[r[7] for r in rows],
        names=[r[13] for r in rows],
        timezones=[r[6] or "UTC" for r in rows],
        languages=[r[4] for r in rows],
    )


def _csr(owner: np.ndarray, n: int, *columns: np.ndarray) -> tuple[np.ndarray, ...]:
    """Rows (owner index, values…) -> (ptr, values sorted by owner…), dropping owner -1."""
    keep = owner >= 0
    order = np.argsort(owner[keep], kind="stable")
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner[keep], minlength=n), out=ptr[1:])
    return (ptr, *(np.asarray(c)[keep][order] for c in columns))


def _topic_filter(program: Program) -> dict:
    topic_ids = list(program.topics.values_list("id", flat=True))
    return {"topic_id__in": topic_ids} if topic_ids else {}


def _needs(program: Program, mentees: Side, people=None) -> tuple[np.ndarray, ...]:
    rows = np.array(
        LearningNeed.objects.filter(
            person__enrolments__program=program,
            person__enrolments__role=Role.MENTEE,
            **_topic_filter(program),
            **_only(people),
        ).values_list("person_id", "topic_id", "priority"),
        dtype=np.int64,
    ).reshape(-1, 3)
    return _csr(mentees.index(rows[:, 0]), len(mentees.ids), rows[:, 1], rows[:, 2])


def _competences(program: Program, mentors: Side, people=None) -> tuple[np.ndarray, ...]:
    """Mentors' competences with the evidence that counts for this program (expired evidence
    counts as self-declared: ``qualification.mentor_competences``)."""
    filters = {**_topic_filter(program), **_only(people, "person")}
    rows = np.array(list(mentor_competences(program, filters)), dtype=np.int64).reshape(-1, 4)
    idx = mentors.index(rows[:, 0])
    return _csr(idx, len(mentors.ids), rows[:, 1], rows[:, 2], rows[:, 3])


def _trained(program: Program, mentors: Side, people=None) -> np.ndarray:
    """Who passed the program's required modules, its way (``training.trained_ids``)."""
    if people is None:
        people = Enrolment.objects.filter(program=program, role=Role.MENTOR).values("person_id")
    trained = trained_ids(program, people)
    if trained is None:
        return np.ones(len(mentors.ids), dtype=bool)
    return _flags(mentors, sorted(trained))


def _language_masks(mentees: Side, mentors: Side) -> tuple[np.ndarray, np.ndarray, list[str]]:
    codes = _language_codes(
        c for side in (mentees, mentors) for langs in side.languages for c in langs
    )
    if len(codes) > 64:
        raise MatchingError(_("More than 64 languages are spoken in this program."))
    bit = {c: np.uint64(1) << np.uint64(k) for k, c in enumerate(codes)}

    def side_masks(side: Side) -> np.ndarray:
        out = np.full(len(side.ids), ALL_LANGUAGES, dtype=np.uint64)
        for k, langs in enumerate(side.languages):
            if langs:
                out[k] = np.bitwise_or.reduce([bit[c] for c in langs])
        return out

    return side_masks(mentees), side_masks(mentors), codes


def _pairs(person_pairs, mentees: Side, mentors: Side) -> np.ndarray:
    """(mentee person id, mentor person id) rows -> (k, 2) engine indices of known pairs."""
    a = np.array(list(person_pairs), dtype=np.int64).reshape(-1, 2)
    out = np.stack([mentees.index(a[:, 0]), mentors.index(a[:, 1])], axis=1)
    out = out[(out >= 0).all(axis=1)]
    return np.unique(out, axis=0) if len(out) else out


def _flags(side: Side, person_ids: list[int]) -> np.ndarray:
    out = np.zeros(len(side.ids), dtype=bool)
    idx = side.index(person_ids)
    out[idx[idx >= 0]] = True
    return out


def _capacities(program: Program, rows_mentee, rows_mentor) -> tuple[np.ndarray, np.ndarray]:
    mentor_cap = np.array([r[2] or 1 for r in rows_mentor], dtype=np.int64)
    mentee_cap = np.ones(len(rows_mentee), dtype=np.int64)
    if program.format == Program.Format.GROUP or program.format == Program.Format.CIRCLE:
        mentor_cap = np.clip(mentor_cap, 1, 12)
    else:
        mentor_cap = np.clip(mentor_cap, 1, 3)
    mentee_cap[:] = program.mentors_per_mentee
    return mentee_cap, mentor_cap


def _diversity(rows_mentee, rows_mentor) -> dict[str, np.ndarray]:
    """Department, site, organisation, gender and generation codes for both sides."""
    both = [*rows_mentee, *rows_mentor]
    n = len(rows_mentee)
    columns = {
        "dept": _codes([r[8] for r in both]),
        "site": _codes([r[9] for r in both]),
        "org": np.array([r[10] for r in both], dtype=np.int64),
        "gender": np.array([GENDER_CODES.get(r[11], -1) for r in both], dtype=np.int64),
        "generation": _generations([r[12] for r in both]),
    }
    out = {}
    for name, values in columns.items():
        out[f"mentee_{name}"], out[f"mentor_{name}"] = values[:n], values[n:]
    return out


def snapshot(program: Program, weights: Weights) -> dict:
    """The settings a run used, kept with the run."""
    return {
        "format": program.format,
        "circle_size": program.circle_size,
        "reporting_distance": program.reporting_distance,
        "min_evidence": program.min_evidence,
        "evidence_months": program.evidence_months,
        "require_training": program.require_training,
        "training_check": program.training_check,
        "required_modules": sorted(program.required_modules.values_list("slug", flat=True)),
        "meeting_minutes": program.meeting_minutes,
        "weights": {k: list(v) if isinstance(v, tuple) else v for k, v in weights.__dict__.items()},
        "renews": program.renews.slug if program.renews_id else None,
    }


def _pair_arrays(program: Program, mentees: Side, mentors: Side) -> dict[str, np.ndarray]:
    """Earlier, forbidden, locked and preferred pairs, and who was left unmatched before."""
    chain = pairsets.renewal_chain(program)
    both_sides = np.intersect1d(mentees.ids, mentors.ids).tolist()
    current = pairsets.current_mentorships(program)
    locked = pairsets.locked_pairs(program, current)
    sources = pairsets.forbidden_sources(program, both_sides, current)
    forbidden = [p for pairs in sources.values() for p in pairs]
    return {
        "earlier_pairs": _pairs(pairsets.earlier_pairs(program, chain), mentees, mentors),
        "forbidden_pairs": _pairs(forbidden, mentees, mentors),
        "locked_pairs": _pairs(locked, mentees, mentors),
        "preferred_pairs": _pairs(pairsets.preferences(program, "preferred"), mentees, mentors),
        "mentee_unmatched_before": _flags(mentees, pairsets.unmatched_before(program, chain)),
    }


def _topic_names(topic_ids) -> dict[int, tuple[str, str, str]]:
    rows = Topic.objects.filter(pk__in=list(topic_ids)).values_list(
        "id", "slug", "name_en", "name_fr"
    )
    return {t: (slug, en, fr) for t, slug, en, fr in rows}


def _program_rules(program: Program) -> dict:
    """The program's own settings the engine's rules read, as Problem fields."""
    return {
        "min_evidence": program.min_evidence,
        "require_training": program.require_training,
        "circle": program.mentors_per_mentee > 1,
        "meeting_slots": -(-program.meeting_minutes // 30),  # whole half-hours
        "reporting_distance": program.reporting_distance,
    }


def build_problem(program: Program, *, people=None) -> Built:
    """Read the program's accepted enrolments and everything the rules need, as arrays;
    ``people`` (person ids) restricts it to them, with the same rules (one pair's check)."""
    started = time.perf_counter()
    weights = weights_for(program)
    rows = _load_enrolments(program, people)
    rows_mentee, rows_mentor = rows[Role.MENTEE], rows[Role.MENTOR]
    mentees, mentors = _side(rows_mentee), _side(rows_mentor)
    need_ptr, need_topic, need_priority = _needs(program, mentees, people)
    comp_ptr, comp_topic, comp_level, comp_evidence = _competences(program, mentors, people)
    mentee_lang, mentor_lang, language_codes = _language_masks(mentees, mentors)
    mentee_avail, mentee_given = masks([_slots_of(r) for r in rows_mentee], program.start)
    mentor_avail, mentor_given = masks([_slots_of(r) for r in rows_mentor], program.start)
    mentee_cap, mentor_cap = _capacities(program, rows_mentee, rows_mentor)
    problem = Problem(
        need_ptr=need_ptr,
        need_topic=need_topic,
        need_priority=need_priority,
        comp_ptr=comp_ptr,
        comp_topic=comp_topic,
        comp_level=comp_level,
        comp_evidence=comp_evidence,
        mentor_trained=_trained(program, mentors, people),
        mentor_capacity=mentor_cap,
        mentee_capacity=mentee_cap,
        mentee_lang=mentee_lang,
        mentor_lang=mentor_lang,
        mentee_avail=mentee_avail,
        mentor_avail=mentor_avail,
        mentee_avail_given=mentee_given,
        mentor_avail_given=mentor_given,
        **_program_rules(program),
        **_pair_arrays(program, mentees, mentors),
        **reporting_tree(rows_mentee, rows_mentor, org_at=10),
        **_diversity(rows_mentee, rows_mentor),
    )
    return Built(
        problem=problem,
        weights=weights,
        mentees=mentees,
        mentors=mentors,
        topics=_topic_names(np.union1d(need_topic, comp_topic).tolist()),
        languages=language_codes,
        start=program.start,
        seconds=time.perf_counter() - started,
        snapshot=snapshot(program, weights),
    )
