"""A participant's main path from their home page, by clicking only: the next meeting and its
preparation, the log of a meeting that took place, a due survey, choosing a mentor in a
self-matching program, and that mentor accepting. At 1366 px and 375 px, axe-core on every
page (no serious or critical violation), nothing wider than a phone."""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.insights.services.surveys import refresh_dues
from tandem.mentorships.models import Meeting, MeetingLog, MentorRequest, Mentorship, Preparation
from tandem.mentorships.services import lifecycle
from tandem.programs.models import Enrolment, MatchingMode, Program
from tests import factories as f
from tests.e2e.conftest import SCREENSHOTS, assert_accessible, login

WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.fixture
def journey(cast):
    """An active pair whose first meeting took place two hours ago (no log yet, the baseline
    survey due), and a self-matching program where the mentee may choose Nadia."""
    today = timezone.localdate()
    program = cast.program
    program.start, program.end = today - dt.timedelta(days=7), today + dt.timedelta(days=150)
    program.save()
    pair = lifecycle.create_mentorship(
        program, [cast.mentor.person], [cast.mentee.person], cast.manager
    )
    for p in pair.participants.select_related("person__user"):
        lifecycle.accept_proposal(p, p.person.user)
    for p in pair.participants.select_related("person__user"):
        lifecycle.sign_charter(p, p.person.user)
    first = pair.meetings.order_by("starts_at").first()
    Meeting.objects.filter(pk=first.pk).update(starts_at=timezone.now() - dt.timedelta(hours=2))
    refresh_dues(program)
    toolbox = f.program(
        "Digital toolbox",
        slug="digital-toolbox",
        status=Program.Status.RUNNING,
        matching_mode=MatchingMode.SELF,
        require_training=False,
        start=today - dt.timedelta(days=7),
        end=today + dt.timedelta(days=150),
    )
    toolbox.managers.add(cast.manager)
    nadia = f.person("Nadia Haddad", department="Digital", with_user=True)
    f.competence(nadia, "genai", 4, 3)
    f.enrol(nadia, toolbox, Enrolment.Role.MENTOR)
    f.enrol(cast.mentee.person, toolbox, Enrolment.Role.MENTEE)
    return pair, first, toolbox, nadia


def _check(page, name: str) -> None:
    """axe-core and the width at both sizes, and a screenshot of each."""
    page.wait_for_load_state()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        assert_accessible(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"], f"{page.url} is {width}px wide at {size['width']}px"
        page.screenshot(path=str(SCREENSHOTS / f"home-{name}-{label}.png"), full_page=True)
    page.set_viewport_size(WIDTHS["desktop"])


def _home(page) -> None:
    page.click(".site-nav a[href='/']")
    page.wait_for_url("**/")
    _check(page, "mentee")


@pytest.mark.e2e
def test_a_mentee_and_a_mentor_walk_their_main_path_from_the_home_page(new_page, cast, journey):
    pair, first, toolbox, nadia = journey
    second = pair.meetings.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
    mentee = new_page()
    mentee.set_viewport_size(WIDTHS["desktop"])
    login(mentee, cast.mentee.email)
    _check(mentee, "mentee-start")
    assert mentee.locator(".site-nav a[href='/surveys/']").count() == 1  # a survey is due

    mentee.click(f".whats-next a[href='/mentorships/meetings/{second.pk}/prepare/']")
    mentee.wait_for_url(f"**/meetings/{second.pk}/prepare/")
    _check(mentee, "prepare")
    mentee.fill("#id_state_of_mind", "Curious")
    mentee.click("main form button[type=submit]")
    mentee.wait_for_url(f"**/meetings/{second.pk}/")
    assert Preparation.objects.filter(meeting=second).exists()

    _home(mentee)
    mentee.click(f".todo-list a[href='/mentorships/meetings/{first.pk}/log/']")
    mentee.wait_for_url(f"**/meetings/{first.pk}/log/")
    _check(mentee, "log")
    mentee.fill("#id_acquired", "Three prompt patterns")
    mentee.click("main form button[type=submit]")
    mentee.wait_for_url(f"**/meetings/{first.pk}/")
    assert MeetingLog.objects.get(meeting=first).acquired == "Three prompt patterns"

    _home(mentee)
    mentee.click(".todo-list a[href^='/surveys/']")
    mentee.wait_for_url("**/surveys/*/")
    _check(mentee, "survey")
    for question in mentee.locator("main form fieldset").all():
        question.locator("input[type=radio]").first.check()
    mentee.click("main form button[type=submit]")
    mentee.wait_for_url("**/surveys/")

    _home(mentee)
    assert mentee.locator(".site-nav a[href='/surveys/']").count() == 0  # nothing due now
    mentee.click(f".todo-list a[href='/me/mentors/{toolbox.slug}/']")
    mentee.wait_for_url(f"**/me/mentors/{toolbox.slug}/")
    _check(mentee, "choose")
    mentee.fill(f"#message-{nadia.pk}", "I would love to learn prompting from you")
    mentee.click(f"form:has(input[name=mentor][value='{nadia.pk}']) button[type=submit]")
    mentee.wait_for_url("**/me/requests/")
    _check(mentee, "requests-sent")
    request = MentorRequest.objects.get(program=toolbox)
    assert request.status == MentorRequest.Status.PENDING

    mentor = new_page()
    mentor.set_viewport_size(WIDTHS["desktop"])
    login(mentor, nadia.email)
    _check(mentor, "mentor")
    mentor.click(f".todo-list a[href='/me/requests/#request-{request.pk}']")
    mentor.wait_for_url(f"**/me/requests/#request-{request.pk}")
    assert "I would love to learn prompting" in mentor.inner_text("main")
    _check(mentor, "requests-received")
    mentor.click(f"form[action='/me/requests/{request.pk}/accept/'] button")
    mentor.wait_for_url(lambda url: "/mentorships/" in url)
    request.refresh_from_db()
    assert f"/mentorships/{request.mentorship_id}/" in mentor.url
    _check(mentor, "pair-made")
    assert request.status == MentorRequest.Status.ACCEPTED
    assert request.mentorship.status == Mentorship.Status.ACCEPTED
