"""The two demo programs: "Generative AI for leaders" running with its pairs, and a "CSR
circle" recruiting. Pairs are made here by a small greedy rule; the matching service replaces
``pair_up`` once it exists."""

import datetime as dt
import random

from tandem.demo import data
from tandem.demo.org import Org
from tandem.demo.skills import Cast
from tandem.matching.explain.portable import link
from tandem.mentorships.models import Mentorship, Participant
from tandem.people.models import Competence, Evidence, LearningNeed, Person, Topic
from tandem.programs.models import Enrolment, Program, TrainingCompletion, TrainingModule

GENAI_SLUG = "genai-leaders"
CSR_SLUG = "csr-circle"


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour)).replace(tzinfo=dt.UTC)


def create_programs(org: Org, today: dt.date) -> tuple[Program, Program]:
    """The GenAI program started fourteen weeks ago for six months (its midpoint survey is
    open); the CSR circle starts in six weeks. Both share the manager, coach, sponsor and
    training."""
    start = today - dt.timedelta(days=98 + today.weekday())
    genai = Program.objects.create(
        **data.GENAI_PROGRAM,
        slug=GENAI_SLUG,
        format=Program.Format.ONE_TO_ONE,
        start=start,
        end=start + dt.timedelta(days=182),
        min_evidence=Evidence.ENDORSED,
        status=Program.Status.RUNNING,
        sponsor=org.sponsor,
    )
    csr_start = today + dt.timedelta(days=45 - today.weekday())
    csr = Program.objects.create(
        **data.CSR_PROGRAM,
        slug=CSR_SLUG,
        format=Program.Format.CIRCLE,
        circle_size=3,
        start=csr_start,
        end=csr_start + dt.timedelta(days=182),
        status=Program.Status.RECRUITING,
        sponsor=org.sponsor,
    )
    modules = list(TrainingModule.objects.all())
    for program, topics in ((genai, data.GENAI_TOPICS), (csr, data.CSR_TOPICS)):
        program.topics.set(Topic.objects.filter(slug__in=topics))
        program.managers.add(org.program_manager.user)
        program.coaches.add(org.coach)
        program.required_modules.set(modules)
    return genai, csr


def enrol(program, people, role, rng, *, coach=None, accepted=1.0) -> list[Enrolment]:
    """Enrols ``people``; a share ``accepted`` of them is accepted, the others applied."""
    motivations = data.MENTOR_MOTIVATIONS if role == "mentor" else data.MENTEE_MOTIVATIONS
    enrolments = []
    for person in people:
        status = Enrolment.Status.ACCEPTED if rng.random() < accepted else Enrolment.Status.APPLIED
        enrolments.append(
            Enrolment(
                program=program,
                person=person,
                role=role,
                status=status,
                motivation=rng.choice(motivations),
                capacity=2 if role == "mentor" and rng.random() < 0.15 else 1,
                availability=sorted(rng.sample(data.AVAILABILITY, rng.randint(2, 5))),
                coach=coach,
            )
        )
    return Enrolment.objects.bulk_create(enrolments)


def complete_training(program: Program, mentors: list[Person], rng: random.Random) -> None:
    """Mentors of a running program have followed the training before it started, each
    module ending with its quiz passed (most at the first try, not all with full marks)."""
    modules = list(program.required_modules.all())
    TrainingCompletion.objects.bulk_create(
        [
            TrainingCompletion(
                person=mentor,
                module=module,
                method=TrainingCompletion.Method.QUIZ,
                score=rng.choice((3, 4, 4)),
                out_of=4,
                completed_at=_at(program.start - dt.timedelta(days=rng.randint(5, 30))),
            )
            for mentor in mentors
            for module in modules
        ]
    )


def _ancestors(person: Person, depth: int) -> list[Person]:
    chain, current = [], person.manager
    while current is not None and len(chain) < depth:
        chain.append(current)
        current = current.manager
    return chain


def _compatible(mentor: Person, mentee: Person, distance: int) -> bool:
    """The program's hard rules: no close reporting line, no shared manager, a shared
    language."""
    if mentor in _ancestors(mentee, distance) or mentee in _ancestors(mentor, distance):
        return False
    if mentor.manager is not None and mentor.manager == mentee.manager:
        return False
    return bool(set(mentor.languages) & set(mentee.languages))


def pair_up(program, mentees, mentors, skills, limit) -> list[tuple[Person, Person, int]]:
    """Greedy: each mentee in turn takes the free compatible mentor who best covers their
    needs (priority × level × evidence). ``skills`` maps a person to their competences and
    needs."""
    capacity = {m.person: m.capacity for m in mentors}
    pairs = []
    for mentee in mentees:
        if len(pairs) == limit:
            break
        best, best_score = None, 0
        for mentor in capacity:
            if capacity[mentor] and _compatible(mentor, mentee.person, program.reporting_distance):
                score = _score(skills[mentee.person][1], skills[mentor][0])
                if score > best_score:
                    best, best_score = mentor, score
        if best is not None:
            capacity[best] -= 1
            pairs.append((best, mentee.person, best_score))
    return pairs


def _score(needs: list[LearningNeed], competences: list[Competence]) -> int:
    by_topic = {c.topic_id: c for c in competences}
    return sum(
        (n.priority + 1) * by_topic[n.topic_id].level * (by_topic[n.topic_id].evidence + 1)
        for n in needs
        if n.topic_id in by_topic
    )


def why(mentor: Person, mentee: Person, skills: dict) -> dict:
    """A pair's reasons stored as a run stores them (worded for each reader): the needs the
    mentor covers, the languages they share."""
    by_topic = {c.topic_id: c for c in skills[mentor][0]}
    needs = sorted(skills[mentee][1], key=lambda n: (-n.priority, n.topic_id))
    reasons = [
        {"code": "covers", "data": {"topic": n.topic_id, "priority": n.priority, **_level(c)}}
        for n in needs
        if (c := by_topic.get(n.topic_id))
    ]
    shared = [code for code in mentee.languages or [] if code in (mentor.languages or [])]
    if shared:
        reasons.append({"code": "language", "data": {"codes": shared, "all": False}})
    return {"links": [link(mentee.pk, mentor.pk, reasons)], "notes": []}


def _level(competence: Competence) -> dict:
    return {"level": competence.level, "evidence": competence.evidence}


def create_mentorships(program, pairs, rng: random.Random, skills: dict) -> list[Mentorship]:
    """Active pairs: both sides accepted and signed the charter in the program's first weeks."""
    mentorships = Mentorship.objects.bulk_create(
        [
            Mentorship(
                program=program,
                status=Mentorship.Status.ACTIVE,
                score=score,
                details=why(mentor, mentee, skills),
                started_at=_at(program.start + dt.timedelta(days=rng.randint(3, 14))),
            )
            for mentor, mentee, score in pairs
        ]
    )
    participants = []
    for mentorship, (mentor, mentee, _) in zip(mentorships, pairs, strict=True):
        for person, role in ((mentor, Participant.Role.MENTOR), (mentee, Participant.Role.MENTEE)):
            participants.append(
                Participant(
                    mentorship=mentorship,
                    person=person,
                    role=role,
                    answer=Participant.Answer.ACCEPTED,
                    answered_at=mentorship.started_at - dt.timedelta(days=2),
                    charter_signed_at=mentorship.started_at - dt.timedelta(days=1),
                )
            )
    Participant.objects.bulk_create(participants)
    return mentorships


def create_genai(org: Org, cast: Cast, program: Program, rng: random.Random) -> list[tuple]:
    """Accepted enrolments, trained mentors and 20 active pairs; returns the pairs, the first
    (the CEO's) being the demo's showcase."""
    mentors = enrol(program, cast.genai_mentors, "mentor", rng, coach=org.coach)
    mentees = enrol(program, cast.genai_mentees, "mentee", rng, coach=org.coach)
    complete_training(program, cast.genai_mentors, rng)
    skills = _skills_of(cast.genai_mentors + cast.genai_mentees)
    pairs = pair_up(program, mentees, mentors, skills, limit=20)
    create_mentorships(program, pairs, rng, skills)
    return pairs


def create_csr(org: Org, cast: Cast, program: Program, rng: random.Random, showcase) -> None:
    """Recruiting: most applications accepted already, some still to review."""
    mentors = [m for m in cast.csr_mentors if m != showcase] + [showcase]
    enrol(program, mentors, "mentor", rng, coach=org.coach, accepted=0.7)
    enrol(program, cast.csr_mentees, "mentee", rng, coach=org.coach, accepted=0.6)


def _skills_of(people: list[Person]) -> dict:
    result = {p: ([], []) for p in people}
    by_id = {p.pk: p for p in people}
    for competence in Competence.objects.filter(person__in=people):
        result[by_id[competence.person_id]][0].append(competence)
    for need in LearningNeed.objects.filter(person__in=people):
        result[by_id[need.person_id]][1].append(need)
    return result
