"""Programs through the API: creation with settings, charter and weights with optimistic
locking, status steps, enrolments in the import's format, training completions."""

from tandem.programs.models import Enrolment, Program


def new_program(api, user, **extra):
    body = {"name": "Cyber reflexes", "start": "2026-03-01", "end": "2026-09-01", **extra}
    return api.post("/programs", body, as_=user)


def test_it_creates_a_program_with_its_settings_and_makes_the_creator_manage_it(api, cast):
    response = new_program(api, cast.manager, topics=["cyber"], cadence_days=14)
    assert response.status_code == 201
    program = Program.objects.get(pk=response.json()["id"])
    assert program.managers.filter(pk=cast.manager.pk).exists()
    assert (program.cadence_days, response.json()["topics"]) == (14, ["cyber"])
    assert new_program(api, cast.mentor).status_code == 403
    bad = new_program(api, cast.manager, end="2026-01-01")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "end"


def test_it_changes_the_charter_and_weights_only_at_the_version_read(api, cast):
    pk = cast.program.pk
    body = {"deliverables": "One use case each", "weights": {"other_department": 45}}
    response = api.patch(f"/programs/{pk}", body, as_=cast.manager, headers={"If-Match": "1"})
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["weights"]["other_department"] == 45
    stale = api.patch(f"/programs/{pk}", {"objective": "x", "version": 1}, as_=cast.manager)
    assert stale.status_code == 409
    missing = api.patch(f"/programs/{pk}", {"objective": "x"}, as_=cast.manager)
    assert missing.status_code == 400
    assert missing.json()["errors"][0]["field"] == "version"
    program = Program.objects.get(pk=pk)
    assert (program.version, program.objective) == (2, "")
    bad = api.patch(f"/programs/{pk}", {"weights": {"nope": 1}, "version": 2}, as_=cast.manager)
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "weights"


def test_it_moves_a_program_one_status_at_a_time(api, cast):
    response = new_program(api, cast.manager)
    pk = response.json()["id"]
    ok = api.post(f"/programs/{pk}/status", {"status": "recruiting"}, as_=cast.manager)
    assert ok.json()["status"] == "recruiting"
    jump = api.post(f"/programs/{pk}/status", {"status": "closed"}, as_=cast.manager)
    assert jump.status_code == 400


def test_it_enrols_people_in_the_import_format_all_or_nothing(api, cast):
    pk = cast.program.pk
    eid = cast.outsider.person.employee_id
    row = {
        "employee_id": eid,
        "role": "mentor",
        "topics": "cyber:3:assessed",
        "capacity": "2",
        "languages": "fr",
        "availability": "mon 09:00-12:00",
    }
    bad = {**row, "employee_id": "ghost", "role": "boss"}
    refused = api.post(f"/programs/{pk}/enrolments/bulk", {"rows": [row, bad]}, as_=cast.manager)
    assert refused.status_code == 400
    assert {e["field"] for e in refused.json()["errors"]} >= {"rows.1.employee_id", "rows.1.role"}
    assert not Enrolment.objects.filter(person=cast.outsider.person).exists()
    done = api.post(f"/programs/{pk}/enrolments/bulk", {"rows": [row]}, as_=cast.manager)
    assert done.json()["created"] == 1
    mentors = api.get(f"/programs/{pk}/enrolments?role=mentor&topic=cyber", as_=cast.manager)
    assert [e["employee_id"] for e in mentors.json()["items"]] == [eid]
    assert (
        api.get(f"/programs/{pk}/enrolments?status=withdrawn", as_=cast.manager).json()["count"]
        == 0
    )


def test_it_sets_the_inactivity_rules_of_a_program(api, cast):
    pk = cast.program.pk
    body = {"inactivity_days": 30, "inactivity_grace_days": 3, "inactivity_notice_days": 7}
    response = api.patch(f"/programs/{pk}", body, as_=cast.manager, headers={"If-Match": "1"})
    assert response.status_code == 200, response.content
    got = response.json()
    assert (got["inactivity_days"], got["inactivity_grace_days"]) == (30, 3)
    assert got["inactivity_notice_days"] == 7
    bad = api.patch(
        f"/programs/{pk}",
        {"inactivity_notice_days": 0},
        as_=cast.manager,
        headers={"If-Match": "2"},
    )
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "inactivity_notice_days"


def test_the_api_reads_sets_and_clears_the_budget(api, cast):
    pk = cast.program.pk
    assert api.get(f"/programs/{pk}", as_=cast.manager).json()["matching_time_limit"] == 60
    set_ = api.patch(
        f"/programs/{pk}", {"matching_time_limit": 300, "version": 1}, as_=cast.manager
    )
    assert set_.status_code == 200 and set_.json()["matching_time_limit"] == 300
    both = {"matching_time_limit": 90, "weights": {"other_site": 5}, "version": 2}
    response = api.patch(f"/programs/{pk}", both, as_=cast.manager)
    assert response.json()["matching_time_limit"] == 90
    assert response.json()["weights"]["other_site"] == 5
    clear = api.patch(
        f"/programs/{pk}", {"matching_time_limit": None, "version": 3}, as_=cast.manager
    )
    assert clear.status_code == 200 and clear.json()["matching_time_limit"] is None
    bad = api.patch(f"/programs/{pk}", {"matching_time_limit": 0, "version": 4}, as_=cast.manager)
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "matching_time_limit"
    made = api.post(
        "/programs",
        {"name": "Quick", "start": "2026-03-01", "end": "2026-09-01", "matching_time_limit": 15},
        as_=cast.manager,
    )
    assert made.status_code == 201
    assert Program.objects.get(pk=made.json()["id"]).matching_time_limit == 15
