"""Audit events read as sentences with names — "Laure Breton published the matching of Cyber
reflexes 2027" — in the reader's language, for the audit trail and a pair's history. The names
of a page's actors and objects are read in one query per kind of object, whatever the number
of events; the stored JSON detail stays one click away on the page.

Accounts sits below every other app: the models named here are looked up by label, not
imported. An action without a sentence reads as its label and its object.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.apps import apps
from django.utils.translation import get_language, gettext_lazy

from tandem.accounts.audit_labels import action_label
from tandem.accounts.models import AuditEvent
from tandem.operations.dates import date_text

SYSTEM = gettext_lazy("Tandem")


def _values(label: str, ids: set[str], *fields: str):
    model = apps.get_model(label)
    return model.objects.filter(pk__in=[int(i) for i in ids if str(i).isdecimal()]).values_list(
        "pk", *fields
    )


_BRACKETED, _PAIR = "{} ({})", "{} – {}"  # "Person (program)", "Mentee – Mentor"


def _joined(label: str, pattern: str, *fields: str):
    """Names made of an object's fields: "{} ({})" reads "Person (program)", "{} – {}" a pair."""

    def namer(ids):
        return {str(pk): pattern.format(*rest) for pk, *rest in _values(label, ids, *fields)}

    return namer


def _named(label: str, field: str = "name"):
    def namer(ids):
        return {str(pk): name for pk, name in _values(label, ids, field)}

    return namer


def _users(ids):
    rows = _values("accounts.user", ids, "email", "person__full_name")
    return {str(pk): name or email for pk, email, name in rows}


def _mentorships(ids):
    rows = apps.get_model("mentorships.participant").objects.filter(
        mentorship_id__in=[int(i) for i in ids if str(i).isdecimal()]
    )
    names = defaultdict(list)
    for pk, name in rows.order_by("role", "pk").values_list("mentorship_id", "person__full_name"):
        names[str(pk)].append(name)
    return {pk: " & ".join(people) for pk, people in names.items()}


def _name_field(prefix: str) -> str:
    """The bilingual name's field in the reader's language (topics, training modules)."""
    return f"{prefix}name_fr" if (get_language() or "en").startswith("fr") else f"{prefix}name_en"


def _person_and(label: str, prefix: str, person: str = "person__full_name"):
    """Names "Person (topic or module)", the topic or module in the reader's language."""

    def namer(ids):
        return _joined(label, _BRACKETED, person, _name_field(prefix))(ids)

    return namer


# object_type → how to name a page's objects of that type
NAMERS: dict[str, Callable[[set[str]], dict[str, str]]] = {
    "people.person": _named("people.person", "full_name"),
    "accounts.user": _users,
    "programs.program": _named("programs.program"),
    "matching.matchingrun": _named("matching.matchingrun", "program__name"),
    "mentorships.mentorship": _mentorships,
    "programs.enrolment": _joined(
        "programs.enrolment", _BRACKETED, "person__full_name", "program__name"
    ),
    "matching.pairdecision": _joined(
        "matching.pairdecision", _PAIR, "mentee__full_name", "mentor__full_name"
    ),
    "recognition.testimonial": _joined(
        "recognition.testimonial", _BRACKETED, "author__full_name", "program__name"
    ),
    "people.competence": _person_and("people.competence", "topic__"),
    "people.learningneed": _person_and("people.learningneed", "topic__"),
    "programs.trainingcompletion": _person_and("programs.trainingcompletion", "module__"),
    "people.organization": _named("people.organization"),
    "accounts.apitoken": _named("accounts.apitoken"),
    "mentorships.mentorrequest": _joined(
        "mentorships.mentorrequest", _PAIR, "mentee__full_name", "mentor__full_name"
    ),
    "people.endorsementrequest": _person_and(
        "people.endorsementrequest", "competence__topic__", "competence__person__full_name"
    ),
}
# details keys holding person ids, named too (a cleared decision has no object)
PERSON_KEYS = ("mentee", "mentor", "person", "colleague")
PROGRAM_KEYS = ("program",)  # details keys holding a program's id
DATE_KEYS = ("since", "closes_on")  # ISO dates, written as the pages write dates


def names_for(events: Iterable[AuditEvent]) -> dict[tuple[str, str], str]:
    """(object type, id) → name for the events' objects, actors and named people."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.object_type in NAMERS and event.object_id:
            wanted[event.object_type].add(event.object_id)
        if event.actor_id:
            wanted["accounts.user"].add(str(event.actor_id))
        for key in PERSON_KEYS:
            if isinstance((event.details or {}).get(key), int):
                wanted["people.person"].add(str(event.details[key]))
        for key in PROGRAM_KEYS:
            if isinstance((event.details or {}).get(key), int):
                wanted["programs.program"].add(str(event.details[key]))
    names = {}
    for label, ids in wanted.items():
        with contextlib.suppress(LookupError):  # a model another version of Tandem had
            names.update({(label, pk): name for pk, name in NAMERS[label](ids).items()})
    return names


def _status(value) -> str:
    Program = apps.get_model("programs.program")
    try:
        return str(Program.Status(value).label)
    except ValueError:
        return str(value)


SENTENCES = {
    "matching.publish": gettext_lazy(
        "%(actor)s published the matching of %(object)s (%(proposals)s proposals)."
    ),
    "matching.lock": gettext_lazy("%(actor)s locked the pair %(mentee)s – %(mentor)s."),
    "matching.forbid": gettext_lazy("%(actor)s forbade the pair %(mentee)s – %(mentor)s."),
    "matching.clear": gettext_lazy("%(actor)s cleared the decision on %(mentee)s – %(mentor)s."),
    "program.create": gettext_lazy("%(actor)s created the program %(object)s."),
    "program.update": gettext_lazy("%(actor)s changed the settings of %(object)s."),
    "program.status": gettext_lazy("%(actor)s moved %(object)s from “%(before)s” to “%(after)s”."),
    "program.managers_changed": gettext_lazy("%(actor)s changed the managers of %(object)s."),
    "program.coaches_changed": gettext_lazy("%(actor)s changed the coaches of %(object)s."),
    "program.sponsor_changed": gettext_lazy("%(actor)s changed the sponsor of %(object)s."),
    "programs.import_enrolments": gettext_lazy(
        "%(actor)s imported enrolments into %(object)s (%(created)s new, %(updated)s updated)."
    ),
    "mentorship.proposed": gettext_lazy("%(actor)s proposed the pair %(object)s."),
    "mentorship.declined": gettext_lazy("%(actor)s declined the proposal %(object)s."),
    "mentorship.activated": gettext_lazy("The mentorship %(object)s started."),
    "mentorship.completed": gettext_lazy("The mentorship %(object)s was completed."),
    "mentorship.ended": gettext_lazy("%(actor)s ended the mentorship %(object)s early."),
    "mentorship.ended.inactive": gettext_lazy(
        "Tandem closed the mentorship %(object)s: no meeting held for %(days)s days."
    ),
    "mentorship.inactivity_nudge": gettext_lazy(
        "Tandem nudged %(object)s: no meeting held for %(days)s days."
    ),
    "mentorship.inactivity_notice": gettext_lazy(
        "Tandem alerted the coaches and managers of %(object)s and told both that the pair "
        "closes on %(closes_on)s unless they meet."
    ),
    "mentorship.read": gettext_lazy("%(actor)s looked at the pair %(object)s."),
    "person.read": gettext_lazy("%(actor)s read the personal data of %(object)s."),
    "person.profile_updated": gettext_lazy("%(actor)s updated the profile of %(object)s."),
    "person.competences_updated": gettext_lazy("%(actor)s updated the competences of %(object)s."),
    "person.needs_updated": gettext_lazy("%(actor)s updated the learning needs of %(object)s."),
    "people.import": gettext_lazy(
        "%(actor)s imported the people directory (%(created)s new, %(updated)s updated)."
    ),
    "people.competence_verified": gettext_lazy("%(actor)s verified a competence of %(person)s."),
    "privacy.export": gettext_lazy("%(actor)s exported the personal data of %(object)s."),
    "privacy.erase": gettext_lazy("%(actor)s erased the personal data of %(object)s."),
    "privacy.purge": gettext_lazy("%(actor)s purged the texts of old mentorships."),
    "insights.csv_exported": gettext_lazy("%(actor)s exported the figures of %(object)s (CSV)."),
    "insights.pairs_exported": gettext_lazy("%(actor)s exported the pairs of %(object)s (CSV)."),
    "insights.report_downloaded": gettext_lazy(
        "%(actor)s downloaded the impact report of %(object)s."
    ),
    "recognition.story_exported": gettext_lazy("%(actor)s exported the story of %(object)s."),
    "enrolment.applied": gettext_lazy("%(actor)s applied: %(object)s."),
    "enrolment.withdrawn": gettext_lazy("%(actor)s withdrew the enrolment %(object)s."),
    "enrolment.rights_changed": gettext_lazy(
        "%(actor)s changed the role, status or coach of %(object)s."
    ),
    "user.permissions_changed": gettext_lazy("%(actor)s changed the rights of %(object)s."),
    "accounts.invite": gettext_lazy("%(actor)s sent invitations."),
    "audit.exported": gettext_lazy("%(actor)s exported the audit trail."),
    "accounts.invitation_accepted": gettext_lazy(
        "%(actor)s accepted their invitation and chose a password."
    ),
    "accounts.sso_account_created": gettext_lazy(
        "An account was created for %(object)s at their first single sign-on."
    ),
    "api_token.create": gettext_lazy(
        "%(actor)s created the API token “%(name)s”, valid for %(days)s days."
    ),
    "api_token.revoke": gettext_lazy("%(actor)s revoked the API token “%(object)s”."),
    "organization.create": gettext_lazy("%(actor)s created the organisation %(object)s."),
    "organization.update": gettext_lazy("%(actor)s updated the organisation %(object)s."),
    "competence.read": gettext_lazy("%(actor)s read a competence of %(object)s."),
    "learningneed.read": gettext_lazy("%(actor)s read a learning need of %(object)s."),
    "enrolment.read": gettext_lazy("%(actor)s read the enrolment of %(object)s."),
    "enrolment.details_updated": gettext_lazy(
        "%(actor)s updated the enrolment details of %(object)s."
    ),
    "trainingcompletion.read": gettext_lazy("%(actor)s read the training record of %(object)s."),
    "training.completed": gettext_lazy("%(actor)s recorded a training completed: %(object)s."),
    "insights.question_added": gettext_lazy("%(actor)s added a survey question to %(program)s."),
    "recognition.testimonial_reviewed.approved": gettext_lazy(
        "%(actor)s approved the testimonial of %(object)s."
    ),
    "recognition.testimonial_reviewed.rejected": gettext_lazy(
        "%(actor)s turned down the testimonial of %(object)s."
    ),
    "matching.override": gettext_lazy(
        "%(actor)s locked the pair %(mentee)s – %(mentor)s against a rule: “%(justification)s”."
    ),
    "mentorship.override": gettext_lazy(
        "%(actor)s proposed the pair %(mentee)s – %(mentor)s against a rule: “%(justification)s”."
    ),
    "people.competence_assessed": gettext_lazy("%(actor)s assessed a competence of %(object)s."),
    "people.competence_certified": gettext_lazy(
        "%(actor)s recorded the certification “%(certification)s” of %(object)s."
    ),
    "people.competence_endorsed": gettext_lazy("%(actor)s endorsed a competence of %(object)s."),
    "people.endorsement_requested": gettext_lazy(
        "%(actor)s asked %(colleague)s to endorse a competence."
    ),
    "people.endorsement_given": gettext_lazy(
        "%(actor)s answered the endorsement request of %(object)s: endorsed."
    ),
    "people.endorsement_declined": gettext_lazy(
        "%(actor)s declined the endorsement request of %(object)s."
    ),
    "people.endorsement_stale": gettext_lazy(
        "The endorsement request of %(object)s is no longer needed."
    ),
    "mentor_request.created": gettext_lazy("%(actor)s asked %(mentor)s to be their mentor."),
    "mentor_request.accepted": gettext_lazy("%(actor)s accepted the request %(object)s."),
    "mentor_request.declined": gettext_lazy("%(actor)s declined the request %(object)s."),
    "mentor_request.withdrawn": gettext_lazy("%(actor)s withdrew the request %(object)s."),
    "mentor_request.refused": gettext_lazy("%(actor)s refused the request %(object)s."),
    "mentor_request.paired": gettext_lazy("The request %(object)s became a pair."),
    "mentor_request.expired": gettext_lazy("The request %(object)s expired unanswered."),
}


def _sentence_key(event: AuditEvent) -> str:
    details = event.details or {}
    if event.action == "mentorship.ended" and details.get("cause"):
        return f"mentorship.ended.{details['cause']}"
    if event.action == "recognition.testimonial_reviewed":
        return event.action + (".approved" if details.get("approved") else ".rejected")
    return event.action


class _Missing(dict):
    """Format values; a detail an old event lacks reads as "?"."""

    def __missing__(self, key):
        return "?"


def sentence(event: AuditEvent, names: dict[tuple[str, str], str]) -> str:
    """The event as a sentence in the active language, with the names in ``names``."""
    details = event.details or {}
    actor = names.get(("accounts.user", str(event.actor_id))) if event.actor_id else None
    obj = names.get((event.object_type, event.object_id)) or (
        f"#{event.object_id}" if event.object_id else ""
    )
    values = _Missing(
        {key: value for key, value in details.items() if isinstance(value, (str, int, float))}
    )
    values.update(actor=actor or str(SYSTEM), object=obj)
    for key in PERSON_KEYS:
        if isinstance(details.get(key), int):
            values[key] = names.get(("people.person", str(details[key])), f"#{details[key]}")
    for key in PROGRAM_KEYS:
        if isinstance(details.get(key), int):
            values[key] = names.get(("programs.program", str(details[key])), f"#{details[key]}")
    for key in DATE_KEYS:
        with contextlib.suppress(KeyError, ValueError):
            values[key] = date_text(dt.date.fromisoformat(str(details[key])))
    if event.action == "program.status":
        values.update(before=_status(details.get("before")), after=_status(details.get("after")))
    template = SENTENCES.get(_sentence_key(event))
    if template is None or (not obj and "%(object)s" in str(template)):  # nothing to name
        label = action_label(event.action)
        return f"{values['actor']}: {label}" + (f" — {obj}" if obj else "")
    return str(template) % values
