"""Insights through the API: metrics with the k ≥ 5 rule, alerts, and surveys answered and
read back by their respondent alone."""

from tandem.insights.services.surveys import refresh_dues
from tests.insights import builders as b


def test_it_hides_figures_over_fewer_than_five_people(api, world):
    metrics = api.get(f"/programs/{world.program.pk}/metrics", as_=world.cast.sponsor).json()
    active = metrics["participation"]["active"]
    assert active == {"value": None, "hidden": True, "text": active["text"]}
    assert metrics["participation"]["enrolled"]["hidden"] is True  # four people enrolled
    b.pairs(world.program, 3)
    metrics = api.get(f"/programs/{world.program.pk}/metrics", as_=world.cast.manager).json()
    assert metrics["participation"]["active"] == {"value": 5, "hidden": False, "text": "5"}


def test_it_lets_the_respondent_alone_answer_and_read_a_survey(api, world):
    refresh_dues(world.program)
    due = api.get("/surveys/due", as_=world.cast.mentee).json()["items"][0]
    answers = {q["field"]: q["choices"][0]["value"] for q in due["questions"]}
    url = f"/surveys/due/{due['id']}/answers"
    assert api.post(url, {"answers": answers}, as_=world.cast.mentor).status_code == 404
    assert api.post(url, {"answers": {}}, as_=world.cast.mentee).status_code == 400
    response = api.post(url, {"answers": answers}, as_=world.cast.mentee)
    assert response.status_code == 200
    assert response.json()["answers"] == answers
    assert api.get(url, as_=world.cast.manager).status_code == 404
    assert api.post(url, {"answers": answers}, as_=world.cast.mentee).status_code == 400


def test_it_lists_alerts_to_the_pairs_supervisors(api, world):
    from django.utils import timezone

    from tandem.insights.models import Alert

    Alert.objects.create(
        program=world.program,
        mentorship=world.pair,
        kind="no-goal",
        opened_at=timezone.now(),
        params={"first_meeting": "2026-03-02"},
    )
    url = f"/alerts?program={world.program.pk}&open=true"
    item = api.get(url, as_=world.cast.coach).json()["items"][0]
    assert item["kind"] == "no-goal" and item["params"] == {"first_meeting": "2026-03-02"}
    assert item["text"] == "No goal set, though the pair has met (last on 2 March 2026)."
    assert api.get(url, as_=world.cast.manager).json()["count"] == 1
    for user in (world.cast.mentor, world.cast.outsider):
        assert api.get(url, as_=user).json()["count"] == 0
