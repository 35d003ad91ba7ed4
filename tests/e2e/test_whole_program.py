"""A whole program in the browser, in English and in French: a manager sets it up, imports its
people, runs the matching and publishes; the mentee (through the emailed invitation) and the
mentor accept, sign the charter, prepare, hold and log the first meeting. At each step the test
checks what each role sees: the manager and the coach see the pair's health, never what the
pair wrote.

The steps reuse the two journeys' helpers; selectors use URLs, names and ids.
"""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone, translation

from tandem.accounts.models import User
from tandem.matching.models import MatchingRun
from tandem.mentorships.models import Meeting, MeetingLog, Mentorship, Participant, Preparation
from tandem.mentorships.services.why import reasons_for
from tandem.people.models import Person
from tandem.programs.models import Program
from tests import factories as f
from tests.e2e.conftest import login, switch_language
from tests.e2e.test_manager_journey import _import, _set_up, _verify
from tests.e2e.test_participant_journey import _sign_charter, _visit
from tests.matching import helpers as h

MOOD = "Eager to try prompts on real board notes"
ACQUIRED = "Two prompt patterns for budget memos"
LEARNED = "How the budget committee decides"
PASSPHRASE = "a-long-and-unusual-passphrase-42"
SIGN_IN = {"en": "Sign in", "fr": "Se connecter"}
YOUR_MENTORSHIP = {"en": "Your mentorship", "fr": "Votre mentorat"}
MATCHING = {"en": "Matching", "fr": "Appariement"}


def _signed_in(new_page, email: str, language: str, password: str = f.PASSWORD):
    """A fresh browser for one person: the language chosen on the sign-in page, then signed in."""
    page = new_page()
    page.goto("/accounts/login/")
    if language != "en":
        switch_language(page, language)
    assert SIGN_IN[language] in page.inner_text("body")
    login(page, email, password)
    assert page.get_attribute("html", "lang") == language
    return page


def _press(page, action: str) -> None:
    page.click(f"form[action='{action}'] button[type=submit]")
    page.wait_for_load_state()


def _run_program(page, language: str) -> Program:
    """Set up, import, invite, match and publish, as the manager."""
    program = _set_up(page)
    assert page.get_attribute("html", "lang") == language
    status = f"/programs/{program.slug}/status/"
    _press(page, status)
    _import(page, program)
    _verify(page, program)
    # Late enrolments anyone can be paired with (the file's are picky), invited with the rest.
    h.mentee(program, "Paul Durand", department="Finance")
    h.mentor(program, "Nina Roux", department="Digital")
    page.goto(f"/programs/{program.slug}/")
    _press(page, f"/programs/{program.slug}/invite/")
    assert len(mail.outbox) == 8
    _press(page, status)
    program.refresh_from_db()
    assert program.status == Program.Status.MATCHING
    page.goto(f"/programs/{program.slug}/matching/")
    assert MATCHING[language] in page.inner_text("main")
    page.click(f"form[action='/programs/{program.slug}/matching/run/'] button[type=submit]")
    page.wait_for_url("**/runs/*/")
    run = MatchingRun.objects.get(program=program)
    assert run.proposals.exists()
    page.click(f"a[href$='/runs/{run.pk}/publish/']")
    page.wait_for_url(f"**/runs/{run.pk}/publish/")
    page.click(f"form[action$='/runs/{run.pk}/publish/'] button[type=submit]")
    page.wait_for_load_state()
    program.refresh_from_db()
    assert program.status == Program.Status.RUNNING
    return program


def _accept_invitation(new_page, person: Person, language: str):
    """The mentee opens the emailed link, chooses a password and lands signed in."""
    message = next(m for m in mail.outbox if m.to == [person.email])
    token = message.body.split("/invitations/", 1)[1].split()[0]
    page = new_page()
    page.goto(f"/invitations/{token}")
    if language != "en":
        switch_language(page, language)
    page.fill("#id_new_password1", PASSPHRASE)
    page.fill("#id_new_password2", PASSPHRASE)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/invitations/" not in url)
    assert page.get_attribute("html", "lang") == language
    return page


def _give_account(person: Person) -> None:
    person.user = User.objects.create_user(email=person.email, password=f.PASSWORD)
    person.save(update_fields=["user"])


def _prepare_hold_and_log(mentee, mentor, mentorship: Mentorship, language: str) -> Meeting:
    first = mentorship.meetings.order_by("starts_at").first()
    _visit(mentee, f"/mentorships/meetings/{first.pk}/prepare/", "whole-prepare", language)
    mentee.fill("#id_state_of_mind", MOOD)
    mentee.fill("#id_topics_to_raise", "Prompts for budget memos")
    mentee.click("main form button[type=submit]")
    mentee.wait_for_url(f"**/mentorships/meetings/{first.pk}/")
    assert Preparation.objects.get(meeting=first).state_of_mind == MOOD
    # The meeting took place two hours ago (a plain update: the live server reads the database).
    Meeting.objects.filter(pk=first.pk).update(starts_at=timezone.now() - dt.timedelta(hours=2))
    mentor.goto(f"/mentorships/{mentorship.pk}/")
    row = mentor.locator(f"#meeting-{first.pk}")
    row.locator("form:has(input[name=status][value=held]) button").click()
    row.locator(".badge.status-held").first.wait_for()
    assert Meeting.objects.get(pk=first.pk).status == Meeting.Status.HELD
    _visit(mentor, f"/mentorships/meetings/{first.pk}/log/", "whole-log", language)
    mentor.fill("#id_acquired", ACQUIRED)
    mentor.fill("#id_mentor_learned", LEARNED)
    mentor.click("main form button[type=submit]")
    mentor.wait_for_url(f"**/mentorships/meetings/{first.pk}/")
    assert MeetingLog.objects.get(meeting=first).acquired == ACQUIRED
    assert MOOD in mentor.inner_text("main")  # the mentor reads the mentee's preparation
    return first


def _assert_sees_health_only(page, mentorship: Mentorship, names: list[str], meeting, url) -> None:
    page.goto(url)
    seen = page.inner_text("main")
    assert all(name in seen for name in names)
    assert page.locator(".badge.status-active").count() >= 1  # the pair's status
    assert ACQUIRED not in seen and LEARNED not in seen and MOOD not in seen
    page.goto(f"/mentorships/meetings/{meeting.pk}/")
    assert ACQUIRED not in page.content() and MOOD not in page.content()


@pytest.mark.e2e
@pytest.mark.parametrize("language", ["en", "fr"])
def test_it_runs_a_whole_program_from_set_up_to_first_log(new_page, db, language):
    hr = f.person("Hélène Martin", email="hr@tandem.example", with_user=True).user
    hr.is_program_manager = True
    hr.save()
    manager = _signed_in(new_page, hr.email, language)
    program = _run_program(manager, language)

    mentorship = program.mentorships.order_by("pk").first()
    roles = {p.role: p.person for p in mentorship.participants.select_related("person")}
    mentee_person, mentor_person = roles[Participant.Role.MENTEE], roles[Participant.Role.MENTOR]
    names = [mentee_person.full_name, mentor_person.full_name]
    program.authorised_subjects = "Digital tools and habits; no salaries, no appraisals."
    program.save(update_fields=["authorised_subjects"])
    coach_person = f.person("Marc Petit", email="coach@tandem.example", with_user=True)
    program.coaches.add(coach_person)
    _give_account(mentor_person)
    mentee = _accept_invitation(new_page, mentee_person, language)
    mentor = _signed_in(new_page, mentor_person.email, language)

    detail = f"/mentorships/{mentorship.pk}/"
    with translation.override(language):  # why, worded in the reader's language
        why = reasons_for(mentorship, manager=False)[0]
    for page in (mentee, mentor):  # each sees the proposal and why, then accepts
        page.goto(detail)
        seen = page.inner_text("main")
        assert YOUR_MENTORSHIP[language] in seen and why in seen
        _press(page, f"{detail}accept/")
    _sign_charter(mentor, mentorship, language, shot=False)
    _sign_charter(mentee, mentorship, language, shot=False)
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE

    meeting = _prepare_hold_and_log(mentee, mentor, mentorship, language)
    mentee.goto(f"/mentorships/meetings/{meeting.pk}/")
    assert LEARNED in mentee.inner_text("main")  # the mentee reads the mentor's log

    cockpit = f"/programs/{program.slug}/pairs/"  # the manager's list of pairs
    _assert_sees_health_only(manager, mentorship, names, meeting, cockpit)
    coach = _signed_in(new_page, coach_person.user.email, language)
    _assert_sees_health_only(coach, mentorship, names, meeting, "/coach/")
