"""Plain builders for test data: small, explicit, no magic."""

import datetime as dt
import itertools

from tandem.accounts.models import User
from tandem.mentorships.models import Mentorship, Participant
from tandem.mentorships.services import lifecycle
from tandem.people.models import Competence, LearningNeed, Organization, Person, Topic
from tandem.programs.models import Enrolment, Program

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery-staple"
START = dt.datetime(2026, 1, 6, 8, 0, tzinfo=dt.UTC)  # a Tuesday, day 2 of the cast's program


def seed_reference_data() -> None:
    """Topics and training modules as the data migrations write them; a transactional test
    that runs after another one finds every table flushed."""
    from tandem.people.taxonomy import seed
    from tandem.programs.models import TrainingModule, TrainingQuestion
    from tandem.programs.quizzes import seed as seed_quizzes

    seed(Topic, TrainingModule)
    seed_quizzes(TrainingModule, TrainingQuestion)


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


SOURCES = {1: "endorsement", 2: "assessment", 3: "certification"}


def competence(p, slug="genai", level=3, evidence=2, **fields) -> Competence:
    """Evidence above self-declared comes with a source (an endorsement, an assessment, a
    certification), as the database requires; ``fields`` override it."""
    if evidence:
        fields = {
            "source": SOURCES[evidence],
            "source_note": "Seen at work",
            "evidence_date": dt.date.today(),
            **fields,
        }
    return Competence.objects.create(
        person=p, topic=topic(slug), level=level, evidence=evidence, **fields
    )


def need(p, slug="genai", priority=2) -> LearningNeed:
    return LearningNeed.objects.create(person=p, topic=topic(slug), priority=priority)


def program(name="GenAI for leaders", *, slug=None, topics=("genai", "cyber"), **fields) -> Program:
    start = fields.pop("start", dt.date(2026, 1, 5))
    fields.setdefault("min_evidence", 0)  # the tests' programs accept self-declared mentors
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


def passed(p, module, *, score=4, out_of=4, method="quiz", at=None, by=None):
    """A module completed its checked way: its quiz passed (score), or a sign-off by ``by``."""
    import datetime as _dt

    from tandem.programs.models import TrainingCompletion

    values = {"score": score, "out_of": out_of} if method == "quiz" else {"signed_off_by": by}
    return TrainingCompletion.objects.create(
        person=p,
        module=module,
        method=method,
        completed_at=at or _dt.datetime(2026, 1, 2, tzinfo=_dt.UTC),
        **values,
    )


def pair(program, mentor, mentee, status=Mentorship.Status.ACTIVE, *, answer=None, **fields):
    """A mentorship of two people written straight to the database (no service, no meeting):
    for counts and pages that only read pairs. ``answer`` sets both participants' answer."""
    mentorship = Mentorship.objects.create(program=program, status=status, **fields)
    extra = {"answer": answer} if answer else {}
    for person_, role in ((mentor, Participant.Role.MENTOR), (mentee, Participant.Role.MENTEE)):
        Participant.objects.create(mentorship=mentorship, person=person_, role=role, **extra)
    return mentorship


def participant(mentorship: Mentorship, user) -> Participant:
    return mentorship.participants.get(person=user.person)


def propose_pair(cast, justification=None, *, mentor=None, mentee=None) -> Mentorship:
    """A pair proposed by the cast's manager through the services: the cast's mentor and mentee
    unless ``mentor``/``mentee`` (users) say otherwise (``justification``: to pair them against
    a matching rule a test has broken)."""
    return lifecycle.create_mentorship(
        cast.program,
        [(mentor or cast.mentor).person],
        [(mentee or cast.mentee).person],
        cast.manager,
        justification=justification,
    )


def accept_all(mentorship: Mentorship) -> Mentorship:
    for p in mentorship.participants.select_related("person__user"):
        lifecycle.accept_proposal(p, p.person.user)
    mentorship.refresh_from_db()
    return mentorship


def sign_all(mentorship: Mentorship) -> Mentorship:
    for p in mentorship.participants.select_related("person__user"):
        lifecycle.sign_charter(p, p.person.user)
    mentorship.refresh_from_db()
    return mentorship


def active_pair(cast, *, mentor=None, mentee=None) -> Mentorship:
    """Proposed, accepted and signed by both: active, with its meetings planned."""
    mentorship = sign_all(accept_all(propose_pair(cast, mentor=mentor, mentee=mentee)))
    assert mentorship.status == Mentorship.Status.ACTIVE, lifecycle.activation_blockers(mentorship)
    return mentorship
