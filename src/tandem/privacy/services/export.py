"""Everything Tandem holds about one person, as one JSON document (the right of access).

Confidential texts are decrypted: the person reads their own pair's notes. Reading one's own
data leaves no audit event; an export made for someone else (the command) does.
"""

from __future__ import annotations

import getpass
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone

from tandem.accounts.audit import record
from tandem.accounts.models import AuditEvent, Invitation
from tandem.accounts.tokens import ApiToken
from tandem.insights.models import SurveyDue
from tandem.matching.explain.shown import reasons_of, unmatched_reasons
from tandem.matching.explain.words import Lexicon
from tandem.matching.models import PairDecision, ProposalMember, Unmatched
from tandem.mentorships.models import CalendarFeed, MentorRequest, Participant, SentReminder
from tandem.privacy.services import export_mentorships
from tandem.privacy.services.export_integrations import notices_and_calendar
from tandem.privacy.services.subjects import Subject
from tandem.programs.models import Enrolment, TrainingCompletion
from tandem.recognition.models import Certificate, Testimonial

FORMAT = "tandem-personal-data/1"


def pick(obj, *names) -> dict:
    """The named attributes of ``obj``; a related object becomes its text."""
    out = {}
    for name in names:
        value = getattr(obj, name)
        out[name] = str(value) if hasattr(value, "_meta") else value
    return out


def account(user) -> dict | None:
    if user is None:
        return None
    data = pick(
        user,
        *("email", "first_name", "last_name", "date_joined", "last_login", "is_active"),
        *("is_program_manager", "is_staff", "is_superuser"),
    )
    data["api_tokens"] = [
        pick(t, "name", "prefix", "created", "expires", "last_used", "revoked")
        for t in ApiToken.objects.filter(user=user).order_by("pk")
    ]
    data["managed_programs"] = list(user.managed_programs.values_list("slug", flat=True))
    return data


def person_record(person) -> dict:
    data = pick(
        person,
        *("employee_id", "email", "full_name", "title", "department", "site", "timezone"),
        *("languages", "organization", "manager", "gender", "birth_year", "is_active"),
        "updated_at",
    )
    data["invitations"] = [
        pick(i, "email", "created_at", "expires_at", "used_at")
        for i in Invitation.objects.filter(person=person).order_by("pk")
    ]
    feed = CalendarFeed.objects.filter(person=person).first()
    data["calendar_feed"] = pick(feed, "created_at", "revoked_at") if feed else None
    data["coached_programs"] = list(person.coached_programs.values_list("slug", flat=True))
    data["sponsored_programs"] = list(person.sponsored_programs.values_list("slug", flat=True))
    return data


def competences(person) -> list[dict]:
    """Each competence with who vouched for it, and the endorsements the person asked for."""
    rows = (
        person.competences.select_related("topic", "verified_by__person", "endorser")
        .prefetch_related("endorsement_requests__colleague")
        .order_by("topic__slug")
    )
    return [
        {
            "topic": c.topic.slug,
            "level": c.level,
            "evidence": c.get_evidence_display(),
            "source": c.source,
            "source_text": c.source_text,
            "source_note": c.source_note,
            "evidence_date": c.evidence_date,
            "endorser": c.endorser.full_name if c.endorser_id else None,
            "verified_by": c.verified_by.email if c.verified_by else None,
            "verified_at": c.verified_at,
            "endorsement_requests": [
                {"colleague": r.colleague.full_name, **_request(r)}
                for r in c.endorsement_requests.all()
            ],
        }
        for c in rows
    ]


REQUEST_FIELDS = ("level", "message", "status", "created_at", "answered_at")


def _request(r) -> dict:
    """An endorsement request as both sides see it in their export: asked or asked of them."""
    return {name: getattr(r, name) for name in REQUEST_FIELDS}


def endorsements_asked(person) -> list[dict]:
    """The requests colleagues sent the person, and their answers."""
    rows = person.endorsement_requests.select_related("competence__person", "competence__topic")
    return [
        {
            "person": r.competence.person.full_name,
            "topic": r.competence.topic.slug,
            **_request(r),
        }
        for r in rows.order_by("pk")
    ]


def needs(person) -> list[dict]:
    rows = person.needs.select_related("topic").order_by("topic__slug")
    return [
        {
            "topic": n.topic.slug,
            "priority": n.get_priority_display(),
            "current_level": n.current_level,
        }
        for n in rows
    ]


def enrolments(person) -> list[dict]:
    rows = Enrolment.objects.filter(person=person).select_related("program", "coach")
    out = []
    for e in rows.prefetch_related("preferred", "excluded").order_by("pk"):
        data = pick(e, "program", "role", "status", "motivation", "capacity", "availability")
        data.update(pick(e, "languages", "coach", "created_at", "updated_at"))
        data["preferred"] = [p.full_name for p in e.preferred.all()]
        data["excluded"] = [p.full_name for p in e.excluded.all()]
        out.append(data)
    return out


def trainings(person) -> list[dict]:
    rows = TrainingCompletion.objects.filter(person=person).select_related(
        "module", "signed_off_by"
    )
    return [
        {
            "module": t.module.slug,
            "method": t.method,
            "score": t.score,
            "out_of": t.out_of,
            "signed_off_by": t.signed_off_by.email if t.signed_off_by else None,
            "note": t.note,
            "completed_at": t.completed_at,
        }
        for t in rows
    ]


def _proposal_reasons(proposal) -> list[str]:
    """Why, as the person reads it on their proposal (in the language of the export)."""
    names = {m.person_id: m.person.full_name for m in proposal.members.select_related("person")}
    lex = Lexicon.load(proposal.run.program.start)
    return reasons_of(proposal.details, proposal.reasons, lex, names, participant=True)


def matching(person) -> dict:
    proposals = ProposalMember.objects.filter(person=person).select_related("proposal__run")
    unmatched = Unmatched.objects.filter(person=person).select_related("run__program")
    decisions = PairDecision.objects.filter(Q(mentee=person) | Q(mentor=person))
    return {
        "proposals": [
            {
                "run": m.proposal.run_id,
                "program": str(m.proposal.run.program),
                "role": m.role,
                "score": m.proposal.score,
                "reasons": _proposal_reasons(m.proposal),
            }
            for m in proposals.select_related("proposal__run__program").order_by("pk")
        ],
        "unmatched": [
            {
                "run": u.run_id,
                "program": str(u.run.program),
                "role": u.role,
                "reasons": unmatched_reasons(
                    u.details, u.reasons, u.role, Lexicon.load(u.run.program.start)
                ),
            }
            for u in unmatched.order_by("pk")
        ],
        "pair_decisions": [
            {
                "program": str(d.program),
                "mentee": d.mentee.full_name,
                "mentor": d.mentor.full_name,
                "decision": d.kind,
            }
            for d in decisions.select_related("program", "mentee", "mentor").order_by("pk")
        ],
    }


def mentor_requests(person) -> list[dict]:
    """Self-matching requests the person sent (with their message and the answer) or
    received (with their own answer)."""
    rows = MentorRequest.objects.filter(Q(mentee=person) | Q(mentor=person)).select_related(
        "program", "mentee", "mentor"
    )
    out = []
    for r in rows.order_by("created_at", "pk"):
        sent = r.mentee_id == person.pk
        out.append(
            {
                **pick(r, "status", "created_at", "expires_at", "answered_at", "answer"),
                "program": r.program.slug,
                "role": "mentee" if sent else "mentor",
                "other": (r.mentor if sent else r.mentee).full_name,
                "message": r.message if sent else None,
            }
        )
    return out


def survey_answers(person) -> list[dict]:
    dues = SurveyDue.objects.filter(person=person).select_related("survey__program")
    out = []
    for due in dues.prefetch_related("answers__question", "answers__topic").order_by("pk"):
        answers = [
            {
                "question": a.question.text_en,
                "topic": a.topic.slug if a.topic_id else None,
                "value": a.value,
            }
            for a in due.answers.all()
        ]
        data = pick(due, "mentorship_id", "due_on", "answered_at")
        data.update(program=str(due.survey.program), moment=due.survey.moment, answers=answers)
        out.append(data)
    return out


def recognition(person) -> dict:
    certificates = Certificate.objects.filter(person=person).order_by("pk")
    testimonials = Testimonial.objects.filter(author=person).select_related("program")
    return {
        "certificates": [
            pick(c, "full_name", "program_name", "role", "started_on", "ended_on", "code")
            | pick(c, "issued_at", "revoked_at")
            for c in certificates
        ],
        "testimonials": [
            pick(t, "program", "role", "text", "status", "consented_at", "created_at")
            for t in testimonials.order_by("pk")
        ],
    }


def audit_events(subject: Subject) -> list[dict]:
    """Events the person caused, and events about their person, account or rows."""
    about = Q(pk__in=[])
    if subject.user is not None:
        about |= Q(actor=subject.user) | Q(object_type="accounts.user", object_id=subject.user.pk)
    if subject.person is not None:
        about |= Q(object_type="people.person", object_id=str(subject.person.pk))
        for label, ids in own_rows(subject.person).items():
            about |= Q(object_type=label, object_id__in=[str(i) for i in ids])
    rows = AuditEvent.objects.filter(about).select_related("actor").order_by("at", "pk")
    return [
        {
            "at": e.at,
            "actor": e.actor.email if e.actor else None,
            "action": e.action,
            "object_type": e.object_type,
            "object_id": e.object_id,
            "details": e.details,
        }
        for e in rows
    ]


def own_rows(person) -> dict[str, list[int]]:
    """The ids of the rows that are about the person, by audit label."""
    participants = Participant.objects.filter(person=person)
    return {
        "programs.enrolment": list(person.enrolments.values_list("pk", flat=True)),
        "people.competence": list(person.competences.values_list("pk", flat=True)),
        "mentorships.mentorship": list(participants.values_list("mentorship_id", flat=True)),
        "recognition.testimonial": list(person.testimonials.values_list("pk", flat=True)),
        "programs.trainingcompletion": list(
            person.training_completions.values_list("pk", flat=True)
        ),
    }


def reminders(subject: Subject) -> list[dict]:
    rows = SentReminder.objects.filter(recipient__iexact=subject.email).order_by("pk")
    return [pick(r, "kind", "key", "sent_at") for r in rows]


def collect(subject: Subject) -> dict:
    """The whole document; sections of a missing person or account are empty."""
    person = subject.person
    data = {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "account": account(subject.user),
        "person": person_record(person) if person else None,
        "competences": competences(person) if person else [],
        "endorsements_asked_of_me": endorsements_asked(person) if person else [],
        "learning_needs": needs(person) if person else [],
        "enrolments": enrolments(person) if person else [],
        "trainings": trainings(person) if person else [],
        "matching": matching(person) if person else {},
        "mentorships": export_mentorships.for_person(person) if person else [],
        "mentor_requests": mentor_requests(person) if person else [],
        "survey_answers": survey_answers(person) if person else [],
        "reminders_sent": reminders(subject),
        "notices_and_calendar": notices_and_calendar(person, subject.email),
        "audit_events": audit_events(subject),
    }
    data.update(recognition(person) if person else {"certificates": [], "testimonials": []})
    return data


def to_json(data: dict) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def export(subject: Subject, actor=None, *, via: str = "web") -> str:
    """The subject's data as JSON; audited unless the subject reads their own."""
    text = to_json(collect(subject))
    own = actor is not None and subject.user is not None and actor.pk == subject.user.pk
    if not own:
        target = subject.person or subject.user
        record(actor, "privacy.export", target, via=via, os_user=_os_user())
    return text


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no login name in some containers
        return ""
