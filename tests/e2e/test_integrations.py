"""Chat and calendar settings in the browser: a manager sets the program's Teams channel,
invitations and video room; a mentor chooses chat, connects a calendar address and imports
competences from a LinkedIn export; the meeting page shows the room and the answers. Each page
is checked with axe-core and at 375 px."""

import datetime as dt
import zipfile

import pytest
from django.utils import timezone

from tandem.mentorships.services import lifecycle
from tandem.people.models import Competence, ContactPreference
from tandem.programs.models import ProgramIntegration
from tests.e2e.conftest import assert_accessible, assert_no_horizontal_scroll, login, screenshot

pytestmark = pytest.mark.e2e


def _checked(page, name: str):
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    screenshot(page, name)


@pytest.fixture
def chat_on(settings):
    settings.TANDEM_SLACK_BOT_TOKEN = "xoxb-not-used"
    settings.TANDEM_CHAT_WEBHOOKS = True
    settings.TANDEM_FREEBUSY = True


def test_a_manager_sets_the_programs_channel_and_invitations(page, cast, chat_on):
    login(page, cast.manager.email)
    page.goto(f"/programs/{cast.program.slug}/")
    page.click(f"a[href='/programs/{cast.program.slug}/integrations/']")
    page.select_option("#id_chat_kind", "teams_webhook")
    page.fill("#id_chat_webhook", "https://acme.webhook.office.com/webhookb2/abc")
    page.check("#id_calendar_invitations")
    page.fill("#id_video_template", "https://meet.example.com/acme-{program}-{pair}")
    page.click("form[action$='/integrations/'] button[type=submit]")
    page.wait_for_selector("ul.messages li.success")
    saved = ProgramIntegration.objects.get(program=cast.program)
    assert saved.chat_kind == "teams_webhook" and saved.calendar_invitations
    assert "webhookb2/abc" not in page.content()
    _checked(page, "integrations-program")


def test_a_mentor_chooses_chat_and_imports_linkedin_skills(page, cast, chat_on, tmp_path):
    login(page, cast.mentor.email)
    page.goto("/people/profile/")
    page.click("a[href='/people/profile/notices/']")
    page.check("input[name=channel][value=both]")
    page.click("form[action='/people/profile/notices/'] button[type=submit]")
    page.wait_for_url("**/people/profile/notices/#notices")
    assert ContactPreference.objects.get(person=cast.mentor.person).channel == "both"
    _checked(page, "integrations-notices")

    archive = tmp_path / "Basic_LinkedInDataExport.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("Skills.csv", "Name\nPrompt Engineering\nCybersécurité\n")
    page.goto("/people/profile/")
    page.click("a[href='/people/profile/linkedin/']")
    page.set_input_files("#id_export", str(archive))
    page.click("form[action='/people/profile/linkedin/'] button[type=submit]")
    page.wait_for_selector("input[name=topic][value=prompting]")
    _checked(page, "integrations-linkedin")
    page.check("input[name=topic][value=prompting]")
    page.select_option("#level-prompting", "3")
    page.click("form[action='/people/profile/linkedin/confirm/'] button[type=submit]")
    page.wait_for_url("**/people/profile/#competences")
    added = Competence.objects.get(person=cast.mentor.person, topic__slug="prompting")
    assert (added.level, added.evidence) == (3, 0)
    assert not Competence.objects.filter(person=cast.mentor.person, topic__slug="cyber").exists()


def test_the_meeting_page_shows_the_room_and_the_answers(page, cast):
    today = timezone.localdate()
    program = cast.program
    program.start, program.end = today - dt.timedelta(days=7), today + dt.timedelta(days=150)
    program.save()
    pair = lifecycle.create_mentorship(
        cast.program, [cast.mentor.person], [cast.mentee.person], cast.manager
    )
    for participant in pair.participants.select_related("person__user"):
        lifecycle.accept_proposal(participant, participant.person.user)
    pair.refresh_from_db()
    for participant in pair.participants.select_related("person__user"):
        lifecycle.sign_charter(participant, participant.person.user)
    login(page, cast.mentee.email)
    page.goto(f"/mentorships/{pair.pk}/")
    page.fill("#id_url", "https://teams.example.com/l/meetup-join/abc")
    page.click(f"form[action='/mentorships/{pair.pk}/video/'] button[type=submit]")
    page.wait_for_url(f"**/mentorships/{pair.pk}/")
    _checked(page, "integrations-mentorship")
    meeting = pair.meetings.order_by("starts_at").first()
    page.goto(f"/mentorships/meetings/{meeting.pk}/")
    assert "https://teams.example.com/l/meetup-join/abc" in page.content()
    _checked(page, "integrations-meeting")
