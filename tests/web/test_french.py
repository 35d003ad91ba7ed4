"""The French catalogue is complete and compiled, and French readers get French pages."""

import ast
import gettext
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from tests import factories as f

SOURCE = Path(__file__).resolve().parents[2] / "src" / "tandem"
LOCALE = SOURCE / "locale" / "fr" / "LC_MESSAGES"
ENTRY_FIELD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (\".*\")$")


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A French request leaves French active in this thread; later tests expect English."""
    yield
    translation.deactivate()


def _catalogue(po=LOCALE / "django.po"):
    """Each entry of django.po as {"flags": set, field: text}, without the header."""
    entries = []
    for block in re.split(r"\n\s*\n", po.read_text(encoding="utf-8")):
        entry, field = {"flags": set()}, None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith('"'):
                entry[field] += ast.literal_eval(line)
            elif match := ENTRY_FIELD.match(line):
                field = match.group(1)
                entry[field] = ast.literal_eval(match.group(2))
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def _key(entry) -> tuple[str, str]:
    """A string is its context and its text: "Declined" is one word for a mentorship and another
    for an enrolment in French."""
    return entry.get("msgctxt", ""), entry["msgid"]


def _translations(entry):
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def test_it_translates_every_string_of_the_catalogue():
    entries = _catalogue()
    assert len(entries) > 1000
    untranslated = [e["msgid"] for e in entries if not all(_translations(e))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    plurals = [e for e in entries if "msgid_plural" in e]
    assert plurals and all({"msgstr[0]", "msgstr[1]"} <= e.keys() for e in plurals)


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext")
def test_it_has_a_catalogue_entry_for_every_string_marked_in_the_code(
    tmp_path, settings, monkeypatch
):
    """Run makemessages on a copy of the code so a string added without its French fails here."""
    copy = tmp_path / "tandem"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["fr"], ignore_patterns=["*/migrations/*"], verbosity=0)
    marked = {_key(e) for e in _catalogue(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po")}
    translated = {_key(e) for e in _catalogue()}
    assert len(marked) > 1000
    missing = sorted(marked - translated)
    assert missing == [], (
        "Strings without French: in src/tandem run `tandem makemessages -l fr --no-obsolete "
        '--ignore "*/migrations/*"`, translate them, then `tandem compilemessages -l fr`.'
    )


def test_it_keeps_every_placeholder_and_tag_in_the_translations():
    token = re.compile(r"%\(\w+\)\w+|%[sd%]|\{\w*\}|<[^>]+>")
    for entry in _catalogue():
        source = sorted(token.findall(entry.get("msgid_plural", entry["msgid"])))
        for text in _translations(entry):
            assert sorted(token.findall(text)) == source, entry["msgid"]


def test_it_ships_a_compiled_catalogue_matching_the_po_file():
    with (LOCALE / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in _catalogue():
        if "msgid_plural" in entry:
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr[1]"]
        elif "msgctxt" in entry:
            assert compiled.pgettext(entry["msgctxt"], entry["msgid"]) == entry["msgstr"], entry
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]


def test_it_speaks_french_through_django():
    with translation.override("fr"):
        assert translation.gettext("Sign in") == "Se connecter"
        assert (
            translation.gettext("Mentee") == "Mentoré·e"
        )  # inclusive where the person is not known
        assert translation.ngettext("%(n)s proposal", "%(n)s proposals", 1) == "%(n)s proposition"
        assert translation.ngettext("%(n)s proposal", "%(n)s proposals", 3) == "%(n)s propositions"
    with translation.override("en"):
        assert translation.gettext("Sign in") == "Sign in"


def _sign_in(client, email):
    response = client.post("/accounts/login/", {"username": email, "password": f.PASSWORD})
    assert response.status_code == 302


def test_it_shows_french_pages_after_switching_language(client, cast):
    assert "Se connecter" not in client.get("/accounts/login/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/accounts/login/"})
    assert response.status_code == 302
    login = client.get("/accounts/login/").content.decode()
    assert '<html lang="fr">' in login
    assert "Connexion à Tandem" in login and "Se connecter" in login
    _sign_in(client, cast.mentee.email)
    home = client.get("/").content.decode()
    assert '<html lang="fr">' in home
    assert "Bonjour, Jean Moreau" in home
    assert "Vos programmes" in home and "Se déconnecter" in home
    assert "Your programs" not in home


def test_it_follows_the_browser_language_on_a_first_visit(client, db):
    french = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5")
    assert '<html lang="fr">' in french.content.decode()
    assert "Se connecter" in french.content.decode()
    english = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="en">' in english.content.decode()
    assert "Sign in to Tandem" in english.content.decode()


def test_it_writes_dates_the_french_way(client, cast):
    _sign_in(client, cast.mentee.email)
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "5 Jan. 2026" in english
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    french = client.get("/").content.decode()
    assert "5 jan. 2026" in french and "4 juil. 2026" in french
    assert "Jan. 2026" not in french


def test_it_translates_labels_built_when_the_code_loads(client, cast):
    _sign_in(client, cast.manager.email)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    page = client.get(f"/programs/{cast.program.slug}/setup/weights/").content.decode()
    assert "Besoin de priorité haute" in page and "Compétence de niveau 4" in page
    assert "Need of high priority" not in page


def test_it_words_a_role_for_the_person_in_french(cast):
    from tandem.people.wording import role_name

    with translation.override("fr"):
        assert role_name("mentee", "f") == "mentorée"
        assert role_name("mentee", "m") == "mentoré"
        assert role_name("mentee", "") == role_name("mentee", "x") == "mentoré·e"
        assert role_name("mentor", "f") == "mentore"
    with translation.override("en"):
        assert role_name("mentee", "f") == role_name("mentee", "") == "mentee"


def test_it_writes_no_masculine_mentee_when_nobody_is_named():
    """Generic French texts say "mentoré·e" or "personne mentorée", never "le mentoré"."""
    masculine = re.compile(r"\b(le|un|du|aucun|tous les) mentorés?\b")
    for entry in _catalogue():
        for text in _translations(entry):
            assert not masculine.search(text), entry["msgid"]
