"""The calendar link page and the coach's health page."""

import datetime as dt
import re

from tandem.mentorships.services import journal
from tests.mentorships.views_helpers import sign_in, text


def _link(page: str) -> str:
    match = re.search(r'value="(http://testserver/calendar/[^"]+\.ics)"', page)
    assert match, page
    return match.group(1)


def test_it_shows_the_calendar_link_once(client, cast, active_pair):
    sign_in(client, cast.mentee)
    assert "no active calendar link" in text(client.get("/mentorships/calendar/"))
    page = text(client.post("/mentorships/calendar/link/"))
    url = _link(page)
    assert "Outlook" in page and "Google Calendar" in page
    assert url.split("/")[-1] not in text(client.get("/mentorships/calendar/"))
    feed = client.get(url.replace("http://testserver", ""))
    assert feed.status_code == 200 and b"BEGIN:VEVENT" in feed.content


def test_it_regenerates_and_revokes_the_link(client, cast, active_pair):
    sign_in(client, cast.mentee)
    first = _link(text(client.post("/mentorships/calendar/link/")))
    second = _link(text(client.post("/mentorships/calendar/link/")))
    assert client.get(first.replace("http://testserver", "")).status_code == 404
    client.post("/mentorships/calendar/revoke/")
    assert client.get(second.replace("http://testserver", "")).status_code == 404
    assert client.get("/mentorships/calendar/revoke/").status_code == 405


def test_it_shows_the_coach_health_but_no_text(client, cast, active_pair, clock):
    first = active_pair.meetings.order_by("starts_at").first()
    journal.write_preparation(first, cast.mentee, state_of_mind="very private mood")
    clock.move_to(first.ends_at + dt.timedelta(minutes=1))
    journal.write_log(first, cast.mentor, acquired="secret acquired text")
    page = text(sign_in(client, cast.coach).get("/coach/"))
    assert "Léa Bernard" in page and "Jean Moreau" in page
    assert "Active" in page
    assert "very private mood" not in page and "secret acquired text" not in page
    assert f"/mentorships/{active_pair.pk}/" not in page
    pair_url = f"/programs/{cast.program.slug}/pairs/{active_pair.pk}/"
    assert pair_url in page
    pair_page = text(client.get(pair_url))
    for goal in active_pair.goals.select_related("topic"):
        assert goal.topic.name in pair_page
    assert "very private mood" not in pair_page and "secret acquired text" not in pair_page


def test_it_shows_an_outsider_no_pair(client, cast, active_pair):
    page = text(sign_in(client, cast.outsider).get("/coach/"))
    assert "You supervise no pair yet" in page and "Léa Bernard" not in page


def test_it_links_the_coach_s_home_to_the_health_page(client, cast, active_pair):
    assert 'href="/coach/"' in text(sign_in(client, cast.coach).get("/"))
