"""From proposal to active: create, accept or decline, sign the charter, activate, end early.

Proposed -> (everyone accepts) accepted -> (everyone signed the charter, mentors trained, goals
on both sides) active -> completed (see ``closing``). A decline or an early end frees the people
for a new proposal (``is_free``); reasons stay with the manager.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.matching.errors import MatchingError
from tandem.matching.explain.portable import link
from tandem.matching.services.decisions import checked_lock
from tandem.mentorships.errors import MentorshipError
from tandem.mentorships.models import OPEN_STATUSES, Meeting, Mentorship, Participant
from tandem.mentorships.services.common import (
    acting_participant,
    active_participants,
    lock,
    now,
    participant_or_manager,
    require_status,
)
from tandem.mentorships.services.goals import missing_goal_messages, propose_initial_goals
from tandem.mentorships.services.itip import CANCEL, invite_on_commit
from tandem.mentorships.services.notifications import notify_proposed
from tandem.mentorships.services.projects import start_project
from tandem.mentorships.services.schedule import generate_schedule
from tandem.people.models import Person
from tandem.programs.models import Enrolment, Program
from tandem.programs.permissions import is_program_manager_of
from tandem.programs.services.training import missing_modules

Role = Participant.Role


def load(person: Person, program: Program, role: str) -> int:
    """How much of the person's capacity open mentorships use: mentees for a mentor,
    mentorships for a mentee."""
    mine = (
        Participant.objects.filter(
            person=person,
            role=role,
            mentorship__program=program,
            mentorship__status__in=OPEN_STATUSES,
        )
        .exclude(answer=Participant.Answer.DECLINED)
        .values("mentorship_id")
    )
    if role == Role.MENTEE:
        return mine.count()
    return (
        Participant.objects.filter(mentorship_id__in=mine, role=Role.MENTEE)
        .exclude(answer=Participant.Answer.DECLINED)
        .count()
    )


def capacity(person: Person, program: Program, role: str) -> int:
    enrolment = Enrolment.objects.filter(
        person=person, program=program, role=role, status=Enrolment.Status.ACCEPTED
    ).first()
    return enrolment.capacity if enrolment else 0


def is_free(person: Person, program: Program, role: str | None = None) -> bool:
    """Whether the person can take one more mentorship in the program (in any role if None)."""
    roles = [role] if role else [Role.MENTOR, Role.MENTEE]
    return any(load(person, program, r) < capacity(person, program, r) for r in roles)


def _check_format(program: Program, mentors: Sequence, mentees: Sequence) -> None:
    if not mentors or not mentees:
        raise MentorshipError(_("A mentorship needs at least one mentor and one mentee."))
    if set(mentors) & set(mentees):
        raise MentorshipError(_("Nobody can be both mentor and mentee of the same mentorship."))
    if len(set(mentors)) != len(mentors) or len(set(mentees)) != len(mentees):
        raise MentorshipError(_("Each person can appear only once in a mentorship."))
    fmt, size = program.format, program.mentors_per_mentee
    pairs = fmt == Program.Format.ONE_TO_ONE or (fmt == Program.Format.PROJECT and size == 1)
    if pairs and (len(mentors), len(mentees)) != (1, 1):
        raise MentorshipError(_("This program forms pairs: one mentor and one mentee."))
    if not pairs and fmt != Program.Format.GROUP and (len(mentees) != 1 or len(mentors) > size):
        raise MentorshipError(
            _("A circle is one mentee with at most %(n)s mentors.") % {"n": program.circle_size}
        )
    if fmt == Program.Format.GROUP and len(mentors) != 1:
        raise MentorshipError(_("A group is one mentor with several mentees."))


def _check_people(program: Program, people: Sequence[Person], role: str, needed: int) -> None:
    """Accepted enrolment in that role and room left for ``needed`` more (row-locked)."""
    for person in people:
        enrolment = (
            Enrolment.objects.select_for_update()
            .filter(person=person, program=program, role=role, status=Enrolment.Status.ACCEPTED)
            .first()
        )
        if enrolment is None:
            raise MentorshipError(
                _("%(name)s is not an accepted %(role)s of %(program)s.")
                % {"name": person.full_name, "role": Role(role).label.lower(), "program": program}
            )
        if load(person, program, role) + needed > enrolment.capacity:
            raise MentorshipError(
                _("%(name)s has no capacity left in %(program)s (capacity: %(capacity)s).")
                % {"name": person.full_name, "program": program, "capacity": enrolment.capacity}
            )


def create_mentorship(
    program: Program,
    mentors: Sequence[Person],
    mentees: Sequence[Person],
    actor,
    *,
    score: int | None = None,
    reasons: list | None = None,
    source_run_id: int | None = None,
    accepted: bool = False,
    justification: str | None = None,
    details: dict | None = None,
) -> Mentorship:
    """A proposal by a manager (or by the system when ``actor`` is None, e.g. a published
    matching run): checked against the program's format, enrolments and capacities, and a
    manager's against every hard rule of the matching (a breach needs ``justification``).
    ``accepted``: everyone already said yes (a mentee's request a mentor accepted), so the
    mentorship starts accepted, its charter to sign, and no proposal email goes out.
    ``details``: the system's own stored reasons (code and data, worded for each reader)."""
    if actor is not None and not is_program_manager_of(actor, program):
        raise MentorshipError(_("Only the program's managers can propose a mentorship."))
    mentors, mentees = list(mentors), list(mentees)
    _check_format(program, mentors, mentees)
    with transaction.atomic():
        _check_people(program, mentors, Role.MENTOR, needed=len(mentees))
        _check_people(program, mentees, Role.MENTEE, needed=1)
        if actor is not None:
            details = _hand_made(program, mentors, mentees, justification)
        details = details or {}
        mentorship = Mentorship.objects.create(
            program=program,
            score=score,
            reasons=reasons or [],
            details=details,
            source_run_id=source_run_id,
            created_by=actor,
        )
        _add_participants(mentorship, mentors, mentees, accepted)
        if actor is not None:
            record(actor, "mentorship.proposed", mentorship, program=program.pk)
            _record_override(actor, mentorship, details)
        if accepted:
            _accept_if_everyone_did(mentorship)
        else:
            notify_proposed([mentorship.pk])
    return mentorship


def _add_participants(mentorship: Mentorship, mentors, mentees, accepted: bool) -> None:
    """The mentorship's people, mentors first; ``accepted``: each has already said yes."""
    answer = {"answer": Participant.Answer.ACCEPTED, "answered_at": now()} if accepted else {}
    Participant.objects.bulk_create(
        [
            Participant(mentorship=mentorship, person=person, role=role, **answer)
            for role, people in ((Role.MENTOR, mentors), (Role.MENTEE, mentees))
            for person in people
        ]
    )


def _hand_made(program, mentors, mentees, justification) -> dict:
    """A manager's pair checked link by link against the matching's hard rules: refused with
    the reasons, or kept with the rules overridden and why (a warning for the managers)."""
    links = []
    for mentee in mentees:
        for mentor in mentors:
            try:
                breaches = checked_lock(
                    program, mentee, mentor, justification=justification, capacity=False
                )
            except MatchingError as error:
                raise MentorshipError(str(error)) from None
            rules = [{"code": b.code, "data": b.data} for b in breaches]
            override = {"rules": rules, "justification": (justification or "").strip()}
            reasons = [{"code": "override", "data": override}] if rules else []
            links.append(link(mentee.pk, mentor.pk, reasons))
    if not any(item["reasons"] for item in links):
        return {}  # nothing to warn about: the manager's own words (``reasons``) say why
    return {"links": links, "notes": []}


def _record_override(actor, mentorship: Mentorship, details: dict) -> None:
    for item in details.get("links", []):
        for reason in item["reasons"]:
            rules = [rule["code"] for rule in reason["data"]["rules"]]
            record(
                actor,
                "mentorship.override",
                mentorship,
                mentee=item["mentee"],
                mentor=item["mentor"],
                rules=rules,
                justification=reason["data"]["justification"],
            )


def _answerable(participant: Participant, actor) -> tuple[Mentorship, Participant]:
    mentorship = lock(participant.mentorship)
    me = acting_participant(mentorship, actor)
    if me.pk != participant.pk:
        raise MentorshipError(
            _("Only %(name)s can answer this proposal.") % {"name": participant.person.full_name}
        )
    require_status(mentorship, Mentorship.Status.PROPOSED)
    if me.answer != Participant.Answer.PENDING:
        raise MentorshipError(_("You have already answered this proposal."))
    return mentorship, me


def accept_proposal(participant: Participant, actor) -> Mentorship:
    with transaction.atomic():
        mentorship, me = _answerable(participant, actor)
        me.answer, me.answered_at = Participant.Answer.ACCEPTED, now()
        me.save(update_fields=["answer", "answered_at"])
        _accept_if_everyone_did(mentorship)
    return mentorship


def _accept_if_everyone_did(mentorship: Mentorship) -> None:
    answers = set(active_participants(mentorship).values_list("answer", flat=True))
    if answers == {Participant.Answer.ACCEPTED}:
        mentorship.status, mentorship.accepted_at = Mentorship.Status.ACCEPTED, now()
        mentorship.save(update_fields=["status", "accepted_at", "updated_at"])
        if not mentorship.goals.exists():
            propose_initial_goals(mentorship, actor=None)


def decline_proposal(participant: Participant, actor, reason: str) -> Mentorship:
    """Decline; the reason is kept for the manager only. In a circle or group the others go
    on while both sides keep someone; otherwise the proposal is declined and everyone freed."""
    reason = (reason or "").strip()
    if not reason:
        raise MentorshipError(_("Please give a reason; only the program manager will see it."))
    with transaction.atomic():
        mentorship, me = _answerable(participant, actor)
        me.answer, me.answered_at, me.decline_reason = Participant.Answer.DECLINED, now(), reason
        me.save(update_fields=["answer", "answered_at", "decline_reason"])
        roles = set(active_participants(mentorship).values_list("role", flat=True))
        if roles != {Role.MENTOR, Role.MENTEE}:
            mentorship.status, mentorship.ended_at = Mentorship.Status.DECLINED, now()
            mentorship.save(update_fields=["status", "ended_at", "updated_at"])
        else:
            _accept_if_everyone_did(mentorship)
        record(actor, "mentorship.declined", mentorship, participant=me.pk)
    return mentorship


def activation_blockers(mentorship: Mentorship) -> list[str]:
    """What still stands between an accepted mentorship and its start, in plain words."""
    blockers = []
    for p in active_participants(mentorship):
        if p.charter_signed_at is None:
            blockers.append(
                _("%(name)s has not signed the charter yet.") % {"name": p.person.full_name}
            )
        if p.role == Role.MENTOR and (modules := missing_modules(p.person, mentorship.program)):
            blockers.append(
                _("%(name)s must first complete the required training: %(modules)s.")
                % {"name": p.person.full_name, "modules": ", ".join(m.name for m in modules)}
            )
    return blockers + missing_goal_messages(mentorship)


def sign_charter(participant: Participant, actor) -> Mentorship:
    """Sign the program's charter; the last signature starts the mentorship when nothing else
    blocks it (otherwise ``activation_blockers`` says what)."""
    with transaction.atomic():
        mentorship = lock(participant.mentorship)
        me = acting_participant(mentorship, actor)
        if me.pk != participant.pk:
            raise MentorshipError(_("Each participant signs the charter for themselves."))
        require_status(mentorship, Mentorship.Status.ACCEPTED)
        if me.charter_signed_at is None:
            me.charter_signed_at = now()
            me.save(update_fields=["charter_signed_at"])
        if not activation_blockers(mentorship):
            _activate(mentorship, actor)
    return mentorship


def activate(mentorship: Mentorship, actor) -> Mentorship:
    with transaction.atomic():
        mentorship = lock(mentorship)
        participant_or_manager(mentorship, actor)
        require_status(mentorship, Mentorship.Status.ACCEPTED)
        if blockers := activation_blockers(mentorship):
            raise MentorshipError(" ".join(blockers))
        _activate(mentorship, actor)
    return mentorship


def _activate(mentorship: Mentorship, actor) -> None:
    mentorship.status, mentorship.started_at = Mentorship.Status.ACTIVE, now()
    mentorship.save(update_fields=["status", "started_at", "updated_at"])
    record(actor, "mentorship.activated", mentorship)
    start_project(mentorship)
    if mentorship.program.end > now().date():
        generate_schedule(mentorship, actor=None)


def end_mentorship(mentorship: Mentorship, actor, reason: str = "") -> Mentorship:
    """A no-fault early exit by either side or a manager; planned meetings are cancelled and
    the people are free again. The reason stays with the manager. A proposal is answered by
    its people (accept or decline); only a manager withdraws it."""
    with transaction.atomic():
        mentorship = lock(mentorship)
        by = participant_or_manager(mentorship, actor)
        require_status(mentorship, *OPEN_STATUSES)
        if by is not None and mentorship.status == Mentorship.Status.PROPOSED:
            raise MentorshipError(_("This is a proposal: accept it or decline it."))
        before = mentorship.status
        mentorship.status, mentorship.ended_at = Mentorship.Status.ENDED, now()
        mentorship.ended_by, mentorship.end_reason = actor, (reason or "").strip()
        mentorship.save(
            update_fields=["status", "ended_at", "ended_by", "end_reason", "updated_at"]
        )
        cancel_future_meetings(mentorship)
        record(
            actor,
            "mentorship.ended",
            mentorship,
            by=(by.role if by else "manager"),
            status_before=before,
        )
    return mentorship


def cancel_future_meetings(mentorship: Mentorship) -> int:
    planned = mentorship.meetings.filter(status=Meeting.Status.PLANNED, starts_at__gt=now())
    invite_on_commit(list(planned.values_list("pk", flat=True)), CANCEL)
    return planned.update(
        status=Meeting.Status.CANCELLED, sequence=F("sequence") + 1, status_changed_at=now()
    )


def manager_summary(user, mentorship: Mentorship) -> dict:
    """What a manager sees: statuses and answers with the reasons (decline, end)."""
    if not is_program_manager_of(user, mentorship.program):
        raise MentorshipError(_("Only the program's managers can see this."))
    return {
        **participant_summary(mentorship),
        "decline_reasons": {
            p.person.full_name: p.decline_reason
            for p in mentorship.participants.select_related("person")
            if p.decline_reason
        },
        "end_reason": mentorship.end_reason,
    }


def participant_summary(mentorship: Mentorship) -> dict:
    """What the participants see of each other: names, roles, answers — never reasons."""
    return {
        "status": mentorship.status,
        "participants": [
            {
                "name": p.person.full_name,
                "role": p.role,
                "answer": p.answer,
                "charter_signed": p.charter_signed_at is not None,
            }
            for p in mentorship.participants.select_related("person")
        ],
    }
