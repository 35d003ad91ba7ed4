"""The schedule, preparing, moving, marking held or missed, the log and the .ics."""

import datetime as dt
import re

import pytest

from tandem.mentorships.models import Meeting, MeetingLog, Preparation
from tandem.mentorships.services import goals, journal
from tandem.people.models import Topic
from tests import factories as f
from tests.factories import accept_all, sign_all
from tests.mentorships.views_helpers import sign_in, strangers, text

UTC = dt.UTC


@pytest.fixture
def first(active_pair) -> Meeting:
    return active_pair.meetings.order_by("starts_at").first()


def other_pair(cast):
    """A second pair of the same program: the other member mentors the outsider."""
    f.enrol(cast.outsider.person, cast.program, "mentee")
    f.need(cast.outsider.person, "genai")
    f.competence(cast.other_member.person, "genai")
    from tandem.mentorships.services import lifecycle

    mentorship = lifecycle.create_mentorship(
        cast.program, [cast.other_member.person], [cast.outsider.person], cast.manager
    )
    return sign_all(accept_all(mentorship))


def test_it_shows_the_next_meeting_in_the_person_s_time_zone(client, cast, first):
    person = cast.mentee.person
    person.timezone = "America/New_York"
    person.save()
    page = text(sign_in(client, cast.mentee).get(f"/mentorships/{first.mentorship_id}/"))
    local = first.starts_at.astimezone(dt.timezone(dt.timedelta(hours=-5)))
    assert f'datetime="{local.isoformat()}"' in page
    assert "America/New_York" in page


@pytest.mark.parametrize("page", ["", "prepare/", "log/", "move/", "invite.ics"])
def test_it_hides_a_meeting_s_pages_from_everyone_but_the_pair(client, cast, first, page):
    journal.write_preparation(first, cast.mentee, state_of_mind="secret mood")
    for who, user in strangers(cast).items():
        client.logout()
        response = sign_in(client, user).get(f"/mentorships/meetings/{first.pk}/{page}")
        assert response.status_code == 404, who


def test_it_saves_a_preparation_the_partner_can_read(client, cast, first):
    sign_in(client, cast.mentee)
    response = client.post(
        f"/mentorships/meetings/{first.pk}/prepare/",
        {"state_of_mind": "curious", "topics_to_raise": "prompts", "targeted_learning": "x"},
    )
    assert response.status_code == 302
    assert Preparation.objects.get(meeting=first).topics_to_raise == "prompts"
    client.logout()
    page = text(sign_in(client, cast.mentor).get(f"/mentorships/meetings/{first.pk}/"))
    assert "prompts" in page and "Jean Moreau" in page


def test_it_refuses_a_move_outside_the_program_and_keeps_the_input(client, cast, first):
    sign_in(client, cast.mentor)
    url = f"/mentorships/meetings/{first.pk}/move/"
    response = client.post(url, {"starts_at": "2027-03-01T10:00"})
    page = text(response)
    assert response.status_code == 200
    assert "within the program" in page
    assert 'value="2027-03-01T10:00"' in page
    assert 'aria-invalid="true"' in page
    assert Meeting.objects.get(pk=first.pk).starts_at == first.starts_at
    response = client.post(url, {})
    assert "This field is required" in text(response)


def test_it_moves_a_meeting_in_the_person_s_time_zone(client, cast, first):
    sign_in(client, cast.mentor).post(
        f"/mentorships/meetings/{first.pk}/move/", {"starts_at": "2026-01-20T15:30"}
    )
    first.refresh_from_db()
    assert first.starts_at == dt.datetime(2026, 1, 20, 14, 30, tzinfo=UTC)  # Paris, winter
    assert first.sequence == 1


def test_it_marks_a_meeting_held_with_htmx_and_with_a_plain_post(client, cast, first, clock):
    sign_in(client, cast.mentor)
    url = f"/mentorships/meetings/{first.pk}/status/"
    response = client.post(url, {"status": "held"}, headers={"HX-Request": "true"})
    assert "once it has begun" in text(response)
    assert "<html" not in text(response)
    clock.move_to(first.ends_at)
    response = client.post(url, {"status": "held"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Held" in text(response)
    first.refresh_from_db()
    assert first.status == Meeting.Status.HELD
    response = client.post(url, {"status": "missed"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Meeting.Status.MISSED
    response = client.post(url, {"status": "nonsense"}, follow=True)
    assert "Choose held, missed or cancelled" in text(response)


def test_it_writes_the_log_with_progress_and_marks_the_meeting_held(client, cast, first, clock):
    goal = first.mentorship.goals.get(learner__role="mentee")
    clock.move_to(first.ends_at + dt.timedelta(minutes=5))
    sign_in(client, cast.mentor)
    url = f"/mentorships/meetings/{first.pk}/log/"
    assert goal.title in text(client.get(url))
    response = client.post(
        url,
        {
            "acquired": "prompt patterns",
            "mentor_learned": "budget cycles",
            "mentee_learned": "prompting",
            "next_topic_refs": [f.topic("cyber").pk],
            f"level_{goal.pk}": "2",
            f"status_{goal.pk}": "in_progress",
            **{f"status_{g.pk}": g.status for g in first.mentorship.goals.exclude(pk=goal.pk)},
        },
    )
    assert response.status_code == 302, text(response)
    log = MeetingLog.objects.get(meeting=first)
    assert log.mentor_learned == "budget cycles"
    goal.refresh_from_db()
    assert goal.level == 2 and goal.status == "in_progress"
    first.refresh_from_db()
    assert first.status == Meeting.Status.HELD
    page = text(client.get(f"/mentorships/meetings/{first.pk}/"))
    assert "budget cycles" in page
    again = client.get(url).content.decode()  # the saved topic is ticked when opened again
    cyber = f.topic("cyber").pk
    assert re.search(
        rf'<input type="checkbox" name="next_topic_refs" value="{cyber}"[^>]*checked', again
    )
    outside = Topic.objects.exclude(slug__in=["genai", "cyber"]).first()
    refused = client.post(url, {"acquired": "x", "next_topic_refs": [outside.pk]})
    assert refused.status_code == 200 and "next_topic_refs" in refused.context["form"].errors


def test_it_refuses_a_log_before_the_meeting_without_writing(client, cast, first):
    goal_ids = list(first.mentorship.goals.values_list("pk", "status"))
    data = {"acquired": "too early", **{f"status_{pk}": st for pk, st in goal_ids}}
    sign_in(client, cast.mentor)
    url = f"/mentorships/meetings/{first.pk}/log/"
    for response in (client.get(url, follow=True), client.post(url, data, follow=True)):
        assert response.redirect_chain == [(f"/mentorships/meetings/{first.pk}/", 302)]
        assert "has not taken place yet" in text(response)
    assert not MeetingLog.objects.exists()
    first.refresh_from_db()
    assert first.status == Meeting.Status.PLANNED


def test_it_offers_the_log_only_for_a_meeting_that_took_place(client, cast, first, clock):
    sign_in(client, cast.mentor)
    log_link = f'href="/mentorships/meetings/{first.pk}/log/"'
    assert log_link not in text(client.get(f"/mentorships/meetings/{first.pk}/"))
    assert log_link not in text(client.get(f"/mentorships/{first.mentorship_id}/"))
    clock.move_to(first.starts_at + dt.timedelta(minutes=1))
    assert log_link in text(client.get(f"/mentorships/meetings/{first.pk}/"))
    assert log_link in text(client.get(f"/mentorships/{first.mentorship_id}/"))
    journal_refusal = journal.log_refusal
    Meeting.objects.filter(pk=first.pk).update(status=Meeting.Status.CANCELLED)
    first.refresh_from_db()
    assert "cancelled" in journal_refusal(first)
    assert log_link not in text(client.get(f"/mentorships/meetings/{first.pk}/"))


def test_it_refuses_another_pair_s_meeting_and_topics(client, cast, first, clock):
    other = Meeting.objects.create(mentorship=other_pair(cast), starts_at=first.starts_at)
    sign_in(client, cast.mentor)
    response = client.post(f"/mentorships/meetings/{other.pk}/prepare/", {"state_of_mind": "x"})
    assert response.status_code == 404
    response = client.post(f"/mentorships/meetings/{first.pk}/agenda/", {"topics": ["999999"]})
    assert response.status_code == 302
    assert not first.agenda_topics.exists()
    assert not Preparation.objects.exists()


def test_it_saves_the_agenda(client, cast, first):
    cyber = f.topic("cyber")
    sign_in(client, cast.mentee).post(
        f"/mentorships/meetings/{first.pk}/agenda/", {"topics": [cyber.pk]}
    )
    assert list(first.agenda_topics.all()) == [cyber]


def test_it_serves_one_meeting_as_an_ics_invitation(client, cast, first):
    response = sign_in(client, cast.mentee).get(f"/mentorships/meetings/{first.pk}/invite.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content and b"METHOD:REQUEST" in response.content


def test_it_reads_the_mentorship_page_in_constant_queries(
    client, cast, active_pair, django_assert_max_num_queries
):
    sign_in(client, cast.mentee)
    url = f"/mentorships/{active_pair.pk}/"
    client.get(url)  # warm the session and caches
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    mentee = active_pair.participants.get(role="mentee")
    start = active_pair.meetings.order_by("-starts_at").first().starts_at
    for i in range(15):
        meeting = Meeting.objects.create(
            mentorship=active_pair, starts_at=start + dt.timedelta(days=i + 1)
        )
        Preparation.objects.create(meeting=meeting, author=mentee, state_of_mind="ok")
        goal = goals.add_goal(active_pair, cast.mentee, learner=mentee, title=f"Goal {i}")
        goals.add_milestone(goal, cast.mentee, f"Step {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
