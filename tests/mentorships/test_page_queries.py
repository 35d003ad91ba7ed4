"""The pair's pages read a fixed number of queries whatever the number of meetings, goals
and logs (bench/load.py: the meeting page read the meeting, the participant and the log twice
and the goals five times). Each test reads a page, adds rows, reads it again and compares."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.mentorships.models import Goal, Meeting, Mentorship
from tandem.mentorships.services import goals, journal
from tandem.people.models import Topic
from tests.factories import participant
from tests.mentorships.views_helpers import sign_in, text


def _add_goals(mentorship: Mentorship, cast, n: int) -> None:
    for i in range(n):
        for user in (cast.mentor, cast.mentee):
            goals.add_goal(
                mentorship,
                user,
                learner=participant(mentorship, user),
                title=f"Goal {i} of {user.person.full_name}",
                topic=Topic.objects.get(slug="genai"),
            )


def _add_logged_meetings(mentorship: Mentorship, cast, n: int) -> None:
    """``n`` past meetings, each with a log naming next topics and progress on every goal."""
    start = mentorship.meetings.order_by("starts_at").first().starts_at
    topics = list(mentorship.program.topics.all())
    for i in range(n):
        meeting = Meeting.objects.create(
            mentorship=mentorship, starts_at=start - dt.timedelta(days=7 * (i + 1))
        )
        progress = [{"goal": g, "level": 2} for g in mentorship.goals.all()]
        journal.write_log(
            meeting, cast.mentor, next_topic_refs=topics, progress=progress, acquired=f"x{i}"
        )


def _count(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries), text(response)


@pytest.fixture
def busy_pair(active_pair, cast):
    _add_goals(active_pair, cast, 1)
    _add_logged_meetings(active_pair, cast, 2)
    return active_pair


def test_it_reads_the_meeting_page_in_the_same_queries_for_few_or_many_rows(
    client, cast, busy_pair
):
    meeting = busy_pair.meetings.filter(log__isnull=False).last()  # after another log
    url = f"/mentorships/meetings/{meeting.pk}/"
    sign_in(client, cast.mentee)
    client.get(url)  # the session's first read may touch it
    few, _page = _count(client, url)
    _add_goals(busy_pair, cast, 4)
    _add_logged_meetings(busy_pair, cast, 5)
    journal.set_agenda(meeting, cast.mentee, [], list(busy_pair.goals.all()[:2]))
    many, page = _count(client, url)
    assert many == few
    # It was 22 on a page with a log (bench/load.py); +1: the header asks whether a survey or
    # a training module is due.
    assert many <= 16
    assert "Goal 3 of" in page  # the new goals are choices of the agenda form


def test_it_proposes_the_last_log_s_topics_and_the_open_goals_on_a_future_meeting(
    client, cast, busy_pair
):
    future = busy_pair.meetings.filter(log__isnull=True).order_by("starts_at").first()
    url = f"/mentorships/meetings/{future.pk}/"
    sign_in(client, cast.mentor)
    client.get(url)
    few, _page = _count(client, url)
    _add_goals(busy_pair, cast, 3)
    many, page = _count(client, url)
    assert many == few
    agenda = journal.propose_agenda(future, cast.mentor)
    open_goals = busy_pair.goals.filter(status__in=journal.OPEN_GOALS)
    assert {g.pk for g in agenda["goals"]} == set(open_goals.values_list("pk", flat=True))
    assert agenda["topics"]  # the last log's next topics, within the program's
    for goal in agenda["goals"]:  # proposed: checked in the form
        assert re.search(rf'name="goals" value="{goal.pk}" id="[^"]+" checked', page)


def test_it_reads_the_mentorship_page_in_the_same_queries_for_few_or_many_rows(
    client, cast, busy_pair
):
    url = f"/mentorships/{busy_pair.pk}/"
    sign_in(client, cast.mentor)
    client.get(url)
    few, _page = _count(client, url)
    _add_goals(busy_pair, cast, 4)
    _add_logged_meetings(busy_pair, cast, 5)
    many, page = _count(client, url)
    assert many == few
    assert many <= 10  # it was 14 (bench/load.py)
    assert "Goal 3 of" in page


def test_it_reads_a_goal_page_in_the_same_queries_for_few_or_many_rows(client, cast, busy_pair):
    goal = busy_pair.goals.first()
    url = f"/mentorships/goals/{goal.pk}/"
    sign_in(client, cast.mentor)
    client.get(url)
    few, _page = _count(client, url)
    _add_goals(busy_pair, cast, 4)
    many, _page = _count(client, url)
    assert many == few
    assert many <= 8


def test_it_still_hides_the_pages_from_a_participant_who_declined(client, cast, busy_pair):
    mine = participant(busy_pair, cast.mentee)
    mine.answer = mine.Answer.DECLINED
    mine.save()
    meeting = busy_pair.meetings.first()
    goal = Goal.objects.filter(mentorship=busy_pair).first()
    sign_in(client, cast.mentee)
    for url in (
        f"/mentorships/{busy_pair.pk}/",
        f"/mentorships/meetings/{meeting.pk}/",
        f"/mentorships/goals/{goal.pk}/",
    ):
        assert client.get(url).status_code == 404, url
