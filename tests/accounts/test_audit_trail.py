"""The audit trail: reads of someone else's personal data, changes of rights (before → after),
and the read-only page and CSV for HR program managers."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.accounts.audit import record
from tandem.accounts.models import AuditEvent, User
from tandem.accounts.tokens import create_token
from tandem.people.models import Competence, Person
from tandem.people.services.competences import certify_competence
from tandem.programs.models import Enrolment
from tandem.programs.services.setup import start_draft
from tests import factories as f


def _api(client, user, path):
    token = create_token(user, "tests")[1]
    return client.get("/api/v1" + path, headers={"Authorization": f"Bearer {token}"})


def _reads():
    return list(AuditEvent.objects.filter(action__endswith=".read"))


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(email="root@example.com", password=f.PASSWORD)


@pytest.fixture
def as_admin(client, superuser):
    client.force_login(superuser)
    return client


def _admin_post(client, obj, **changes):
    """Post the admin change form of ``obj`` as it stands, with ``changes``."""
    model_admin = admin.site._registry[type(obj)]
    request = client.get("/").wsgi_request
    request.user = User.objects.filter(is_superuser=True).first()
    form = model_admin.get_form(request, obj)(instance=obj)
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = field.prepare_value(form[name].value())
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = "on" if value is True else value
    url = f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


# Reads -------------------------------------------------------------------------------------


@pytest.mark.parametrize("section", ["", "/competences", "/needs"])
def test_it_records_a_manager_reading_someone_else_through_the_api(client, cast, section):
    person = cast.mentor.person
    before = AuditEvent.objects.count()
    assert _api(client, cast.manager, f"/people/{person.pk}{section}").status_code == 200
    events = list(AuditEvent.objects.order_by("-id")[: AuditEvent.objects.count() - before])
    reads = [e for e in events if e.action == "person.read"]
    assert len(reads) == 1
    read = reads[0]
    assert read.actor == cast.manager
    assert (read.object_type, read.object_id) == ("people.person", str(person.pk))
    assert read.details == {"via": "api", "section": (section.strip("/") or "profile")}


@pytest.mark.parametrize("section", ["", "/competences", "/needs"])
def test_it_does_not_record_people_reading_their_own_data(client, cast, section):
    assert _api(client, cast.mentor, f"/people/{cast.mentor.person.pk}{section}").status_code == 200
    assert _reads() == []


def test_it_costs_one_insert_and_no_extra_read(client, cast):
    """The same route, own person then someone else's: one more query, the INSERT."""
    token = create_token(cast.manager, "tests")[1]
    headers = {"Authorization": f"Bearer {token}"}
    counts = []
    for person in (cast.manager.person, cast.mentee.person):
        client.get(f"/api/v1/people/{person.pk}", headers=headers)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/api/v1/people/{person.pk}", headers=headers)
        counts.append([q["sql"] for q in queries.captured_queries])
    extra = len(counts[1]) - len(counts[0])
    assert extra == 1
    assert sum('INSERT INTO "accounts_auditevent"' in sql for sql in counts[1]) == 1


def test_it_does_not_record_list_pages(client, cast):
    assert _api(client, cast.manager, "/people").status_code == 200
    client.force_login(cast.manager)
    assert client.get("/people/competences/").status_code == 200
    assert _reads() == []


def test_it_records_a_refused_read_as_nothing(client, cast):
    response = _api(client, cast.outsider, f"/people/{cast.mentor.person.pk}")
    assert response.status_code == 404 and _reads() == []


@pytest.mark.parametrize("model", [Person, Competence, Enrolment])
def test_it_records_admin_change_pages_of_personal_data(as_admin, superuser, cast, model):
    obj = (
        model.objects.filter(person=cast.mentor.person).first()
        if model is not Person
        else (cast.mentor.person)
    )
    url = f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/"
    assert as_admin.get(url).status_code == 200
    assert _reads() == []  # the change list is not a read of one person
    assert as_admin.get(f"{url}{obj.pk}/change/").status_code == 200
    (read,) = _reads()
    assert read.actor == superuser and read.action == f"{obj._meta.model_name}.read"
    assert read.object_id == str(obj.pk) and read.details == {"via": "admin"}


def test_it_does_not_record_an_admin_reading_their_own_person(as_admin, superuser):
    me = f.person("Root Admin")
    me.user = superuser
    me.save()
    assert as_admin.get(f"/admin/people/person/{me.pk}/change/").status_code == 200
    assert _reads() == []


# Changes of rights -------------------------------------------------------------------------


def _last(action):
    return AuditEvent.objects.filter(action=action).order_by("-id").first()


def test_it_records_user_flags_changed_in_the_admin(as_admin, superuser, cast):
    user = cast.outsider
    _admin_post(as_admin, user, is_program_manager=True, is_staff=True)
    event = _last("user.permissions_changed")
    assert event.actor == superuser and event.object_id == str(user.pk)
    assert event.details["changes"] == {
        "is_program_manager": [False, True],
        "is_staff": [False, True],
    }
    count = AuditEvent.objects.filter(action="user.permissions_changed").count()
    _admin_post(as_admin, User.objects.get(pk=user.pk), first_name="Paul")
    assert AuditEvent.objects.filter(action="user.permissions_changed").count() == count
    _admin_post(as_admin, User.objects.get(pk=user.pk), is_active=False)
    assert _last("user.permissions_changed").details["changes"] == {"is_active": [True, False]}


def test_it_records_a_new_superuser(db):
    user = User.objects.create_superuser(email="boss@example.com", password=f.PASSWORD)
    event = _last("user.permissions_changed")
    assert event.object_id == str(user.pk) and event.actor is None
    assert event.details["changes"]["is_superuser"] == [None, True]


def test_it_records_program_managers_coaches_and_sponsor_changed(as_admin, superuser, cast):
    program = cast.program
    newcomer = cast.outsider
    _admin_post(
        as_admin,
        program,
        managers=[cast.manager.pk, newcomer.pk],
        coaches=[],
        sponsor=cast.mentee.person.pk,
        require_training=False,  # the cast's program lists no module: the admin refuses that
    )
    managers = _last("program.managers_changed")
    assert managers.actor == superuser and managers.object_id == str(program.pk)
    assert managers.details["added"] == [newcomer.pk] and managers.details["removed"] == []
    coaches = _last("program.coaches_changed")
    assert coaches.details["removed"] == [cast.coach.person.pk] and coaches.details["after"] == []
    sponsor = _last("program.sponsor_changed")
    assert sponsor.details["before"] == cast.sponsor.person.pk
    assert sponsor.details["after"] == cast.mentee.person.pk


def test_it_records_nothing_when_the_program_admin_changes_no_rights(as_admin, cast):
    _admin_post(as_admin, cast.program, name="Renamed", require_training=False)
    assert (
        not AuditEvent.objects.filter(action__startswith="program.")
        .filter(
            action__in=[
                "program.managers_changed",
                "program.coaches_changed",
                "program.sponsor_changed",
            ]
        )
        .exists()
    )


def test_it_records_the_creator_becoming_manager_of_a_draft(cast):
    program = start_draft("Cyber reflexes", "", actor=cast.manager)
    event = _last("program.managers_changed")
    assert event.object_id == str(program.pk) and event.details["added"] == [cast.manager.pk]


def test_it_records_enrolment_role_and_status_changed_in_the_admin(as_admin, superuser, cast):
    enrolment = Enrolment.objects.get(person=cast.other_member.person)
    _admin_post(as_admin, enrolment, role="mentee", status="declined")
    event = _last("enrolment.rights_changed")
    assert event.actor == superuser
    assert event.details["changes"] == {
        "role": ["mentor", "mentee"],
        "status": ["accepted", "declined"],
    }


def test_it_records_who_verified_which_competence(cast):
    competence = Competence.objects.get(person=cast.mentor.person)
    certify_competence(competence, actor=cast.manager, name="PIX", on=dt.date(2025, 5, 1))
    event = _last("people.competence_certified")
    assert event.actor == cast.manager and event.object_id == str(competence.pk)
    assert (event.details["evidence_before"], event.details["evidence"]) == (2, 3)


# The page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["mentor", "mentee", "coach", "sponsor", "outsider"])
def test_it_refuses_the_page_to_everyone_but_managers(client, cast, role):
    client.force_login(getattr(cast, role))
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get("/audit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_shows_the_trail_newest_first_with_labels(client, cast, superuser):
    record(cast.manager, "privacy.export", cast.mentee.person, via="web")
    record(superuser, "api_token.revoke", None)
    for user in (cast.manager, superuser):
        client.force_login(user)
        page = client.get("/audit/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "API token revoked" in html and "Personal data exported" in html
        assert html.index("API token revoked") < html.index("Personal data exported")
        assert "Jean Moreau" in html  # the person's name beside the object id
        main = html[html.index("<main") : html.index("</main>")]
        assert 'method="post"' not in main  # nothing on the page changes anything
    assert client.post("/audit/").status_code == 405


def test_it_links_the_page_for_managers_only(client, cast):
    client.force_login(cast.manager)
    assert 'href="/audit/"' in client.get("/").content.decode()
    client.force_login(cast.mentor)
    assert 'href="/audit/"' not in client.get("/").content.decode()


def test_it_shows_times_in_the_viewers_zone(client, cast):
    event = record(cast.manager, "privacy.export", None)
    person = cast.manager.person
    person.timezone = "Asia/Tokyo"
    person.save()
    client.force_login(cast.manager)
    html = client.get("/audit/").content.decode()
    assert event.at.astimezone(ZoneInfo("Asia/Tokyo")).isoformat()[:16] in html


def test_it_filters_by_action_actor_and_object(client, cast):
    record(cast.manager, "privacy.export", cast.mentee.person)
    record(cast.mentor, "privacy.erase", cast.mentor.person)
    record(cast.manager, "program.update", cast.program)
    client.force_login(cast.manager)

    def actions(query):
        page = client.get("/audit/", query)
        assert page.status_code == 200
        return [row["action"] for row in page.context["rows"]]

    assert actions({"action": "privacy."}) == ["privacy.erase", "privacy.export"]
    assert actions({"actor": cast.mentor.email.upper()}) == ["privacy.erase"]
    person = cast.mentee.person
    assert actions({"object_type": "people.person", "object_id": person.pk}) == ["privacy.export"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"action": "DROP TABLE;"}, "action"),
        ({"actor": "not-an-email"}, "actor"),
        ({"object_type": "person"}, "object_type"),
        ({"object_id": "7"}, "object_type"),
        ({"object_type": "people.person", "object_id": "1 or 1=1"}, "object_id"),
        ({"action": "x" * 65}, "action"),
    ],
)
def test_it_explains_bad_filters(client, cast, query, field):
    client.force_login(cast.manager)
    for url in ("/audit/", "/audit/export.csv"):
        page = client.get(url, query)
        assert page.status_code == 400
        assert field in page.context["form"].errors
        assert "Some filters are not valid" in page.content.decode()
    assert not AuditEvent.objects.filter(action="audit.exported").exists()


def test_it_pages_by_fifty(client, cast):
    AuditEvent.objects.bulk_create(
        [AuditEvent(actor=cast.manager, action="privacy.export") for _ in range(120)]
    )
    client.force_login(cast.manager)
    first = client.get("/audit/", {"action": "privacy.export"})
    assert len(first.context["rows"]) == 50 and first.context["page_obj"].paginator.num_pages == 3
    last = client.get("/audit/", {"action": "privacy.export", "page": "999"})
    assert len(last.context["rows"]) == 20
    assert client.get("/audit/", {"page": "abc"}).status_code == 200


def test_it_downloads_the_filtered_trail_as_csv_and_records_it(client, cast):
    record(cast.manager, "privacy.export", cast.mentee.person, via="web")
    record(cast.manager, "program.update", cast.program)
    client.force_login(cast.manager)
    response = client.get("/audit/export.csv", {"action": "privacy."})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["at", "actor", "action", "object_type", "object_id", "details"]
    assert [row[2] for row in rows[1:]] == ["privacy.export"]
    assert rows[1][1] == cast.manager.email and rows[1][5] == '{"via": "web"}'
    exported = _last("audit.exported")
    assert exported.actor == cast.manager and exported.details == {
        "filters": {"action": "privacy."}
    }


# Nobody can edit it ------------------------------------------------------------------------


def test_it_refuses_to_change_or_delete_an_event(cast):
    event = record(cast.manager, "privacy.export", None)
    event.action = "tampered"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        AuditEvent.objects.get(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "privacy.export"


def test_it_keeps_the_admin_read_only(rf, superuser):
    model_admin = admin.site._registry[AuditEvent]
    request = rf.get("/")
    request.user = superuser
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert "delete_selected" not in model_admin.get_actions(request)
