"""Last year's cohort of "Generative AI for leaders", renewed by the running one: completed
pairs with their meetings, closing reviews, final surveys, certificates and testimonials, so
recognition, the impact report and the cohort comparison have something to show. And one
proposal of the running program still waiting for an answer."""

from __future__ import annotations

import datetime as dt
import random

from tandem.accounts.models import AuditEvent
from tandem.demo import data, history, programs, stories
from tandem.demo.org import Org
from tandem.demo.skills import Cast
from tandem.insights.services import summary
from tandem.mentorships.models import Goal, Meeting, Mentorship, Participant
from tandem.mentorships.services import closing
from tandem.programs.models import Program
from tandem.recognition.services import certificates, testimonials

EARLIER_SLUG = "genai-leaders-2025"
EARLIER_PAIRS = 12
APPROVED_TESTIMONIALS = 3


def create_earlier(org: Org, cast: Cast, running: Program, rng: random.Random) -> Program:
    """The same program a year earlier (pairs met monthly then), closed; the running one
    renews it."""
    start = running.start - dt.timedelta(days=364)
    earlier = Program.objects.create(
        **{**data.GENAI_PROGRAM, "name": f"{data.GENAI_PROGRAM['name']} 2025", "cadence_days": 30},
        slug=EARLIER_SLUG,
        format=running.format,
        start=start,
        end=start + dt.timedelta(days=182),
        min_evidence=running.min_evidence,
        status=Program.Status.CLOSED,
        sponsor=org.sponsor,
    )
    earlier.topics.set(running.topics.all())
    earlier.managers.add(org.program_manager.user)
    earlier.coaches.add(org.coach)
    running.renews = earlier
    running.save(update_fields=["renews"])
    current = _current_pairs(running)
    mentors = programs.enrol(earlier, cast.genai_mentors, "mentor", rng, coach=org.coach)
    mentees = programs.enrol(earlier, cast.genai_mentees[::-1], "mentee", rng, coach=org.coach)
    skills = programs._skills_of(cast.genai_mentors + cast.genai_mentees)
    pairs = programs.pair_up(earlier, mentees, mentors, skills, limit=len(mentees))
    pairs = [p for p in pairs if (p[0].pk, p[1].pk) not in current][:EARLIER_PAIRS]
    programs.create_mentorships(earlier, pairs, rng, skills)
    return earlier


def _current_pairs(program: Program) -> set[tuple[int, int]]:
    """(mentor, mentee) person ids of the program's pairs: a renewal repeats none of them."""
    roles: dict[int, dict[str, int]] = {}
    for m_id, role, person_id in Participant.objects.filter(
        mentorship__program=program
    ).values_list("mentorship_id", "role", "person_id"):
        roles.setdefault(m_id, {})[role] = person_id
    return {(r["mentor"], r["mentee"]) for r in roles.values() if len(r) == 2}


def live_earlier(earlier: Program, org: Org, rng: random.Random, today: dt.date) -> None:
    """Each pair met at the cadence until the end, reviewed and completed; then surveys,
    certificates and a few approved testimonials."""
    ended = history.at(earlier.end - dt.timedelta(days=3), 17)
    mentorships = list(earlier.mentorships.order_by("pk"))
    for mentorship in mentorships:
        history.ensure_goals(mentorship)
        people = history.sides(mentorship)
        for number, starts_at in enumerate(history.past_starts(mentorship, ended)):
            meeting = Meeting.objects.create(
                mentorship=mentorship, starts_at=starts_at, minutes=earlier.meeting_minutes
            )
            history.hold(mentorship, meeting, number + 3, rng, people, can_reach=number >= 2)
        _review_and_complete(mentorship, people, rng)
    Mentorship.objects.filter(program=earlier).update(ended_at=ended)
    history.backdate_meetings(earlier)
    history.answer_surveys(earlier, rng, today)
    summary.rebuild([earlier.pk])
    certificates.issue_for_program(earlier)
    _testimonials(earlier, mentorships, org)
    _backdate_trail(earlier, ended)


def _backdate_trail(earlier: Program, ended: dt.datetime) -> None:
    """Last year's completions and testimonial reviews happened last year, in the audit trail
    too (the pairs completed when they ended, testimonials reviewed a fortnight later)."""
    pairs = [str(pk) for pk in earlier.mentorships.values_list("pk", flat=True)]
    AuditEvent.objects.filter(
        object_type="mentorships.mentorship", object_id__in=pairs, action="mentorship.completed"
    ).update(at=ended)
    reviewed = ended + dt.timedelta(days=14)
    kept = [str(pk) for pk in earlier.testimonials.values_list("pk", flat=True)]
    AuditEvent.objects.filter(object_type="recognition.testimonial", object_id__in=kept).update(
        at=reviewed
    )
    earlier.testimonials.exclude(reviewed_at=None).update(reviewed_at=reviewed)


def _review_and_complete(mentorship: Mentorship, people: dict, rng: random.Random) -> None:
    goal_ids = list(mentorship.goals.values_list("pk", "status"))
    for participant in people.values():
        closing.submit_closing_review(
            participant,
            participant.person.user,
            goals_reached={
                pk: status == Goal.Status.REACHED or rng.random() < 0.6 for pk, status in goal_ids
            },
            autonomy=rng.choice([3, 4, 4, 5]),
            next_steps=rng.choice(stories.CLOSING_NEXT_STEPS),
            would_recommend=rng.random() < 0.9,
        )
    closing.complete_mentorship(mentorship, people[Participant.Role.MENTEE].person.user)


def _testimonials(earlier: Program, mentorships: list[Mentorship], org: Org) -> None:
    """One participant per pair for the first pairs writes one; most are approved."""
    manager = org.program_manager.user
    for i, (mentorship, text) in enumerate(zip(mentorships, stories.TESTIMONIALS, strict=False)):
        role = Participant.Role.MENTEE if i % 2 == 0 else Participant.Role.MENTOR
        author = history.sides(mentorship)[role].person.user
        testimonial = testimonials.write(earlier, author, text, consent=True)
        if i < APPROVED_TESTIMONIALS:
            testimonials.review(testimonial, manager, approve=True)


def pending_proposal(running: Program, today: dt.date) -> Mentorship | None:
    """A proposal between two of the running program's enrolled but unpaired people, sent
    nine days ago and still unanswered (an alert), if two compatible ones are left."""
    taken = set(
        Participant.objects.filter(mentorship__program=running).values_list("person_id", flat=True)
    )
    enrolled = running.enrolments.filter(status="accepted").select_related("person__manager")
    free = [e for e in enrolled.order_by("pk") if e.person_id not in taken]
    mentors = [e for e in free if e.role == "mentor"]
    mentees = [e for e in free if e.role == "mentee"]
    skills = programs._skills_of([e.person for e in free])
    pairs = programs.pair_up(running, mentees, mentors, skills, limit=1)
    if not pairs:
        return None
    sent = history.at(today - dt.timedelta(days=9), 9)
    mentorship = Mentorship.objects.create(
        program=running,
        status=Mentorship.Status.PROPOSED,
        score=pairs[0][2],
        details=programs.why(pairs[0][0], pairs[0][1], skills),
    )
    Participant.objects.bulk_create(
        Participant(mentorship=mentorship, person=person, role=role)
        for person, role in ((pairs[0][0], "mentor"), (pairs[0][1], "mentee"))
    )
    Mentorship.objects.filter(pk=mentorship.pk).update(created_at=sent)
    return mentorship
