"""Competences proposed from a LinkedIn data export: the ZIP every member can download
(Settings → Data privacy → Get a copy of your data), read for its ``Skills.csv`` only. Skills
are matched to Tandem's topics (``linkedin_skills.SKILL_TOPICS``) and proposed as
self-declared competences; nothing is saved until the person confirms (``confirm``).

The upload is untrusted: not a ZIP, no ``Skills.csv``, too many entries, an entry far larger
than it was compressed (a ZIP bomb) or larger than ``MAX_CSV_BYTES``, a password, text that is
not UTF-8, or no ``Name`` column each get their own message.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.audit import record
from tandem.people.errors import PeopleError
from tandem.people.linkedin_skills import SKILL_TOPICS
from tandem.people.models import Competence, Evidence, Person, Topic

MAX_ENTRIES = 5000
MAX_CSV_BYTES = 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed: beyond this the entry is a bomb
MAX_SKILLS = 1000


@dataclass(frozen=True)
class Proposal:
    topic: str  # slug
    skills: tuple[str, ...]


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def topics_of(skill: str) -> set[str]:
    """The topic slugs one skill name proposes."""
    name, found = _plain(skill), set()
    for slug, keywords in SKILL_TOPICS.items():
        for keyword in keywords:
            if keyword.startswith("="):
                hit = name == keyword[1:]
            else:
                hit = re.search(rf"(?<![\w]){re.escape(keyword)}(?![\w])", name) is not None
            if hit:
                found.add(slug)
                break
    return found


def _skills_entry(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise PeopleError(_("This ZIP holds too many files to be a LinkedIn export."))
    for info in entries:
        if info.filename.replace("\\", "/").rsplit("/", 1)[-1].lower() == "skills.csv":
            return info
    raise PeopleError(
        _(
            "This ZIP has no Skills.csv. In LinkedIn, ask for your data with “Skills” ticked "
            "(or the larger archive), then upload the ZIP it sends you."
        )
    )


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > MAX_CSV_BYTES:
        raise PeopleError(_("Skills.csv is too large (over 1 MB) to be a list of skills."))
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        raise PeopleError(_("Skills.csv is compressed suspiciously well: it was not read."))
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_CSV_BYTES + 1)
    except RuntimeError:  # encrypted
        raise PeopleError(_("This ZIP is protected by a password.")) from None
    except (NotImplementedError, zipfile.BadZipFile, OSError, EOFError):
        raise PeopleError(_("Skills.csv cannot be read from this ZIP: it is damaged.")) from None
    if len(data) > MAX_CSV_BYTES:  # the header lied about the size
        raise PeopleError(_("Skills.csv is too large (over 1 MB) to be a list of skills."))
    return data


def read_skills(upload) -> list[str]:
    """The skill names of a LinkedIn export ZIP (an uploaded file or any binary file)."""
    try:
        upload.seek(0)
        if not zipfile.is_zipfile(upload):
            raise PeopleError(_("This is not a ZIP file: upload the ZIP that LinkedIn sent you."))
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            data = _read_entry(archive, _skills_entry(archive))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise PeopleError(_("This ZIP file is damaged: download it again from LinkedIn.")) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PeopleError(_("Skills.csv is not UTF-8 text as LinkedIn writes it.")) from None
    reader = csv.DictReader(io.StringIO(text))
    if "Name" not in (reader.fieldnames or []):
        raise PeopleError(_("Skills.csv has no “Name” column: is it LinkedIn's?"))
    skills = []
    for row in reader:
        name = " ".join((row.get("Name") or "").split())[:200]
        if name:
            skills.append(name)
        if len(skills) > MAX_SKILLS:
            raise PeopleError(_("Skills.csv lists more skills than LinkedIn allows."))
    return skills


def propose(person: Person, skills: list[str]) -> list[Proposal]:
    """Active topics the skills point to that the person has no competence in yet."""
    by_topic: dict[str, list[str]] = {}
    for skill in skills:
        for slug in topics_of(skill):
            by_topic.setdefault(slug, []).append(skill)
    held = set(person.competences.values_list("topic__slug", flat=True))
    active = set(Topic.objects.filter(is_active=True).values_list("slug", flat=True))
    return [
        Proposal(slug, tuple(dict.fromkeys(names)))
        for slug, names in sorted(by_topic.items())
        if slug in active and slug not in held
    ]


def confirm(person: Person, chosen: dict[str, int], proposed: set[str], actor) -> list[str]:
    """Save the chosen topics (``slug -> level``), each one that was proposed, as
    self-declared competences; returns the slugs saved."""
    unknown = set(chosen) - proposed
    if unknown:
        raise PeopleError(_("Only the topics proposed from your LinkedIn skills can be added."))
    with transaction.atomic():
        held = set(person.competences.values_list("topic__slug", flat=True))
        topics = Topic.objects.filter(slug__in=set(chosen) - held, is_active=True)
        rows = [
            Competence(person=person, topic=t, level=chosen[t.slug], evidence=Evidence.SELF)
            for t in topics
        ]
        Competence.objects.bulk_create(rows)
        saved = sorted(row.topic.slug for row in rows)
        if saved:
            record(actor, "people.competences_from_linkedin", person, topics=saved)
    return saved
