"""What a pair writes reaches the pair alone. The pair writes every confidential text through
the pages and the API, each starting with a marker; then every other channel is searched for
it: emails (bodies, HTML, attachments), calendar files, exports and reports (PDF text
extracted), error pages, the admin as a superuser, log records at DEBUG (SQL included) and a
dump of the database. Pages and API answers to every other role are searched by the permission
matrix (test_permission_matrix.py), on every route."""

import datetime as dt
import io
import json
import logging

import pypdf
import pytest
from django.contrib import admin
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client

from tandem.accounts.models import User
from tandem.mentorships.models import ClosingReview, GoalProgress, MeetingLog, Preparation
from tandem.mentorships.services import journal
from tests.api.conftest import World
from tests.trust.conftest import (
    GOAL_NOTES,
    LOG,
    MARKER,
    NEXT_STEPS,
    PREPARATION,
    PROGRESS_COMMENT,
    finished_report_task,
)

NEXT_PREPARATION = f"{MARKER}13 the board wants a demo"
PAIR = ("mentor", "mentee")


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def bearer(client: Client, user) -> dict:
    from tandem.accounts.tokens import create_token

    return {"Authorization": f"Bearer {create_token(user, 'leak test')[1]}"}


def put_json(client, path, data, headers):
    return client.put(path, json.dumps(data), content_type="application/json", headers=headers)


def write_everything(world: World, clock) -> None:
    """The pair's texts, through the pages (preparation, goal notes, log, closing review) and
    the API (progress comment, next preparation)."""
    cast, pair, meeting = world.cast, world.pair, world.meeting
    mentee, mentor = signed_in(cast.mentee), signed_in(cast.mentor)
    base = f"/mentorships/meetings/{meeting.pk}"
    assert mentee.post(f"{base}/prepare/", PREPARATION).status_code == 302
    goal = pair.goals.get(learner__role="mentee")
    edit = {"title": goal.title, "status": goal.status, "target_level": goal.target_level}
    response = mentee.post(f"/mentorships/goals/{goal.pk}/", {**edit, "notes": GOAL_NOTES})
    assert response.status_code == 302
    clock.move_to(meeting.ends_at + dt.timedelta(minutes=5))
    statuses = {f"status_{g.pk}": g.status for g in pair.goals.all()}
    assert mentor.post(f"{base}/log/", {**LOG, **statuses}).status_code == 302
    api = bearer(mentor, cast.mentor)
    progress = [{"goal": goal.pk, "level": 2, "comment": PROGRESS_COMMENT}]
    response = put_json(
        mentor, f"/api/v1/meetings/{meeting.pk}/log", {**LOG, "progress": progress}, api
    )
    assert response.status_code == 200, response.content
    upcoming = pair.meetings.filter(status="planned").order_by("starts_at")[0]
    path = f"/api/v1/meetings/{upcoming.pk}/preparation"
    assert put_json(mentor, path, {"topics_to_raise": NEXT_PREPARATION}, api).status_code == 200
    review = {"autonomy": 3, "next_steps": NEXT_STEPS, "would_recommend": "yes"}
    response = mentee.post(
        f"/mentorships/{pair.pk}/closing/", {**review, "goals_reached": [goal.pk]}
    )
    assert response.status_code == 302


@pytest.fixture
def logs(caplog):
    """Every log record at DEBUG, SQL statements with their parameters included."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")  # Django's own config stops at INFO
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = False


@pytest.fixture
def wrote(cast, clock, logs):
    world = World(cast)
    write_everything(world, clock)
    return world


def test_the_pair_wrote_every_confidential_field(wrote):
    """The scenario reaches every encrypted field, and the app reads each text back."""
    log = MeetingLog.objects.get(meeting=wrote.meeting)
    assert {name: getattr(log, name) for name in LOG} == LOG
    prep = Preparation.objects.get(meeting=wrote.meeting)
    assert {name: getattr(prep, name) for name in PREPARATION} == PREPARATION
    goal = wrote.pair.goals.get(learner__role="mentee")
    assert goal.notes == GOAL_NOTES
    assert GoalProgress.objects.get(goal=goal).comment == PROGRESS_COMMENT
    assert ClosingReview.objects.get().next_steps == NEXT_STEPS


def text_of(message) -> str:
    """Subject, every MIME part decoded (text, HTML, .ics attachments)."""
    parts = [message.subject]
    for part in message.message().walk():
        payload = part.get_payload(decode=True)
        if payload:
            parts.append(payload.decode("utf-8", "replace"))
    return "\n".join(parts)


def test_it_keeps_the_texts_out_of_emails_and_calendars(wrote, clock, cast):
    upcoming = wrote.pair.meetings.filter(status="planned").order_by("starts_at")[0]
    clock.move_to(upcoming.starts_at - dt.timedelta(hours=24))
    out = io.StringIO()
    call_command("remind", stdout=out)
    call_command("alerts-digest", stdout=out)
    clock.move_to(wrote.program.end + dt.timedelta(days=2))
    call_command("complete-mentorships", stdout=out)
    call_command("remind", stdout=out)
    assert mail.outbox, "the commands sent no email to search"
    for message in mail.outbox:
        assert MARKER not in text_of(message), message.subject
    assert MARKER not in out.getvalue()
    mentee = signed_in(cast.mentee)
    for meeting in wrote.pair.meetings.all():
        ics = mentee.get(f"/mentorships/meetings/{meeting.pk}/invite.ics")
        assert ics.status_code == 200 and b"BEGIN:VCALENDAR" in ics.content
        assert MARKER.encode() not in ics.content
    link = mentee.post("/api/v1/calendar/link", headers=bearer(mentee, cast.mentee)).json()
    feed = Client().get(link["url"].split("testserver", 1)[1])
    assert feed.status_code == 200 and b"BEGIN:VEVENT" in feed.content
    assert MARKER.encode() not in feed.content


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_it_keeps_the_texts_out_of_exports_and_reports(wrote, cast, tmp_path):
    program = wrote.program
    manager, sponsor = signed_in(cast.manager), signed_in(cast.sponsor)
    base = f"/insights/programs/{program.pk}"
    for client in (manager, sponsor):
        csv = client.get(f"{base}/aggregates.csv")
        assert csv.status_code == 200 and MARKER not in csv.content.decode()
        for fmt in ("md", "html"):
            story = client.get(f"/recognition/programs/{program.pk}/story.{fmt}")
            assert story.status_code == 200 and MARKER not in story.content.decode()
        report = client.get(f"{base}/impact-report.pdf")
        assert report.status_code == 200
        text = pdf_text(report.content)
        assert program.name in text and MARKER not in text
    task = finished_report_task(program, cast.manager)
    built = manager.get(f"{base}/impact-report/{task}/report.pdf")
    assert built.status_code == 200 and MARKER not in pdf_text(built.content)
    call_command("report", program.slug, pdf=str(tmp_path / "report.pdf"), stdout=io.StringIO())
    assert MARKER not in pdf_text((tmp_path / "report.pdf").read_bytes())
    for who in ("coach", "manager", "sponsor", "other_member", "outsider"):
        export = signed_in(getattr(cast, who)).post("/privacy/export/")
        assert export.status_code == 200 and MARKER not in export.content.decode(), who
    own = signed_in(cast.mentee).post("/privacy/export/")
    assert GOAL_NOTES in own.content.decode()  # one's own data, all of it


def test_it_keeps_the_texts_out_of_the_certificate(wrote, cast):
    from tandem.recognition.services import certificates

    wrote.pair.status = "completed"
    wrote.pair.save()
    certificate = certificates.issue(wrote.pair.participants.get(person=cast.mentee.person))
    response = signed_in(cast.mentee).get(f"/certificates/{certificate.pk}.pdf")
    text = pdf_text(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert cast.mentee.person.full_name in text and MARKER not in text


def test_it_keeps_the_texts_out_of_error_pages(wrote, cast, monkeypatch, logs):
    """A crash while saving a log, a forged post without its CSRF token, a supervisor asking
    for the log: none of the answers or log records repeats the text."""

    def crash(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(journal, "write_log", crash)
    meeting = wrote.meeting
    mentor = signed_in(cast.mentor, raise_request_exception=False)
    statuses = {f"status_{g.pk}": g.status for g in wrote.pair.goals.all()}
    response = mentor.post(f"/mentorships/meetings/{meeting.pk}/log/", {**LOG, **statuses})
    assert response.status_code == 500
    assert MARKER not in response.content.decode()
    forged = signed_in(cast.mentor, enforce_csrf_checks=True)
    response = forged.post(f"/mentorships/meetings/{meeting.pk}/log/", LOG)
    assert response.status_code == 403 and MARKER not in response.content.decode()
    for who in ("coach", "manager"):
        response = signed_in(getattr(cast, who)).get(f"/mentorships/meetings/{meeting.pk}/log/")
        assert response.status_code == 404 and MARKER not in response.content.decode()
    assert any(r.levelno >= logging.ERROR for r in logs.records), "the crash was not logged"


def test_it_keeps_the_texts_out_of_the_admin(wrote):
    """As a superuser: every registered model's list, its search for words of a text (the
    marker itself would be echoed in the search box), and the change page of each row."""
    root = signed_in(User.objects.create_superuser(email="root@example.com", password="x" * 12))
    for model in admin.site._registry:
        meta = model._meta
        url = f"/admin/{meta.app_label}/{meta.model_name}/"
        for path in (url, f"{url}?q=cloud+bill"):
            response = root.get(path)
            assert response.status_code == 200 and MARKER not in response.content.decode(), path
        for pk in model._default_manager.values_list("pk", flat=True)[:30]:
            response = root.get(f"{url}{pk}/change/")
            assert response.status_code == 200, f"{url}{pk}/change/"
            assert MARKER not in response.content.decode(), f"{url}{pk}/change/"


def test_it_keeps_the_texts_out_of_the_log_records(wrote, cast, logs):
    """The writing (set-up) and the reading were logged at DEBUG, the SQL with its
    parameters: the texts went through as ciphertext only."""
    for who in ("mentor", "mentee"):
        client = signed_in(getattr(cast, who))
        assert client.get(f"/mentorships/meetings/{wrote.meeting.pk}/log/").status_code == 200
    records = logs.get_records("setup") + logs.get_records("call")
    sql = [r.getMessage() for r in records if r.name == "django.db.backends"]
    assert any("fernet:" in line for line in sql), "the encrypted writes were not logged"
    for record in records:
        assert MARKER not in record.getMessage(), record.name
        assert MARKER not in logging.Formatter().format(record), record.name


def database_text() -> str:
    """Every value of every table, as the database holds it (SQLite: its SQL dump too)."""
    chunks = []
    if connection.vendor == "sqlite":
        chunks.extend(connection.connection.iterdump())
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {qn(table)}")  # noqa: S608 - names from introspection
            for row in cursor.fetchall():
                chunks.extend(
                    bytes(v).decode("utf-8", "replace")
                    if isinstance(v, bytes | memoryview)
                    else str(v)
                    for v in row
                )
    return "\n".join(chunks)


def test_a_database_dump_shows_no_text_in_clear(wrote):
    dump = database_text()
    assert MARKER not in dump
    assert wrote.program.name in dump and "fernet:" in dump  # the data is there, encrypted
    out = io.StringIO()
    call_command("dumpdata", "mentorships", stdout=out)
    assert "fernet:" in out.getvalue() and MARKER not in out.getvalue()
    log = MeetingLog.objects.get(meeting=wrote.meeting)  # and the app still reads it all
    assert log.acquired == LOG["acquired"]
    assert wrote.pair.goals.get(learner__role="mentee").notes == GOAL_NOTES


def test_it_keeps_the_texts_out_of_every_outgoing_request(
    wrote, clock, cast, chat, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """Every integration on at once — Slack direct messages, the program's Slack channel,
    iTIP invitations and cancellations by email, the video room, a calendar read for busy
    times — and every request that leaves (recorded by the local Slack/Teams/calendar server)
    and every email (with its calendar parts) searched for the pair's texts."""
    from icalendar import Calendar

    from tandem.mentorships.services import schedule
    from tandem.operations.models import Delivery
    from tandem.operations.notices.worker import deliver_due
    from tandem.people.models import ContactPreference
    from tandem.people.services import freebusy
    from tandem.programs.services.integrations import Changes, save_integration

    settings.TANDEM_FREEBUSY = settings.TANDEM_FREEBUSY_ALLOW_PRIVATE = True
    changes = Changes(
        chat_kind="slack_webhook",
        chat_webhook=chat.url + "/services/T1/B1/program",
        chat_language="fr",
        chat_alerts=True,
        chat_digest=True,
        calendar_invitations=True,
        video_template="https://meet.example.com/{program}-{pair}",
    )
    save_integration(wrote.program, changes, cast.manager)
    for user, channel in ((cast.mentor, "both"), (cast.mentee, "chat"), (cast.manager, "chat")):
        ContactPreference.objects.create(person=user.person, channel=channel)
    cal = Calendar()
    cal.add("prodid", "-//Test//EN")
    cal.add("version", "2.0")
    chat.answer("/cal/secret.ics", 200, cal.to_ical().decode(), times=3)
    with django_capture_on_commit_callbacks(execute=True):
        freebusy.set_address(cast.mentor.person, chat.url + "/cal/secret.ics")
        planned = list(wrote.pair.meetings.filter(status="planned").order_by("starts_at"))
        clock.move_to(planned[0].starts_at - dt.timedelta(hours=24))
        call_command("remind", stdout=io.StringIO())
        call_command("alerts-digest", stdout=io.StringIO())
        moved = planned[0].starts_at + dt.timedelta(days=1, hours=2)
        schedule.move_meeting(planned[0], cast.mentee, moved)
        schedule.set_meeting_status(planned[1], cast.manager, "cancelled")
        call_command("refresh-calendars", stdout=io.StringIO())
    deliver_due()
    assert Delivery.objects.filter(status="sent").count() == Delivery.objects.count()
    routes = [r.route for r in chat.requests]
    assert "/api/chat.postMessage" in routes and "/services/T1/B1/program" in routes
    assert "/cal/secret.ics" in routes
    for request in chat.requests:
        seen = request.path + repr(request.headers) + request.body.decode("utf-8", "replace")
        assert MARKER not in seen, request.route
    methods = set()
    for message in mail.outbox:
        assert MARKER not in text_of(message), message.subject
        for part in message.message().walk():
            if part.get_content_type() == "text/calendar":
                methods.add(str(Calendar.from_ical(part.get_payload(decode=True))["METHOD"]))
    assert methods == {"REQUEST", "CANCEL"}
    for delivery in Delivery.objects.all():
        assert MARKER not in delivery.subject + delivery.body + delivery.calendar


def test_it_keeps_the_texts_out_of_scim_answers_and_departure_emails(
    wrote, cast, django_capture_on_commit_callbacks
):
    """The directory reads Users and Groups back; deactivating the mentor tells the pair.
    Neither carries a word the pair wrote (SCIM sends what the directory sent, nothing else)."""
    from tests.people.scim_helpers import GROUP, make_directory

    scim = make_directory()
    ids = [scim.create_user(p.email, p.email)["id"] for p in (cast.mentor, cast.mentee)]
    scim.call(
        "POST",
        "/Groups",
        {"schemas": [GROUP], "displayName": "Tandem", "members": [{"value": i} for i in ids]},
    )
    answers = [scim.call("GET", path) for path in ("/Users", "/Groups", f"/Users/{ids[0]}")]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answers.append(
            scim.patch(f"/Users/{ids[0]}", {"op": "replace", "path": "active", "value": False})
        )
    assert all(a.status_code == 200 for a in answers)
    assert all(MARKER not in a.content.decode() for a in answers)
    assert len(mail.outbox) == 2, "the departure sent no email to search"
    for message in mail.outbox:
        assert MARKER not in text_of(message), message.subject
