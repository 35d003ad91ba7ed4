"""Mentorships through the API: answering a proposal, the charter, goals, meetings (move,
held, missed), preparations and logs for the pair alone, the calendar link."""

import datetime as dt

from tandem.mentorships.models import Meeting, MeetingLog, Mentorship


def test_it_walks_a_proposal_to_an_active_pair_with_version_checks(api, cast, clock):
    from tandem.mentorships.services import lifecycle

    m = lifecycle.create_mentorship(
        cast.program, [cast.mentor.person], [cast.mentee.person], cast.manager
    )
    listed = api.get("/mentorships?status=proposed&role=mentee", as_=cast.mentee).json()
    assert [item["id"] for item in listed["items"]] == [m.pk]
    stale = api.post(f"/mentorships/{m.pk}/accept", as_=cast.mentee, headers={"If-Match": "7"})
    assert stale.status_code == 409
    # a header that is no version at all is a malformed request, named by its field
    for header in ("abc", "²", "-1"):  # "²" passes str.isdigit() but is no number for int()
        bad = api.post(f"/mentorships/{m.pk}/accept", as_=cast.mentee, headers={"If-Match": header})
        assert bad.status_code == 400
        assert [e["field"] for e in bad.json()["errors"]] == ["If-Match"]
    huge = api.post(f"/mentorships/{m.pk}/accept", as_=cast.mentee, headers={"If-Match": "9" * 30})
    assert huge.status_code == 409  # a version beyond any integer column is only stale
    assert Mentorship.objects.get(pk=m.pk).version == 1
    first = api.post(f"/mentorships/{m.pk}/accept", as_=cast.mentee, headers={"If-Match": "1"})
    assert first.json()["version"] == 2
    api.post(f"/mentorships/{m.pk}/accept", as_=cast.mentor)
    for user in (cast.mentee, cast.mentor):
        response = api.post(f"/mentorships/{m.pk}/charter", as_=user)
    assert response.json()["status"] == Mentorship.Status.ACTIVE
    assert Meeting.objects.filter(mentorship=m).exists()
    assert (
        api.get(f"/mentorships?program={cast.program.pk}", as_=cast.outsider).json()["count"] == 0
    )


def test_it_shows_goal_notes_to_the_pair_only(api, world):
    pair = world.pair
    learner = pair.participants.get(role="mentee")
    body = {"learner": learner.pk, "title": "Prompting", "topic": "genai", "notes": "secret"}
    created = api.post(f"/mentorships/{pair.pk}/goals", body, as_=world.cast.mentee)
    assert created.status_code == 201
    goal_id = created.json()["id"]
    by_coach = api.get(f"/mentorships/{pair.pk}/goals", as_=world.cast.coach).json()["items"]
    assert {g["notes"] for g in by_coach} == {None}
    mine = api.get(f"/mentorships/{pair.pk}/goals", as_=world.cast.mentee).json()["items"]
    assert "secret" in {g["notes"] for g in mine}
    changed = api.patch(f"/goals/{goal_id}", {"status": "in_progress"}, as_=world.cast.mentor)
    assert changed.json()["status"] == "in_progress"
    assert api.patch(f"/goals/{goal_id}", {"title": "x"}, as_=world.cast.coach).status_code == 404


def test_it_moves_a_meeting_and_marks_it_held_or_missed(api, world, clock):
    meeting = world.meeting
    later = (meeting.starts_at + dt.timedelta(days=2)).isoformat()
    moved = api.post(f"/meetings/{meeting.pk}/move", {"starts_at": later}, as_=world.cast.mentee)
    assert moved.status_code == 200 and moved.json()["sequence"] == 1
    past = api.post(
        f"/meetings/{meeting.pk}/move",
        {"starts_at": "2020-01-01T10:00:00+01:00"},
        as_=world.cast.mentee,
    )
    assert past.status_code == 400
    early = api.post(f"/meetings/{meeting.pk}/status", {"status": "held"}, as_=world.cast.mentor)
    assert early.status_code == 400
    clock.move_to(meeting.starts_at + dt.timedelta(days=3))
    held = api.post(f"/meetings/{meeting.pk}/status", {"status": "missed"}, as_=world.cast.mentor)
    assert held.json()["status"] == "missed"
    by_manager = api.post(
        f"/meetings/{meeting.pk}/status", {"status": "held"}, as_=world.cast.manager
    )
    assert by_manager.status_code == 403  # only the pair says it was held


def test_it_keeps_logs_and_preparations_within_the_pair(api, world, clock):
    meeting = world.meeting
    prep = {"topics_to_raise": "Copilot in Excel"}
    assert (
        api.put(f"/meetings/{meeting.pk}/preparation", prep, as_=world.cast.mentee).status_code
        == 200
    )
    clock.move_to(meeting.starts_at + dt.timedelta(hours=2))
    goal = world.pair.goals.order_by("pk").first()
    log = {
        "acquired": "A first prompt",
        "mentor_learned": "The budget cycle",
        "next_topic_refs": ["cyber"],
        "progress": [{"goal": goal.pk, "level": 1}],
    }
    response = api.put(f"/meetings/{meeting.pk}/log", log, as_=world.cast.mentor)
    assert response.status_code == 200
    assert response.json()["next_topic_refs"] == ["cyber"]
    assert MeetingLog.objects.get(meeting=meeting).meeting.status == Meeting.Status.HELD
    assert api.get(f"/meetings/{meeting.pk}/log", as_=world.cast.mentee).json()["acquired"] == (
        "A first prompt"
    )
    for user in (world.cast.other_member, world.cast.manager, world.cast.coach):
        assert api.get(f"/meetings/{meeting.pk}/log", as_=user).status_code == 404
        assert api.get(f"/meetings/{meeting.pk}/preparations", as_=user).status_code == 404
    other = api.put(f"/meetings/{world.other_meeting.pk}/log", log, as_=world.cast.mentor)
    assert other.status_code == 404


def test_it_refuses_a_log_for_a_meeting_still_to_come_with_the_reason(api, world, clock):
    meeting = world.meeting
    clock.move_to(meeting.starts_at - dt.timedelta(hours=1))
    response = api.put(f"/meetings/{meeting.pk}/log", {"acquired": "early"}, as_=world.cast.mentor)
    assert response.status_code == 400
    assert "has not taken place yet" in response.json()["detail"]
    assert not MeetingLog.objects.filter(meeting=meeting).exists()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_it_issues_a_private_calendar_link(api, world):
    response = api.post("/calendar/link", as_=world.cast.mentee)
    assert response.status_code == 201
    url = response.json()["url"]
    assert api.client.get(url.split("testserver", 1)[1]).status_code == 200
    assert api.delete("/calendar/link", as_=world.cast.mentee).status_code == 204
    assert api.client.get(url.split("testserver", 1)[1]).status_code == 404


def test_it_lists_a_coachs_pairs_but_none_to_the_sponsor(api, world):
    coach = api.get("/mentorships", as_=world.cast.coach).json()
    assert coach["count"] == 2  # the program's coach sees both pairs
    assert api.get("/mentorships", as_=world.cast.sponsor).json()["count"] == 0
