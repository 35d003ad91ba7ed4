"""Who takes part, their accounts, competences (with evidence) and learning needs."""

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from tandem.accounts.models import User
from tandem.demo import data
from tandem.demo.org import Org
from tandem.people.models import (
    Competence,
    Evidence,
    LearningNeed,
    Person,
    Priority,
    Source,
    Topic,
)

PASSWORD = "tandem-demo-2026"  # noqa: S105 - the printed password of demo accounts


@dataclass
class Cast:
    """The people of the demo who take part in programs, split by what they will do."""

    genai_mentors: list[Person]
    csr_mentors: list[Person]
    other_juniors: list[Person]
    genai_mentees: list[Person]
    csr_mentees: list[Person]
    other_seniors: list[Person]

    @property
    def juniors(self) -> list[Person]:
        return self.genai_mentors + self.csr_mentors + self.other_juniors

    @property
    def seniors(self) -> list[Person]:
        return self.genai_mentees + self.csr_mentees + self.other_seniors


def pick_cast(org: Org, rng: random.Random) -> Cast:
    """44 host juniors and the 10 students teach; 34 senior leaders (the CEO first) learn."""
    host_juniors = [p for p in org.by_depth[5] if p.organization_id == org.host.pk]
    juniors = rng.sample(host_juniors, 44) + list(org.students)
    rng.shuffle(juniors)
    roles = {org.sponsor, org.program_manager, org.coach}
    leaders = [
        p
        for depth in (1, 2, 3)
        for p in org.by_depth[depth]
        if p.organization_id == org.host.pk and p not in roles
    ]
    seniors = [org.ceo, *rng.sample(leaders, 33)]
    return Cast(
        genai_mentors=juniors[:26],
        csr_mentors=juniors[26:46],
        other_juniors=juniors[46:],
        genai_mentees=seniors[:22],
        csr_mentees=seniors[22:30],
        other_seniors=seniors[30:],
    )


def create_users(org: Org, cast: Cast) -> None:
    """Accounts for everyone who takes part, their managers (who verify competences) and the
    roles; hashed once, since every demo account shares the printed password."""
    wanted = [*cast.juniors, *cast.seniors, org.sponsor, org.program_manager, org.coach]
    wanted += [p.manager for p in cast.juniors if p.manager is not None]
    people = list(dict.fromkeys(wanted))
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [
            User(
                email=p.email,
                username=p.email,
                password=password,
                first_name=p.full_name.split(" ", 1)[0],
                last_name=p.full_name.split(" ", 1)[1],
                is_program_manager=p is org.program_manager,
            )
            for p in people
        ]
    )
    for person, user in zip(people, users, strict=True):
        person.user = user
    Person.objects.bulk_update(people, ["user"])


def create_skills(org: Org, cast: Cast, rng: random.Random, today: dt.date) -> None:
    topics = {t.slug: t for t in Topic.objects.all()}
    competences, needs = [], []
    groups = [
        (cast.genai_mentors, data.GENAI_TOPICS),
        (cast.csr_mentors, data.CSR_TOPICS),
        (cast.other_juniors, data.OTHER_JUNIOR_TOPICS + data.GENAI_TOPICS),
    ]
    for group, primary in groups:
        for person in group:
            competences += _junior_competences(person, primary, topics, rng, today)
            if rng.random() < 0.35:
                slug = rng.choice(data.SENIOR_TOPICS)
                needs.append(_need(person, topics[slug], rng.choice(list(Priority))))
    for group, wanted in [
        (cast.genai_mentees, data.GENAI_TOPICS),
        (cast.csr_mentees, data.CSR_TOPICS),
        (cast.other_seniors, data.OTHER_JUNIOR_TOPICS + data.CSR_TOPICS),
    ]:
        for person in group:
            needs += _senior_needs(person, wanted, topics, rng)
            if rng.random() < 0.5:
                slug = rng.choice(data.SENIOR_TOPICS)
                competences.append(
                    Competence(
                        person=person,
                        topic=topics[slug],
                        level=rng.randint(3, 4),
                        evidence=Evidence.SELF,
                    )
                )
    Competence.objects.bulk_create(competences)
    LearningNeed.objects.bulk_create(needs)


def _junior_competences(person, primary, topics, rng, today) -> list[Competence]:
    """A first competence in the group's topics, good enough to mentor (endorsed or better),
    then one to three more of any junior topic."""
    slugs = [rng.choice(primary)]
    others = [s for s in data.GENAI_TOPICS + data.CSR_TOPICS + data.OTHER_JUNIOR_TOPICS]
    for slug in rng.sample(others, rng.randint(1, 3)):
        if slug not in slugs:
            slugs.append(slug)
    result = []
    for i, slug in enumerate(slugs):
        low = Evidence.ENDORSED if i == 0 else Evidence.SELF
        evidence = rng.choices(range(low, Evidence.CERTIFIED + 1), [4, 3, 2, 1][low:])[0]
        if person.organization.kind == "partner" and evidence < Evidence.ASSESSED:
            evidence = Evidence.ASSESSED
        # the same draws, in the same order, as before provenance (so the demo's people and
        # pairs stay the same): the manager may sign an assessment; a signed one had a date
        signed = person.manager is not None and (
            evidence == Evidence.ENDORSED or (evidence == Evidence.ASSESSED and rng.random() < 0.5)
        )
        verifier = person.manager.user if signed else None
        competence = Competence(
            person=person,
            topic=topics[slug],
            level=rng.randint(3, 4) if i == 0 else rng.randint(1, 4),
        )
        local = random.Random(person.pk * 97 + i)
        days = rng.randint(20, 400) if verifier else local.randint(20, 400)
        _vouch(competence, evidence, verifier, today - dt.timedelta(days=days))
        result.append(competence)
    return result


ASSESSMENT_NOTES = (
    "Ran a hands-on workshop for the department; clear and patient.",
    "Practical case reviewed with HR: solid command of the tools.",
    "Observed coaching two colleagues; explains without jargon.",
)
CERTIFICATIONS = (
    "Generative AI fundamentals (vendor certificate)",
    "SecNumacadémie (ANSSI)",
    "PIX digital skills certificate",
)


def _vouch(competence: Competence, evidence: int, verifier, day: dt.date) -> None:
    """Who vouched: the manager endorses, HR (or the manager, ``verifier``) assesses with a
    note, certificates come from outside; each dated. An endorsement without a manager is an
    assessment by HR instead."""
    person = competence.person
    pick = (person.pk or 0) + competence.topic_id
    competence.evidence = evidence
    if evidence == Evidence.SELF:
        return
    competence.evidence_date = day
    competence.verified_at = dt.datetime.combine(day, dt.time(10)).replace(tzinfo=dt.UTC)
    if evidence == Evidence.ENDORSED and person.manager is not None:
        competence.source, competence.endorser = Source.ENDORSEMENT, person.manager
        competence.verified_by = person.manager.user
    elif evidence in (Evidence.ENDORSED, Evidence.ASSESSED):
        competence.evidence, competence.source = Evidence.ASSESSED, Source.ASSESSMENT
        competence.source_note = ASSESSMENT_NOTES[pick % len(ASSESSMENT_NOTES)]
        competence.verified_by = verifier
    else:
        competence.source = Source.CERTIFICATION
        competence.source_note = CERTIFICATIONS[pick % len(CERTIFICATIONS)]


def _senior_needs(person, wanted, topics, rng) -> list[LearningNeed]:
    """One to three needs, the first one high priority and most often the group's first
    topic (generative AI is what most leaders ask for)."""
    first = rng.choices(wanted, [4] + [1] * (len(wanted) - 1))[0]
    rest = [slug for slug in wanted if slug != first]
    slugs = [first, *rng.sample(rest, min(len(rest), rng.randint(0, 2)))]
    return [
        _need(person, topics[slug], Priority.HIGH if i == 0 else rng.choice(list(Priority)))
        for i, slug in enumerate(slugs)
    ]


def _need(person, topic, priority) -> LearningNeed:
    return LearningNeed(
        person=person, topic=topic, priority=priority, current_level=1 if priority else 2
    )
