"""Plain builders for test data: small, explicit, no magic."""

import datetime as dt
import itertools

from tandem.accounts.models import User
from tandem.people.models import Competence, LearningNeed, Organization, Person, Topic
from tandem.programs.models import Enrolment, Program

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery-staple"


def seed_reference_data() -> None:
    """Topics and training modules as the data migrations write them; a transactional test
    that runs after another one finds every table flushed."""
    from tandem.people.taxonomy import seed
    from tandem.programs.models import TrainingModule

    seed(Topic, TrainingModule)


def organization(name="Acme", kind=Organization.Kind.HOST) -> Organization:
    org, _ = Organization.objects.get_or_create(
        slug=name.lower().replace(" ", "-"), defaults={"name": name, "kind": kind}
    )
    return org


def person(full_name=None, *, org=None, manager=None, with_user=False, **fields) -> Person:
    n = next(_seq)
    full_name = full_name or f"Person {n}"
    email = fields.pop("email", None) or f"p{n}@example.com"
    p = Person.objects.create(
        employee_id=fields.pop("employee_id", None) or f"E{n:05d}",
        email=email,
        full_name=full_name,
        organization=org or organization(),
        manager=manager,
        languages=fields.pop("languages", ["en", "fr"]),
        **fields,
    )
    if with_user:
        p.user = User.objects.create_user(email=email, password=PASSWORD)
        p.save(update_fields=["user"])
    return p


def topic(slug="genai") -> Topic:
    return Topic.objects.get(slug=slug)


def competence(p, slug="genai", level=3, evidence=2) -> Competence:
    return Competence.objects.create(person=p, topic=topic(slug), level=level, evidence=evidence)


def need(p, slug="genai", priority=2) -> LearningNeed:
    return LearningNeed.objects.create(person=p, topic=topic(slug), priority=priority)


def program(name="GenAI for leaders", *, slug=None, topics=("genai", "cyber"), **fields) -> Program:
    start = fields.pop("start", dt.date(2026, 1, 5))
    prog = Program.objects.create(
        name=name,
        slug=slug or name.lower().replace(" ", "-"),
        start=start,
        end=fields.pop("end", start + dt.timedelta(days=180)),
        **fields,
    )
    prog.topics.set(Topic.objects.filter(slug__in=topics))
    return prog


def enrol(p, prog, role, status=Enrolment.Status.ACCEPTED, **fields) -> Enrolment:
    return Enrolment.objects.create(person=p, program=prog, role=role, status=status, **fields)
