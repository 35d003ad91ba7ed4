"""A participant's home: the next meeting with its prepare button, the to-do list (one link
per thing to do), the goals' progress, and the header links that appear when something is
due. Read in a number of queries that does not grow with the person's history."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem.insights.services.surveys import refresh_dues
from tandem.mentorships.models import Meeting, MeetingLog, MentorRequest, Mentorship
from tandem.mentorships.services import journal, lifecycle
from tandem.programs.models import Enrolment, MatchingMode, TrainingModule
from tandem.web.todos import (
    Reader,
    Todo,
    Urgency,
    collect,
    enrolments_of,
    places_of,
    urgency_of,
)
from tests import factories as f
from tests.factories import accept_all, participant, propose_pair, sign_all


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _todos(user) -> list[Todo]:
    from django.utils import timezone

    now = timezone.now()
    person = user.person
    rows = list(enrolments_of(person)), list(places_of(person))
    return collect(Reader(person, now, timezone.localdate(now), *rows))


def test_it_leads_a_pair_from_the_proposal_to_the_log_and_the_survey(client, cast, clock):
    pair = propose_pair(cast)
    kinds = [t.kind for t in _todos(cast.mentee)]
    assert kinds == ["proposal"]
    assert f'href="/mentorships/{pair.pk}/"' in _home(client, cast.mentee)

    accept_all(pair)
    (item,) = _todos(cast.mentor)
    assert (item.kind, item.url) == ("charter", f"/mentorships/{pair.pk}/charter/")
    sign_all(pair)
    first = pair.meetings.order_by("starts_at").first()
    page = _home(client, cast.mentee)
    assert "Your next meeting" in page
    assert f'href="/mentorships/meetings/{first.pk}/prepare/"' in page
    assert "Léa Bernard" in page  # with whom
    assert "Nothing to do right now" in page

    journal.write_preparation(first, cast.mentee, state_of_mind="curious")
    assert "Edit your preparation" in _home(client, cast.mentee)

    clock.move_to(first.starts_at + dt.timedelta(minutes=70))
    refresh_dues(cast.program)
    todos = {t.kind: t for t in _todos(cast.mentee)}
    assert set(todos) == {"log", "survey"}
    assert todos["log"].url == f"/mentorships/meetings/{first.pk}/log/"
    page = _home(client, cast.mentee)
    assert f'href="{todos["log"].url}"' in page and f'href="{todos["survey"].url}"' in page
    assert 'href="/surveys/"' in page  # the header's Surveys link, only while one is due
    second = pair.meetings.order_by("starts_at")[1]
    assert f'href="/mentorships/meetings/{second.pk}/prepare/"' in page

    clock.move_to(first.ends_at + dt.timedelta(minutes=5))
    journal.write_log(first, cast.mentor, acquired="prompts")
    assert [t.kind for t in _todos(cast.mentee)] == ["survey"]
    assert [t.kind for t in _todos(cast.mentor)] == ["survey"]


def test_it_shows_the_goals_progress(client, cast, clock):
    pair = sign_all(accept_all(propose_pair(cast)))
    goal = pair.goals.get(learner=participant(pair, cast.mentee))
    goal.level, goal.target_level = 1, 3
    goal.save()
    page = _home(client, cast.mentee)
    assert f'<progress id="goal-{goal.pk}" value="1" max="3"' in page
    assert f'href="/mentorships/goals/{goal.pk}/"' in page


def test_a_mentor_is_told_to_finish_the_training_and_the_header_links_to_it(client, cast, clock):
    module = TrainingModule.objects.order_by("position").first()
    cast.program.required_modules.add(module)
    (item,) = _todos(cast.mentor)
    url = f"/me/programs/{cast.program.slug}/training/{module.slug}/"
    assert (item.kind, item.url, item.due) == ("training", url, cast.program.start)
    assert item.urgency == Urgency.OVERDUE  # the program started yesterday
    page = _home(client, cast.mentor)
    assert f'href="{url}"' in page
    client.force_login(cast.mentor)
    other_page = client.get("/people/profile/").content.decode()
    assert f'href="/me/programs/{cast.program.slug}/training/"' in other_page
    assert not _todos(cast.mentee)  # mentees have no training
    f.passed(cast.mentor.person, module)  # its quiz passed
    assert not _todos(cast.mentor)
    assert "/training/" not in client.get("/people/profile/").content.decode()


def test_a_mentee_who_may_choose_is_told_to_until_they_ask_or_are_paired(client, cast, clock):
    cast.program.matching_mode = MatchingMode.BLENDED
    cast.program.save()
    choose = [t for t in _todos(cast.mentee) if t.kind == "choose-mentor"]
    assert [t.url for t in choose] == [f"/me/mentors/{cast.program.slug}/"]
    assert f'href="/me/mentors/{cast.program.slug}/"' in _home(client, cast.mentee)
    assert not [t for t in _todos(cast.mentor) if t.kind == "choose-mentor"]
    asked = MentorRequest.objects.create(
        program=cast.program,
        mentee=cast.mentee.person,
        mentor=cast.mentor.person,
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    assert "choose-mentor" not in [t.kind for t in _todos(cast.mentee)]
    asked.delete()
    propose_pair(cast)  # a proposal waiting for answers is a mentor already
    assert "choose-mentor" not in [t.kind for t in _todos(cast.mentee)]
    cast.program.matching_mode = MatchingMode.ENGINE
    cast.program.save()
    Mentorship.objects.all().delete()
    assert "choose-mentor" not in [t.kind for t in _todos(cast.mentee)]


def test_a_mentor_asked_by_a_mentee_is_told_to_answer_and_nobody_else(cast, clock):
    cast.program.matching_mode = MatchingMode.SELF
    cast.program.save()
    asked = MentorRequest.objects.create(
        program=cast.program,
        mentee=cast.mentee.person,
        mentor=cast.mentor.person,
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    (item,) = [t for t in _todos(cast.mentor) if t.kind == "request"]
    assert item.url == f"/me/requests/#request-{asked.pk}" and "Jean Moreau" in item.label
    assert item.due == timezone.localdate(asked.expires_at)
    with CaptureQueriesContext(connection) as mentee_reads:
        assert "request" not in [t.kind for t in _todos(cast.mentee)]
    asked_of = '"mentorships_mentorrequest"."mentor_id" ='  # a mentee is asked nothing
    assert not any(asked_of in q["sql"] for q in mentee_reads.captured_queries)
    with CaptureQueriesContext(connection) as mentor_reads:
        _todos(cast.mentor)
    assert any(asked_of in q["sql"] for q in mentor_reads.captured_queries)


def test_urgency_follows_the_due_date():
    today = dt.date(2026, 3, 10)
    assert urgency_of(None, today) == Urgency.LATER
    assert urgency_of(dt.date(2026, 3, 9), today) == Urgency.OVERDUE
    assert urgency_of(dt.date(2026, 3, 12), today) == Urgency.SOON
    assert urgency_of(dt.date(2026, 3, 20), today) == Urgency.LATER


def _history(cast, pair, n: int) -> None:
    """n more past meetings with logs and n more goals, a circle in a second program."""
    starts = pair.meetings.order_by("starts_at").first().starts_at
    for k in range(n):
        meeting = Meeting.objects.create(
            mentorship=pair,
            starts_at=starts - dt.timedelta(days=7 * (k + 1)),
            status=Meeting.Status.HELD,
        )
        MeetingLog.objects.create(meeting=meeting, acquired="x")
        pair.goals.create(learner=participant(pair, cast.mentee), title=f"Goal {k}")
    other = f.program(f"Circle {n}", slug=f"circle-{n}", format="circle")
    other.managers.add(cast.manager)
    mentors = [f.person(f"Mentor {n}-{k}") for k in range(2)]
    for mentor in mentors:
        f.competence(mentor, "genai", 3, 2)
        f.enrol(mentor, other, Enrolment.Role.MENTOR)
    f.enrol(cast.mentee.person, other, Enrolment.Role.MENTEE)
    lifecycle.create_mentorship(other, mentors, [cast.mentee.person], cast.manager)


@pytest.mark.parametrize("who", ["mentee", "mentor"])
def test_the_home_reads_a_fixed_number_of_queries_whatever_the_history(client, cast, clock, who):
    pair = sign_all(accept_all(propose_pair(cast)))
    user = getattr(cast, who)
    _history(cast, pair, 1)
    client.force_login(user)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    _history(cast, pair, 6)
    planned = pair.meetings.filter(status=Meeting.Status.PLANNED).order_by("starts_at")
    clock.move_to(planned.first().starts_at + dt.timedelta(hours=2))
    refresh_dues(cast.program)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/").content.decode()
    assert "Answer the survey" in page
    assert len(many.captured_queries) == len(few.captured_queries) <= 19


def test_a_colleague_asked_for_an_endorsement_finds_it_in_the_to_do_list(client, cast, clock):
    from django.urls import reverse

    from tandem.people.services.endorsements import answer_endorsement, request_endorsement

    competence = f.competence(cast.mentor.person, "cyber", 2, 0)  # self-declared
    asked = request_endorsement(competence, cast.mentee.person, actor=cast.mentor)
    (item,) = [t for t in _todos(cast.mentee) if t.kind == "endorsement"]
    assert item.url == reverse("people:endorsements")
    assert cast.mentor.person.full_name in item.label and "Cybersecurity" in item.label
    assert f'href="{item.url}"' in _home(client, cast.mentee)
    answer_endorsement(asked, actor=cast.mentee, give=True)
    assert not [t for t in _todos(cast.mentee) if t.kind == "endorsement"]
