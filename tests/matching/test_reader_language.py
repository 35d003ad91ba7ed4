"""Language follows the reader: a run's reasons, its unmatched people's reasons and the goal
titles Tandem writes are stored structured and worded when shown, so a run made in English
reads in French for a French reader; rows stored as words before keep their words. And the
circle size or a mentor's capacity is named when it is what left someone unmatched."""

from django.apps import apps
from django.urls import reverse
from django.utils import translation

from tandem.matching.models import MatchingRun, Unmatched
from tandem.matching.services.publish import publish_run
from tandem.matching.services.run import run_matching
from tandem.mentorships.models import GeneratedTitle, Goal, Mentorship
from tandem.mentorships.services import goals as goal_service
from tandem.mentorships.services import lifecycle
from tandem.mentorships.services.why import reasons_for
from tandem.programs.models import Program
from tests import factories as f
from tests.matching import helpers as h

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def _program(db_manager=None):
    manager = f.person("Hélène HR", with_user=True).user
    prog = h.program("bilingual", status=Program.Status.MATCHING)
    prog.managers.add(manager)
    return prog, manager


def test_a_run_made_in_english_reads_in_french_for_a_french_reader(db, client):
    prog, manager = _program()
    h.mentee(prog, "Anne", department="Finance", languages=["fr"])
    h.mentor(prog, "Bob", department="Digital", languages=["fr", "en"])
    h.mentee(prog, "Carl", needs=[("cyber", 2)], languages=["fr"])
    with translation.override("en"):
        run = run_matching(prog, actor=manager).run
    client.force_login(manager)
    url = reverse("matching:run", args=[prog.slug, run.pk])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english.context["rows"][0]["reasons"][0].startswith(
        "covers Generative AI at work (high priority)"
    )
    french = client.get(url, **FRENCH)
    (row,) = french.context["rows"]
    assert row["reasons"][0].startswith("couvre l'IA générative au travail (priorité haute)")
    assert "autre direction" in row["reasons"]
    page = french.content.decode()
    assert "aucun mentor qualifié pour les réflexes de cybersécurité" in page.lower()
    stored = Unmatched.objects.get(run=run, person__full_name="Carl")
    assert stored.reasons == [] and stored.details[0]["code"] == "no_qualified_mentor"


def test_the_pair_reads_its_proposal_in_its_own_language(db, client):
    prog, manager = _program()
    mentee = h.mentee(prog, "Anne", languages=["fr"], with_user=True)
    h.mentor(prog, "Bob", languages=["fr"])
    with translation.override("en"):
        publish_run(run_matching(prog, actor=manager).run, actor=manager)
    mentorship = Mentorship.objects.get()
    client.force_login(mentee.user)
    page = client.get(reverse("mentorships:detail", args=[mentorship.pk]), **FRENCH)
    assert "couvre l&#x27;IA générative au travail" in page.content.decode()
    with translation.override("en"):
        assert reasons_for(mentorship, manager=False)[0].startswith("covers Generative AI")


def test_rows_stored_as_words_keep_their_words_and_the_pair_loses_the_managers_notes(db):
    prog, manager = _program()
    old = Mentorship.objects.create(
        program=prog,
        reasons=[
            "covers Generative AI at work (high priority) at level 3, assessed",
            "locked by a program manager",
            "Bob: other department; gender diversity",
        ],
    )
    assert reasons_for(old, manager=True) == old.reasons
    assert reasons_for(old, manager=False) == [
        "covers Generative AI at work (high priority) at level 3, assessed",
        "Bob: other department",
    ]
    run = MatchingRun.objects.create(program=prog)
    row = Unmatched.objects.create(
        run=run, person=f.person(), role="mentee", code="capacity", reasons=["old words"]
    )
    from tandem.matching.explain.shown import unmatched_reasons
    from tandem.matching.explain.words import Lexicon

    lex = Lexicon.load(prog.start)
    assert unmatched_reasons(row.details, row.reasons, row.role, lex) == ["old words"]


def test_goal_titles_written_by_tandem_read_in_the_readers_language(db, early_in_the_programs):
    prog, manager = _program()
    mentee = h.mentee(prog, "Anne", with_user=True, needs=[("genai", 2)])
    mentor = h.mentor(prog, "Bob", with_user=True)
    mentorship = lifecycle.create_mentorship(prog, [mentor], [mentee], manager)
    with translation.override("fr"):  # accepted by French speakers: titles are not French
        for person in (mentee, mentor):
            me = mentorship.participants.get(person=person)
            lifecycle.accept_proposal(me, person.user)
    goal = Goal.objects.get(learner__person=mentee)
    assert goal.title_code == GeneratedTitle.PROGRESS
    with translation.override("en"):
        assert goal.shown_title == "Progress in Generative AI at work"
    with translation.override("fr"):  # the catalogue's words for it, whatever they become
        french = translation.gettext("Progress in %(topic)s")
        assert french.startswith("Progresser")
        assert goal.shown_title == french % {"topic": "l'IA générative au travail"}
    # saved unchanged from the form, the title stays Tandem's; changed, it is the pair's own
    with translation.override("fr"):
        goal_service.update_goal(goal, mentee.user, title=goal.shown_title, target_level=3)
    goal.refresh_from_db()
    assert goal.title_code == GeneratedTitle.PROGRESS and goal.target_level == 3
    goal_service.update_goal(goal, mentee.user, title="Write my first prompts")
    goal.refresh_from_db()
    assert (goal.title_code, goal.shown_title) == ("", "Write my first prompts")


def test_the_migration_recognises_titles_tandem_wrote_in_either_language(db):
    from importlib import import_module
    from pathlib import Path

    from tandem.mentorships import migrations

    (path,) = Path(migrations.__file__).parent.glob("*_generated_goal_titles.py")  # renumbered
    migration = import_module(f"tandem.mentorships.migrations.{path.stem}")
    prog, manager = _program()
    mentee, mentor = h.mentee(prog, with_user=True), h.mentor(prog, with_user=True)
    mentorship = lifecycle.create_mentorship(prog, [mentor], [mentee], manager)
    learner = mentorship.participants.get(person=mentee)
    topic = f.topic("genai")
    titles = {
        "Progress in Generative AI at work": "progress",
        "Progresser en L'IA générative au travail": "progress",
        "Comprendre L'IA générative au travail de l'intérieur": "understand",
        "My own goal": "",
    }
    for title in titles:
        Goal.objects.create(mentorship=mentorship, learner=learner, topic=topic, title=title)
    migration.mark(apps, None)
    found = dict(Goal.objects.values_list("title", "title_code"))
    assert found == titles


def test_unmatched_reasons_name_a_mentors_capacity_and_the_circle_size(db):
    pairs = h.program("pairs")
    h.mentee(pairs, "First")
    h.mentee(pairs, "Second")
    h.mentor(pairs, "Only one place")
    (left,) = run_matching(pairs, dry_run=True).unmatched
    assert left.reasons == [
        "every compatible mentor already has as many mentees as their capacity allows"
    ]
    circle = h.program(
        "circle", format=Program.Format.CIRCLE, circle_size=2, topics=("genai", "cyber", "csr")
    )
    h.mentee(circle, "Founder", needs=[("genai", 2), ("cyber", 1), ("csr", 0)])
    h.mentor(circle, "AI", skills=[("genai", 3, 2)])
    h.mentor(circle, "Cyber", skills=[("cyber", 3, 2)])
    h.mentor(circle, "CSR", skills=[("csr", 3, 2)])
    (spare,) = [u for u in run_matching(circle, dry_run=True).unmatched if u.role == "mentor"]
    assert spare.reasons == [
        "every mentee who could take them already has their mentors (a circle holds 2 at "
        "most, one per topic)"
    ]
