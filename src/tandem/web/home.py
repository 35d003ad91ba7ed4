"""What a signed-in person's home page shows: their profile and their programs, by role.

Every list is read in a fixed number of queries (counts by aggregation), whatever the number
of programs, enrolments or pairs. Coaches, managers and sponsors get counts only: no text
written by or about a pair.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q

from tandem.insights.services.figures import K
from tandem.mentorships.models import Mentorship, Participant
from tandem.people.models import Competence, LearningNeed, Person
from tandem.programs.models import Enrolment, Program
from tandem.web import workspaces
from tandem.web.sponsor import sponsor_rows
from tandem.web.todos import enrolments_of, places_of
from tandem.web.whats_next import whats_next

OPEN_ENROLMENT = [Enrolment.Status.APPLIED, Enrolment.Status.ACCEPTED]


@dataclass
class Counts:
    """Participation in one program: enrolments by role and status, pairs by status."""

    enrolments: dict = field(default_factory=lambda: defaultdict(int))
    mentorships: dict = field(default_factory=lambda: defaultdict(int))

    def enrolled(self, role: str) -> int:
        return sum(n for (r, status), n in self.enrolments.items() if r == role)

    @property
    def mentors(self) -> int:
        return self.enrolled(Enrolment.Role.MENTOR)

    @property
    def mentees(self) -> int:
        return self.enrolled(Enrolment.Role.MENTEE)

    @property
    def applied(self) -> int:
        return sum(n for (_, status), n in self.enrolments.items() if status == "applied")

    @property
    def mentorships_by_status(self) -> list[tuple[str, int]]:
        labels = dict(Mentorship.Status.choices)
        return [(labels[s], self.mentorships[s]) for s in labels if self.mentorships.get(s)]


@dataclass
class ProgramRow:
    program: Program
    counts: Counts


@dataclass
class Participation:
    """One of the person's enrolments and the pairs or circles it led to."""

    enrolment: Enrolment
    mentorships: list = field(default_factory=list)


def profile_of(user) -> Person | None:
    return Person.objects.select_related("organization", "manager").filter(user=user).first()


def profile_lists(person: Person) -> dict:
    """The profile card's competences and learning needs (plain queries: the prefetch
    machinery cost more than the two queries)."""
    competences = Competence.objects.filter(person=person).select_related(
        "topic", "verified_by__person", "endorser"
    )
    return {
        "competences": list(competences),
        "needs": list(LearningNeed.objects.filter(person=person).select_related("topic")),
    }


def participations_of(
    person: Person, enrolments: list[Enrolment], places: list[Participant]
) -> list[Participation]:
    """The person's enrolments, each with their mentorships in that program (declined ones
    left out) and the other participants (one query for all of them)."""
    rows = {(e.program_id, e.role): Participation(e) for e in enrolments}
    shown = [
        (row, place.mentorship)
        for place in places
        if place.mentorship.status != Mentorship.Status.DECLINED
        and (row := rows.get((place.mentorship.program_id, place.role))) is not None
    ]
    others = defaultdict(list)
    if shown:
        around = (
            Participant.objects.filter(mentorship_id__in={m.pk for _row, m in shown})
            .exclude(person_id=person.pk)
            .select_related("person")
            .order_by("role", "person__full_name")
        )
        for participant in around:
            others[participant.mentorship_id].append(participant)
    for row, mentorship in shown:
        row.mentorships.append((mentorship, others[mentorship.pk]))
    return list(rows.values())


def _count(counts: dict[int, Counts], enrolments, mentorships, pairs: Count) -> None:
    """Add the open enrolments by (role, status) and the pairs by status to each program's
    counts (one grouped query each); ``pairs`` counts the pairs (distinct across joins)."""
    rows = (
        enrolments.filter(status__in=OPEN_ENROLMENT)
        .values_list("program_id", "role", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for program_id, role, status, n in rows:
        counts[program_id].enrolments[(role, status)] = n
    for program_id, status, n in (
        mentorships.values_list("program_id", "status").annotate(n=pairs).order_by()
    ):
        counts[program_id].mentorships[status] = n


def counts_for(program_ids) -> dict[int, Counts]:
    counts: dict[int, Counts] = defaultdict(Counts)
    _count(
        counts,
        Enrolment.objects.filter(program_id__in=program_ids),
        Mentorship.objects.filter(program_id__in=program_ids),
        Count("id"),
    )
    return counts


def programs_by_role(user, person: Person | None) -> dict[str, list[Program]]:
    """The programs the user manages, coaches and sponsors, read in one query (most people
    have none, and every home page asked three times)."""
    managers = Program.managers.through.objects.filter(user_id=user.pk)
    mine = Q(pk__in=managers.values("program_id"))
    flags = {"is_managed": Exists(managers.filter(program_id=OuterRef("pk")))}
    if person is not None:
        coaches = Program.coaches.through.objects.filter(person_id=person.pk)
        coached = Enrolment.objects.filter(coach_id=person.pk)
        mine |= (
            Q(sponsor_id=person.pk)
            | Q(pk__in=coaches.values("program_id"))
            | Q(pk__in=coached.values("program_id"))
        )
        flags["is_coached"] = Exists(coaches.filter(program_id=OuterRef("pk"))) | Exists(
            coached.filter(program_id=OuterRef("pk"))
        )
    programs = list(Program.objects.filter(mine).annotate(**flags).order_by("-start", "name"))
    return {
        "managed": [p for p in programs if p.is_managed],
        "coached": [p for p in programs if getattr(p, "is_coached", False)],
        "sponsored": [p for p in programs if person is not None and p.sponsor_id == person.pk],
    }


def _rows(programs: list[Program], counts: dict[int, Counts]) -> list[ProgramRow]:
    return [ProgramRow(p, counts.get(p.pk, Counts())) for p in programs]


def coached_programs(person: Person, programs: list[Program]) -> list[ProgramRow]:
    """Programs the person coaches, with only what they supervise: the enrolments assigned
    to them and the pairs those people belong to, by status."""
    if not programs:
        return []
    counts: dict[int, Counts] = defaultdict(Counts)
    ids = [p.pk for p in programs]
    _count(
        counts,
        Enrolment.objects.filter(program_id__in=ids, coach=person),
        Mentorship.objects.filter(
            program_id__in=ids,
            participants__person__enrolments__coach=person,
            participants__person__enrolments__program_id=F("program_id"),
        ),
        Count("id", distinct=True),
    )
    return [ProgramRow(p, counts[p.pk]) for p in programs]


def home_context(user, any_role: bool = True) -> dict:
    """``any_role=False`` (the header's roles: the user manages, coaches and sponsors nothing,
    as most participants) skips the query for those programs."""
    person = profile_of(user)
    programs = (
        programs_by_role(user, person)
        if any_role
        else {"managed": [], "coached": [], "sponsored": []}
    )
    managed = programs["managed"]
    counts = counts_for([p.pk for p in managed]) if managed else {}
    enrolments = list(enrolments_of(person)) if person else []
    places = list(places_of(person)) if person else []
    participations = participations_of(person, enrolments, places) if person else []
    return {
        "person": person,
        **(profile_lists(person) if person else {}),
        "whats_next": whats_next(person, enrolments, places) if participations else None,
        "participations": participations,
        "managed": workspaces.with_health(_rows(managed, counts)),
        "coached": coached_programs(person, programs["coached"]) if person else [],
        "coached_health": workspaces.coached_health(person) if programs["coached"] else [],
        "sponsored": sponsor_rows(person, programs["sponsored"]) if programs["sponsored"] else [],
        "min_group": K,
    }
