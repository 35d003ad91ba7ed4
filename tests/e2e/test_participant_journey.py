"""A proposed pair walked through the browser by its mentee and mentor, then seen by its coach,
in English and in French; axe-core checks every main page.

Selectors use URLs, names and ids, never interface wording, so the test keeps working once the
French catalogue exists.
"""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.mentorships.models import Meeting, MeetingLog, Mentorship, Preparation
from tandem.mentorships.services import lifecycle
from tests.e2e.conftest import (
    assert_accessible,
    assert_no_horizontal_scroll,
    login,
    screenshot,
    switch_language,
)

REASON = "Léa is strong in generative AI, the need Jean ranked first."
MOOD = "Curious and a little anxious"
ACQUIRED = "Three prompt patterns for board notes"
MENTOR_LEARNED = "How a budget cycle really works"


@pytest.fixture
def proposal(cast) -> Mentorship:
    today = timezone.localdate()
    program = cast.program
    program.start, program.end = today - dt.timedelta(days=7), today + dt.timedelta(days=150)
    program.authorised_subjects = "Digital tools and habits; no salaries, no appraisals."
    program.save()
    return lifecycle.create_mentorship(
        program, [cast.mentor.person], [cast.mentee.person], cast.manager, reasons=[REASON]
    )


def _visit(page, path: str, shot: str, language: str) -> None:
    page.goto(path)
    assert page.get_attribute("html", "lang") == language
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    screenshot(page, f"{shot}-{language}")


def _sign_in(new_page, user, language: str):
    page = new_page()
    login(page, user.email)
    if language != "en":
        switch_language(page, language)
    return page


def _answer_and_sign(page, mentorship, language: str, shot: bool) -> None:
    detail = f"/mentorships/{mentorship.pk}/"
    if shot:
        _visit(page, detail, "proposal", language)
    else:
        page.goto(detail)
    assert REASON in page.inner_text("main")
    page.click(f"form[action='{detail}accept/'] button[type=submit]")
    page.wait_for_load_state()


def _sign_charter(page, mentorship, language: str, shot: bool) -> None:
    charter = f"/mentorships/{mentorship.pk}/charter/"
    page.goto(charter)
    assert "no salaries" in page.inner_text("main")
    page.click(f"form[action='{charter}'] button[type=submit]")  # unticked: an error
    assert page.get_attribute("#id_accept", "aria-invalid") == "true"
    if shot:
        assert_accessible(page)
        screenshot(page, f"charter-error-{language}")
    page.check("#id_accept")
    page.click(f"form[action='{charter}'] button[type=submit]")
    page.wait_for_url(f"**/mentorships/{mentorship.pk}/")


@pytest.mark.e2e
@pytest.mark.parametrize("language", ["en", "fr"])
def test_it_walks_a_pair_from_proposal_to_first_log(new_page, cast, proposal, language):
    mentee = _sign_in(new_page, cast.mentee, language)
    mentor = _sign_in(new_page, cast.mentor, language)
    _visit(mentee, "/", "home-mentee", language)
    assert mentee.locator(f".todo-list a[href='/mentorships/{proposal.pk}/']").count() == 1

    _answer_and_sign(mentee, proposal, language, shot=True)
    _answer_and_sign(mentor, proposal, language, shot=False)
    mentor.wait_for_url(f"**/mentorships/{proposal.pk}/charter/")
    _sign_charter(mentor, proposal, language, shot=True)
    _sign_charter(mentee, proposal, language, shot=False)
    proposal.refresh_from_db()
    assert proposal.status == Mentorship.Status.ACTIVE
    first = proposal.meetings.order_by("starts_at").first()

    _visit(mentee, f"/mentorships/{proposal.pk}/", "mentorship-mentee", language)
    _visit(mentee, f"/mentorships/meetings/{first.pk}/prepare/", "prepare", language)
    mentee.fill("#id_state_of_mind", MOOD)
    mentee.fill("#id_topics_to_raise", "Prompts for board notes")
    mentee.click("main form button[type=submit]")
    mentee.wait_for_url(f"**/mentorships/meetings/{first.pk}/")
    assert Preparation.objects.get(meeting=first).state_of_mind == MOOD

    # The meeting took place two hours ago.
    Meeting.objects.filter(pk=first.pk).update(starts_at=timezone.now() - dt.timedelta(hours=2))
    mentor.goto(f"/mentorships/{proposal.pk}/")
    mentor.evaluate("window.notReloaded = true")
    row = mentor.locator(f"#meeting-{first.pk}")
    row.locator("form:has(input[name=status][value=held]) button").click()
    row.locator(".badge.status-held").first.wait_for()
    assert mentor.evaluate("window.notReloaded === true")  # htmx swapped the row in place
    assert Meeting.objects.get(pk=first.pk).status == Meeting.Status.HELD
    _visit(mentor, f"/mentorships/meetings/{first.pk}/log/", "log", language)
    mentor.fill("#id_acquired", ACQUIRED)
    mentor.fill("#id_mentor_learned", MENTOR_LEARNED)
    mentor.click("main form button[type=submit]")
    mentor.wait_for_url(f"**/mentorships/meetings/{first.pk}/")
    assert MeetingLog.objects.get(meeting=first).acquired == ACQUIRED
    page = mentor.inner_text("main")
    assert ACQUIRED in page and MOOD in page  # the mentor reads the mentee's preparation

    _visit(mentee, f"/mentorships/meetings/{first.pk}/", "meeting-mentee", language)
    assert MENTOR_LEARNED in mentee.inner_text("main")
    _visit(mentee, "/mentorships/calendar/", "calendar", language)

    coach = _sign_in(new_page, cast.coach, language)
    _visit(coach, "/coach/", "coach", language)
    seen = coach.inner_text("main")
    assert "Léa Bernard" in seen and "Jean Moreau" in seen
    assert ACQUIRED not in seen and MOOD not in seen and MENTOR_LEARNED not in seen
    coach.goto(f"/mentorships/meetings/{first.pk}/")
    assert ACQUIRED not in coach.content()
