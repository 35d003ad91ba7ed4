"""In a browser: a mentor asks a colleague to endorse a competence and the colleague endorses
it; the manager sees the qualified mentors per evidence level, records an assessment and sets
the team; a mentor fails then passes a module's quiz; a coach signs a module off; a project
pair writes its project. Every page is checked with axe and at 375 px, and photographed."""

import datetime as dt
import re

import pytest

from tandem.mentorships.models import Mentorship, Project
from tandem.mentorships.services import lifecycle
from tandem.people.models import Evidence, Source
from tandem.programs.models import Enrolment, Program, TrainingModule
from tests import factories as f
from tests.e2e.conftest import (
    assert_accessible,
    assert_no_horizontal_scroll,
    login,
    screenshot,
)

pytestmark = pytest.mark.e2e


def check(page, name):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    screenshot(page, name)


@pytest.fixture
def world():
    today = dt.date.today()
    ceo = f.person("Claire Dumas", title="Chief Executive Officer", with_user=True)
    hr = f.person("Hélène Martin", manager=ceo, department="HR", with_user=True)
    hr.user.is_program_manager = True
    hr.user.save()
    coach = f.person("Marc Petit", manager=hr, department="HR", with_user=True)
    mentor = f.person("Léa Bernard", manager=coach, department="Digital", with_user=True)
    colleague = f.person("Paul Roux", manager=ceo, department="Legal", with_user=True)
    mentee = f.person("Jean Moreau", manager=ceo, department="Finance", with_user=True)
    program = f.program(
        "GenAI for leaders",
        start=today - dt.timedelta(days=10),
        end=today + dt.timedelta(days=170),
        status=Program.Status.RUNNING,
        min_evidence=Evidence.ENDORSED,
        evidence_months=24,
        sponsor=ceo,
    )
    program.managers.add(hr.user)
    program.coaches.add(coach)
    program.required_modules.set(TrainingModule.objects.filter(slug__in=["silences"]))
    f.competence(mentor, "genai", 3, 2)
    f.competence(mentor, "cyber", 2, 0)
    f.need(mentee, "genai", 2)
    f.enrol(mentor, program, Enrolment.Role.MENTOR, coach=coach)
    f.enrol(mentee, program, Enrolment.Role.MENTEE, coach=coach)
    return program, hr, coach, mentor, colleague, mentee


def test_competences_training_and_projects_in_a_browser(new_page, world):
    program, hr, coach, mentor, colleague, mentee = world
    page = new_page()
    login(page, mentor.email)
    page.goto("/people/profile/")
    assert page.get_by_text("Source: assessed by").count() == 1
    check(page, "h15b-profile")
    page.get_by_role("link", name="Ask a colleague to endorse Cybersecurity reflexes").click()
    page.fill("input[name=colleague]", colleague.email)
    page.fill("textarea[name=message]", "We ran the phishing drill together")
    check(page, "h15b-endorsement-ask")
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_url(re.compile("/people/profile/"))
    assert page.get_by_text("Waiting for an answer").count() == 1

    other = new_page()
    login(other, colleague.email)
    other.goto("/people/profile/")
    other.get_by_role("link", name=re.compile("Endorsements colleagues asked of you: 1")).click()
    check(other, "h15b-endorsements")
    other.get_by_role("button", name="Endorse Léa Bernard").click()
    other.wait_for_url(re.compile("/people/endorsements/"))
    cyber = mentor.competences.get(topic__slug="cyber")
    assert (cyber.evidence, cyber.source) == (Evidence.ENDORSED, Source.ENDORSEMENT)

    # the mentor fails, then passes the required module's quiz
    page.goto(f"/me/programs/{program.slug}/training/silences/")
    questions = TrainingModule.objects.get(slug="silences").questions.all()
    for k, question in enumerate(questions):
        right = min(question.correct())
        choice = right if k < 2 else (right + 1) % len(question.choices)
        page.check(f"input[name=q{question.pk}][value='{choice}']")
    page.get_by_role("button", name="Check my answers").click()
    assert page.get_by_text("2 right answers out of 4").count() == 1
    check(page, "h15b-quiz-failed")
    for question in questions:
        page.check(f"input[name=q{question.pk}][value='{min(question.correct())}']")
    page.get_by_role("button", name="Check my answers").click()
    page.wait_for_url(re.compile("/training/$"))
    assert page.get_by_text("you are ready to mentor").count() == 1
    check(page, "h15b-training-list")

    manager = new_page()
    login(manager, hr.email)
    manager.goto(f"/programs/{program.slug}/")
    assert manager.get_by_text("Mentors who qualify, by evidence").count() == 1
    check(manager, "h15b-program-page")
    manager.goto(f"/programs/{program.slug}/competences/")
    manager.locator("details summary").first.click()
    manager.locator("textarea[name=note]").first.fill("Ran a hands-on workshop")
    manager.get_by_role("button", name="Record the assessment").first.click()
    manager.wait_for_load_state()
    check(manager, "h15b-competences")
    manager.goto(f"/programs/{program.slug}/setup/team/")
    check(manager, "h15b-setup-team")
    manager.goto(f"/programs/{program.slug}/setup/training/")
    check(manager, "h15b-setup-training")

    program.training_check = Program.TrainingCheck.SIGNOFF
    program.required_modules.add(TrainingModule.objects.get(slug="feedback"))
    program.save()
    trainer = new_page()
    login(trainer, coach.email)
    trainer.goto(f"/programs/{program.slug}/training/")
    trainer.get_by_role("button", name=re.compile("Sign off Giving feedback")).click()
    trainer.wait_for_url(re.compile("/training/$"))
    check(trainer, "h15b-mentors-training")

    # a project pair
    program.format, program.training_check = Program.Format.PROJECT, "quiz"
    program.require_training = False
    program.deliverables = "A prompt library\nA final presentation to the committee"
    program.save()
    pair = lifecycle.create_mentorship(program, [mentor], [mentee], hr.user)
    for p in pair.participants.select_related("person__user"):
        lifecycle.accept_proposal(p, p.person.user)
    for p in pair.participants.select_related("person__user"):
        lifecycle.sign_charter(p, p.person.user)
    pair.refresh_from_db()
    assert pair.status == Mentorship.Status.ACTIVE and Project.objects.filter(mentorship=pair)
    page.goto(f"/mentorships/{pair.pk}/")
    page.get_by_role("link", name="Open the project").click()
    page.fill("textarea[name=deliverable]", "Thirty prompts the committee uses every week")
    page.get_by_role("button", name="Save the project").click()
    page.wait_for_url(re.compile("/project/$"))
    page.locator("input[type=checkbox][name$=-done]").first.check()
    page.get_by_role("button", name=re.compile("^Save A prompt library")).click()
    page.wait_for_url(re.compile("/project/$"))
    check(page, "h15b-project")
    trainer.goto(f"/programs/{program.slug}/pairs/{pair.pk}/")
    assert trainer.get_by_text("1 of 2 milestones done").count() == 1
    assert trainer.get_by_text("Thirty prompts").count() == 0
    check(trainer, "h15b-coach-projects")
