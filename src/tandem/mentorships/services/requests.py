"""Self-matching: in a program where mentees choose (``self`` or ``blended``), a mentee asks
one of the engine's suggested mentors, with a message; the mentor accepts or declines; in a
``blended`` program a manager approves the pair the mentor accepted. A request unanswered for
the program's ``request_days`` expires (``tandem remind``). An accepted request is a
mentorship at once (accepted, charter to sign), which every later matching run keeps.

Every hard rule of a matching run holds (``matching.services.suggestions.check_pair``), and
capacity too, also when requests are answered at the same moment: the program row is locked
first, so answers in one program are taken one at a time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.matching.explain.shown import link_words
from tandem.matching.explain.words import Lexicon
from tandem.matching.services.suggestions import check_pair, suggest
from tandem.mentorships.errors import MentorshipError, MentorshipForbidden
from tandem.mentorships.models import MentorRequest, Participant
from tandem.mentorships.permissions import person_of
from tandem.mentorships.services import request_mail
from tandem.mentorships.services.common import now
from tandem.mentorships.services.lifecycle import create_mentorship, load
from tandem.people.models import Person
from tandem.programs.models import Enrolment, MatchingMode, Program
from tandem.programs.permissions import is_program_manager_of

Status = MentorRequest.Status
Role = Participant.Role
CHOOSING = (
    Program.Status.RECRUITING,
    Program.Status.MATCHING,
    Program.Status.SCHEDULED,
    Program.Status.RUNNING,
)
SHOWN = 8


@dataclass
class Choice:
    """A mentor the mentee may ask: the engine's suggestion with who they are."""

    person: Person
    score: int
    reasons: list[str]
    places: int


def _enrolment(program: Program, person: Person, role: str) -> Enrolment | None:
    return Enrolment.objects.filter(
        program=program, person=person, role=role, status=Enrolment.Status.ACCEPTED
    ).first()


def waiting_approval(program: Program, mentor: Person) -> int:
    """Mentees a mentor accepted whose pair waits for a manager: their places are promised."""
    return MentorRequest.objects.filter(
        program=program, mentor=mentor, status=Status.APPROVAL
    ).count()


def places_left(program: Program, mentor: Person) -> int:
    enrolment = _enrolment(program, mentor, Role.MENTOR)
    if enrolment is None:
        return 0
    capacity = (
        min(enrolment.capacity, 3)
        if program.format == Program.Format.ONE_TO_ONE
        else enrolment.capacity
    )
    return capacity - load(mentor, program, Role.MENTOR) - waiting_approval(program, mentor)


def open_request(program: Program, mentee: Person) -> MentorRequest | None:
    return MentorRequest.objects.filter(
        program=program, mentee=mentee, status__in=MentorRequest.OPEN
    ).first()


def why_not_choose(program: Program, mentee: Person) -> str | None:
    """Why this person cannot ask a mentor in this program now, or None."""
    if not program.mentees_choose:
        return _("In %(program)s, the program's managers make the pairs.") % {"program": program}
    if program.status not in CHOOSING:
        return _("%(program)s is not open for choosing a mentor.") % {"program": program}
    if _enrolment(program, mentee, Role.MENTEE) is None:
        return _("Only accepted mentees of %(program)s choose a mentor.") % {"program": program}
    if load(mentee, program, Role.MENTEE) >= 1:
        return _("You already have a mentor in %(program)s.") % {"program": program}
    if (pending := open_request(program, mentee)) is not None:
        return _(
            "You already asked %(name)s; wait for the answer or withdraw that request first."
        ) % {"name": pending.mentor.full_name}
    return None


def _refused_before(program: Program, mentee: Person) -> set[int]:
    """Mentors who declined this mentee, or let the request expire, in this program."""
    return set(
        MentorRequest.objects.filter(
            program=program, mentee=mentee, status__in=[Status.DECLINED, Status.EXPIRED]
        ).values_list("mentor_id", flat=True)
    )


def choices_for(program: Program, mentee: Person, k: int = SHOWN) -> list[Choice]:
    """The best available mentors for the mentee's needs: the engine's suggestions (same
    score, reasons and hard rules as a run), without mentors who are full or who already
    declined this mentee."""
    found = suggest(program, mentee, k=k + 10, role=Role.MENTEE).suggestions
    skip = _refused_before(program, mentee)
    found = [s for s in found if s.person_id not in skip]
    people = Person.objects.in_bulk([s.person_id for s in found])
    out = []
    for s in found:
        places = places_left(program, people[s.person_id])
        if places > 0:
            out.append(Choice(people[s.person_id], s.score, s.reasons, places))
        if len(out) == k:
            break
    return out


def _check_allowed(program: Program, mentee: Person, mentor: Person):
    """The pair as a matching run would judge it, and the mentor's room; refused with why."""
    if mentor.pk in _refused_before(program, mentee):
        raise MentorshipError(
            _("%(name)s has already answered your request in this program.")
            % {"name": mentor.full_name}
        )
    check = check_pair(program, mentee, mentor)
    if check.refusals:
        raise MentorshipError(
            _("%(name)s cannot be your mentor in this program: %(why)s.")
            % {"name": mentor.full_name, "why": "; ".join(check.refusals)}
        )
    if places_left(program, mentor) <= 0:
        raise MentorshipError(
            _("%(name)s has no place left in %(program)s.")
            % {"name": mentor.full_name, "program": program}
        )
    return check


def _lock_program(program: Program) -> Program:
    return Program.objects.select_for_update().get(pk=program.pk)


def request_mentor(program: Program, actor, mentor: Person, message: str = "") -> MentorRequest:
    """The signed-in mentee asks ``mentor``; the mentor is emailed (in their language)."""
    mentee = person_of(actor)
    if mentee is None:
        raise MentorshipForbidden(_("Only people of the directory can ask for a mentor."))
    message = (message or "").strip()
    if len(message) > 2000:
        raise MentorshipError(_("Your message is at most 2,000 characters long."))
    with transaction.atomic():
        program = _lock_program(program)
        if why := why_not_choose(program, mentee):
            raise MentorshipError(why)
        check = _check_allowed(program, mentee, mentor)
        request = MentorRequest.objects.create(
            program=program,
            mentee=mentee,
            mentor=mentor,
            message=message,
            score=check.score,
            reasons=check.stored,  # code and data: worded for each reader
            expires_at=now() + dt.timedelta(days=program.request_days),
        )
        record(actor, "mentor_request.created", request, program=program.pk, mentor=mentor.pk)
        request_mail.on_commit(request_mail.asked, request)
    return request


def _locked(request: MentorRequest) -> MentorRequest:
    _lock_program(request.program)
    return MentorRequest.objects.select_related("program", "mentee", "mentor").get(pk=request.pk)


def _require(request: MentorRequest, *statuses) -> None:
    if request.status not in statuses:
        raise MentorshipError(
            _("This request is %(status)s: it cannot be answered now.")
            % {"status": request.get_status_display().lower()}
        )
    if request.status == Status.PENDING and request.expires_at <= now():
        raise MentorshipError(_("This request expired without an answer."))


def _as_mentor(request: MentorRequest, actor) -> None:
    if person_of(actor) != request.mentor:
        raise MentorshipForbidden(_("Only the mentor asked can answer this request."))


def accept_request(request: MentorRequest, actor) -> MentorRequest:
    """The mentor says yes: the pair is made (``self``), or waits for a manager (``blended``).
    Rules and capacity are checked again: things may have changed since the request."""
    with transaction.atomic():
        request = _locked(request)
        _as_mentor(request, actor)
        _require(request, Status.PENDING)
        _check_allowed(request.program, request.mentee, request.mentor)
        request.answered_at = now()
        if request.program.matching_mode == MatchingMode.BLENDED:
            request.status = Status.APPROVAL
            request.save(update_fields=["status", "answered_at"])
            record(actor, "mentor_request.accepted", request, approval=True)
            request_mail.on_commit(request_mail.awaiting_approval, request)
        else:
            _make_pair(request, actor)
    return request


def decline_request(request: MentorRequest, actor, answer: str = "") -> MentorRequest:
    """The mentor says no; their words, if any, go to the mentee only."""
    with transaction.atomic():
        request = _locked(request)
        _as_mentor(request, actor)
        _require(request, Status.PENDING)
        request.status, request.answered_at = Status.DECLINED, now()
        request.answer = (answer or "").strip()[:2000]
        request.save(update_fields=["status", "answered_at", "answer"])
        record(actor, "mentor_request.declined", request)
        request_mail.on_commit(request_mail.declined, request)
    return request


def withdraw_request(request: MentorRequest, actor) -> MentorRequest:
    with transaction.atomic():
        request = _locked(request)
        if person_of(actor) != request.mentee:
            raise MentorshipForbidden(_("Only the mentee who asked can withdraw this request."))
        _require(request, *MentorRequest.OPEN)
        request.status = Status.WITHDRAWN
        request.save(update_fields=["status"])
        record(actor, "mentor_request.withdrawn", request)
    return request


def _as_manager(request: MentorRequest, actor) -> None:
    if not is_program_manager_of(actor, request.program):
        raise MentorshipForbidden(_("Only the program's managers can decide on this request."))


def approve_request(request: MentorRequest, actor) -> MentorRequest:
    """A manager approves the pair a mentor accepted (``blended``): the pair is made."""
    with transaction.atomic():
        request = _locked(request)
        _as_manager(request, actor)
        _require(request, Status.APPROVAL)
        request.status = Status.PENDING  # its promised place is free again for the check
        request.save(update_fields=["status"])
        _check_allowed(request.program, request.mentee, request.mentor)
        request.decided_by, request.decided_at = actor, now()
        _make_pair(request, actor)
    return request


def refuse_request(request: MentorRequest, actor) -> MentorRequest:
    """A manager refuses a pair waiting for approval; both are told, the mentee chooses again."""
    with transaction.atomic():
        request = _locked(request)
        _as_manager(request, actor)
        _require(request, Status.APPROVAL)
        request.status, request.decided_by, request.decided_at = Status.DECLINED, actor, now()
        request.save(update_fields=["status", "decided_by", "decided_at"])
        record(actor, "mentor_request.refused", request)
        request_mail.on_commit(request_mail.refused, request)
    return request


def reasons_words(request: MentorRequest, lexicons: dict | None = None) -> list[str]:
    """Why Tandem suggested this mentor, in the reader's language (what the pair reads of a
    run's reasons); ``lexicons`` caches one per program start for a page of requests."""
    start = request.program.start
    lexicons = {} if lexicons is None else lexicons
    if start not in lexicons:
        lexicons[start] = Lexicon.load(start)
    return link_words(request.reasons, lexicons[start], participant=True)


def _why(request: MentorRequest) -> dict:
    """The request's reasons for its pair: stored structured (worded for each reader), or as
    the words a request made before kept them."""
    if all(isinstance(r, dict) for r in request.reasons):
        link = {
            "mentee": request.mentee_id,
            "mentor": request.mentor_id,
            "reasons": request.reasons,
        }
        return {"details": {"links": [link], "notes": []}}
    return {"reasons": [str(r) for r in request.reasons]}


def _make_pair(request: MentorRequest, actor) -> None:
    mentorship = create_mentorship(
        request.program,
        [request.mentor],
        [request.mentee],
        None,
        score=request.score,
        **_why(request),
        accepted=True,
    )
    request.status, request.mentorship = Status.ACCEPTED, mentorship
    request.save(update_fields=["status", "mentorship", "answered_at", "decided_by", "decided_at"])
    record(actor, "mentor_request.paired", request, mentorship=mentorship.pk)
    request_mail.on_commit(request_mail.paired, request)


def expire_overdue(at: dt.datetime) -> int:
    """Pending requests past their date become expired (the mentee is told by
    ``tandem remind``); returns how many."""
    overdue = MentorRequest.objects.filter(status=Status.PENDING, expires_at__lte=at)
    ids = list(overdue.values_list("pk", flat=True))
    if ids:
        MentorRequest.objects.filter(pk__in=ids, status=Status.PENDING).update(
            status=Status.EXPIRED
        )
        for request in MentorRequest.objects.filter(pk__in=ids):
            record(None, "mentor_request.expired", request, program=request.program_id)
    return len(ids)


def close_for_placed(program_id: int, mentee_ids) -> int:
    """A published matching run placed these mentees: their open requests are withdrawn."""
    return MentorRequest.objects.filter(
        program_id=program_id, mentee_id__in=list(mentee_ids), status__in=MentorRequest.OPEN
    ).update(status=Status.WITHDRAWN)


def requests_visible_to(user):
    """Requests the user sent or received, and those of the programs they manage."""
    person = person_of(user)
    mine = Q(pk__in=[])
    if person is not None:
        mine = Q(mentee=person) | Q(mentor=person)
    managed = (
        Q(program__managers=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    )
    if getattr(user, "is_superuser", False):
        return MentorRequest.objects.all()
    return MentorRequest.objects.filter(mine | managed).distinct()
