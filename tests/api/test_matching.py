"""Matching through the API: dry and kept runs with scores and reasons, the unmatched with
theirs, locked and forbidden pairs, publishing into mentorships."""

from tandem.matching.models import MatchingRun, PairDecision
from tandem.mentorships.models import Mentorship


def test_it_runs_dry_without_keeping_anything(api, cast):
    url = f"/programs/{cast.program.pk}/matching/runs"
    response = api.post(url, {"dry_run": True}, as_=cast.manager)
    assert response.status_code == 201
    run = response.json()
    assert run["id"] is None and run["dry_run"] is True
    assert not MatchingRun.objects.exists()
    pair = run["proposals"][0]
    assert [m["full_name"] for m in pair["mentees"]] == ["Jean Moreau"]
    assert pair["score"] > 0 and pair["reasons"]


def test_it_keeps_a_run_with_its_unmatched_and_publishes_it(api, cast, early_in_the_programs):
    url = f"/programs/{cast.program.pk}/matching/runs"
    run = api.post(url, {}, as_=cast.manager).json()
    assert run["id"] is not None
    read = api.get(f"/matching/runs/{run['id']}", as_=cast.manager).json()
    assert read["proposals"] == run["proposals"]
    unmatched = {u["person"]["full_name"]: u for u in read["unmatched"]}
    assert unmatched["Inès Garcia"]["reasons"]  # a mentor nobody needed, with the reason
    assert api.get(f"/matching/runs/{run['id']}", as_=cast.mentor).status_code == 404
    listed = api.get(f"/programs/{cast.program.pk}/matching/runs", as_=cast.manager).json()
    assert [r["id"] for r in listed["items"]] == [run["id"]]
    published = api.post(f"/matching/runs/{run['id']}/publish", as_=cast.manager)
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert published.json()["new_pairs"] == 1 and published.json()["program_status"] == "running"
    assert published.json()["message"].startswith("1 new pair proposed; 2 emails")
    assert Mentorship.objects.filter(program=cast.program).count() == 1
    again = api.post(f"/matching/runs/{run['id']}/publish", as_=cast.manager)
    assert again.status_code == 400


def test_it_locks_and_forbids_pairs(api, cast):
    url = f"/programs/{cast.program.pk}/matching/decisions"
    mentee, mentor = cast.mentee.person.employee_id, cast.mentor.person.employee_id
    body = {"mentee": mentee, "mentor": mentor, "kind": "forbid"}
    assert api.post(url, body, as_=cast.manager).status_code == 201
    run = api.post(
        f"/programs/{cast.program.pk}/matching/runs", {"dry_run": True}, as_=cast.manager
    )
    assert run.json()["proposals"] == []
    assert {u["person"]["employee_id"] for u in run.json()["unmatched"]} >= {mentee, mentor}
    locked = api.post(url, {**body, "kind": "lock"}, as_=cast.manager)
    assert locked.json()["kind"] == "lock"
    assert PairDecision.objects.get().kind == "lock"
    wrong = api.post(url, {**body, "mentor": cast.outsider.person.employee_id}, as_=cast.manager)
    assert wrong.status_code == 400
    response = api.delete(f"{url}?mentee={mentee}&mentor={mentor}", as_=cast.manager)
    assert response.status_code == 204
    assert not PairDecision.objects.exists()
