import datetime as dt
import hashlib
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db.models import Count

from tandem.accounts.models import User
from tandem.demo import builder, data
from tandem.insights.models import Answer, SurveyDue
from tandem.mentorships.models import (
    ClosingReview,
    Goal,
    Meeting,
    MeetingLog,
    Mentorship,
    Participant,
)
from tandem.people.models import Competence, LearningNeed, Organization, Person
from tandem.programs.models import Enrolment, Program, TrainingCompletion
from tandem.recognition.models import Certificate
from tests import factories as f
from tests.demo.conftest import TODAY


def _counts() -> dict:
    models = [Organization, Person, User, Competence, LearningNeed, Program, Enrolment]
    models += [Mentorship, Participant, TrainingCompletion]
    return {model.__name__: model.objects.count() for model in models}


def _digest() -> str:
    """Natural values only (no ids), so two builds compare across databases."""
    rows = []
    for p in Person.objects.select_related("manager", "organization").order_by("email"):
        manager = p.manager.email if p.manager else ""
        rows.append(("person", p.email, p.full_name, p.title, p.department, p.site, manager))
        rows.append(("lang", p.email, p.timezone, ",".join(p.languages), p.organization.slug))
    for c in Competence.objects.select_related("person", "topic", "verified_by"):
        verifier = c.verified_by.email if c.verified_by else ""
        rows.append(("comp", c.person.email, c.topic.slug, c.level, c.evidence, verifier))
    for n in LearningNeed.objects.select_related("person", "topic"):
        rows.append(("need", n.person.email, n.topic.slug, n.priority))
    for e in Enrolment.objects.select_related("person", "program"):
        rows.append(("enrol", e.program.slug, e.person.email, e.role, e.status, e.capacity))
    for m in Mentorship.objects.prefetch_related("participants__person", "meetings__log"):
        people = sorted(f"{p.role}:{p.person.email}" for p in m.participants.all())
        rows.append(("pair", m.program.slug, m.status, *people))
        for meeting in m.meetings.all():
            log = getattr(meeting, "log", None)
            texts = (log.acquired, log.mentor_learned) if log else ()
            rows.append(("meeting", *people, meeting.starts_at.isoformat(), meeting.status, *texts))
    for a in Answer.objects.select_related("person", "question__survey", "topic"):
        topic = a.topic.slug if a.topic else ""
        rows.append(("answer", a.person.email, a.question.survey.moment, a.question.key, topic))
        rows.append(("value", a.person.email, a.question.key, topic, a.value))
    return hashlib.sha256(repr(sorted(rows, key=repr)).encode()).hexdigest()


def test_it_builds_an_organisation_of_about_300_people(demo_org):
    host = Organization.objects.get(slug=data.HOST_SLUG)
    assert 280 <= Person.objects.filter(organization=host).count() <= 320
    assert Organization.objects.filter(kind=Organization.Kind.PARTNER).exists()
    assert Person.objects.filter(organization__kind="partner").count() >= 10
    departments = set(Person.objects.values_list("department", flat=True))
    assert {"Direction générale", "Finance", "RH", "Digital & IT", "Sales", "Legal"} <= departments
    assert {"Paris", "Lyon", "Nantes", "Montréal"} <= set(
        Person.objects.values_list("site", flat=True)
    )
    assert {"Europe/Paris", "America/Toronto"} <= set(
        Person.objects.values_list("timezone", flat=True)
    )
    ceo = Person.objects.get(organization=host, manager=None)
    assert ceo.tree_depth == 0
    assert (
        Person.objects.filter(organization=host).exclude(pk=ceo.pk).filter(manager=None).count()
        == 0
    )
    assert 5 <= max(Person.objects.values_list("tree_depth", flat=True)) <= 6


def test_it_gives_juniors_competences_and_seniors_needs(demo_org):
    juniors = Person.objects.filter(birth_year__gte=1994).annotate(n=Count("competences"))
    assert juniors.filter(n__gt=0).count() >= 40
    evidences = set(Competence.objects.values_list("evidence", flat=True))
    assert evidences == {0, 1, 2, 3}
    assert Competence.objects.exclude(verified_by=None).exists()
    verified = Competence.objects.exclude(verified_by=None).select_related("person__manager")
    assert all(c.verified_by_id == c.person.manager.user_id for c in verified)
    seniors = Person.objects.filter(tree_depth__lte=3, organization__kind="host")
    assert seniors.filter(needs__isnull=False).distinct().count() >= 30
    assert set(LearningNeed.objects.values_list("priority", flat=True)) == {0, 1, 2}


def test_it_runs_one_program_and_recruits_for_another(demo_org):
    genai = Program.objects.get(slug="genai-leaders")
    assert genai.status == Program.Status.RUNNING
    assert 170 <= (genai.end - genai.start).days <= 190
    assert {"genai", "prompting", "cyber"} <= set(genai.topics.values_list("slug", flat=True))
    assert genai.objective and genai.sponsor and genai.coaches.exists()
    assert genai.managers.filter(is_program_manager=True).exists()
    active = genai.mentorships.filter(status=Mentorship.Status.ACTIVE)
    assert 18 <= active.count() <= 22
    signed = Participant.objects.filter(mentorship__in=active, answer="accepted")
    assert signed.exclude(charter_signed_at=None).count() == 2 * active.count()
    mentors = genai.enrolments.filter(role="mentor", status="accepted")
    trained = TrainingCompletion.objects.filter(person__enrolments__in=mentors)
    assert trained.values("person").distinct().count() == mentors.count()

    csr = Program.objects.get(slug="csr-circle")
    assert (csr.status, csr.format) == (Program.Status.RECRUITING, Program.Format.CIRCLE)
    assert set(csr.topics.values_list("slug", flat=True)) == {
        "csr",
        "digital-sobriety",
        "inclusion",
    }
    assert set(csr.enrolments.values_list("status", flat=True)) == {"applied", "accepted"}
    assert not csr.mentorships.exists()


def test_it_pairs_people_outside_their_reporting_line(demo_org):
    for m in Mentorship.objects.prefetch_related("participants__person__manager"):
        mentor, mentee = sorted((p.person for p in m.participants.all()), key=lambda p: p.pk)
        assert mentor.manager_id != mentee.pk and mentee.manager_id != mentor.pk
        assert set(mentor.languages) & set(mentee.languages)


def test_it_keeps_the_demo_when_run_twice(db):
    first, second = StringIO(), StringIO()
    call_command("demo", stdout=first)
    counts = _counts()
    call_command("demo", stdout=second)
    assert _counts() == counts
    assert "already there" in second.getvalue()
    for login in builder.logins():
        assert login.email in first.getvalue() and login.email in second.getvalue()


def test_it_builds_the_same_organisation_from_the_same_seed(db):
    builder.build(seed=2026, today=TODAY)
    first, counts = _digest(), _counts()
    builder.remove()
    assert not Person.objects.exists() and not Program.objects.exists()
    builder.build(seed=2026, today=TODAY)
    assert _digest() == first and _counts() == counts
    builder.remove()
    builder.build(seed=7, today=TODAY)
    assert _digest() != first


def test_it_prints_the_url_the_password_and_one_login_per_role(db):
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text
    assert builder.PASSWORD in text
    for role in ["Program manager", "Coach", "Mentor", "Mentee", "Sponsor"]:
        assert role in text
    assert len({login.email for login in builder.logins()}) == 5


def test_it_says_which_slug_is_taken_instead_of_failing_halfway(db):
    f.program("Our own GenAI program", slug="genai-leaders")
    with pytest.raises(CommandError, match="genai-leaders"):
        call_command("demo", stdout=StringIO())
    assert not Person.objects.exists()


def _genai_history():
    genai = Program.objects.get(slug="genai-leaders")
    return genai, genai.mentorships.filter(status=Mentorship.Status.ACTIVE).order_by("pk")


def test_it_gives_every_running_pair_goals_logged_meetings_and_a_schedule(demo_org):
    genai, active = _genai_history()
    assert (TODAY - genai.start).days >= 85
    for mentorship in active:
        roles = set(mentorship.goals.values_list("learner__role", flat=True))
        assert roles == {"mentor", "mentee"}
        assert mentorship.meetings.filter(status="planned", starts_at__date__gt=TODAY).exists()
        assert mentorship.meetings.filter(status="held").exists()
    held = Meeting.objects.filter(mentorship__in=active, status="held")
    assert held.count() >= 3 * (active.count() - 2)
    assert not held.filter(starts_at__date__gt=TODAY).exists()
    logs = MeetingLog.objects.filter(meeting__in=held)
    assert logs.count() == held.count()
    assert len({log.acquired for log in logs}) >= 7
    learned = sum(1 for log in logs if log.mentor_learned)
    assert 0.6 * logs.count() <= learned < logs.count()
    assert Goal.objects.filter(mentorship__in=active, status="reached").exists()


def test_it_shows_pairs_running_out_of_steam_and_a_waiting_proposal(demo_org):
    genai, active = _genai_history()
    kinds = set(genai.alerts.filter(closed_at=None).values_list("kind", flat=True))
    assert {"no-recent-meeting", "two-missed", "proposal-unanswered"} <= kinds
    stalled = set(genai.alerts.filter(closed_at=None).values_list("mentorship_id", flat=True))
    assert 2 <= len(stalled) <= 4
    assert active.first().pk not in stalled  # the printed pair is a healthy one
    proposal = genai.mentorships.get(status=Mentorship.Status.PROPOSED)
    assert (TODAY - proposal.created_at.date()).days > 7


def test_it_fills_the_surveys_so_the_dashboard_shows_figures(client, demo_org):
    genai, active = _genai_history()
    answered = SurveyDue.objects.filter(mentorship__in=active).exclude(answered_at=None)
    people = 2 * active.count()
    assert answered.filter(survey__moment="baseline").count() == people
    assert people * 0.8 <= answered.filter(survey__moment="midpoint").count() < people
    assert not answered.filter(answered_at__date__gt=TODAY).exists()
    assert Answer.objects.filter(due__in=answered, question__key="level").exists()
    manager = next(login for login in demo_org if login.role == "Program manager")
    client.force_login(User.objects.get(email=manager.email))
    page = client.get(f"/insights/programs/{genai.pk}/").content.decode()
    held = Meeting.objects.filter(mentorship__program=genai, status="held").count()
    assert _card(page, "Meetings held") == str(held)
    assert _card(page, "Satisfaction (1–5)") not in ("", "fewer than 5")  # the midpoint's
    assert "Cohort over cohort" in page and "Generative AI for leaders 2025" in page
    assert "open alerts)" in page
    for chart in ("participation", "meetings", "satisfaction"):
        assert "<svg" in _chart(page, chart), chart  # drawn, not "not enough answers"


def test_it_keeps_last_years_cohort_completed_with_certificates(client, demo_org):
    genai = Program.objects.get(slug="genai-leaders")
    earlier = genai.renews
    assert earlier.status == Program.Status.CLOSED and earlier.end < genai.start
    done = earlier.mentorships.all()
    assert done.count() >= 8 and set(done.values_list("status", flat=True)) == {"completed"}
    assert all(m.ended_at.date() <= earlier.end for m in done)
    assert ClosingReview.objects.filter(participant__mentorship__in=done).count() == 2 * len(done)
    finals = SurveyDue.objects.filter(mentorship__in=done, survey__moment="final")
    assert finals.count() == 2 * len(done) and not finals.filter(answered_at=None).exists()
    repeated = {
        tuple(sorted(p.person_id for p in m.participants.all()))
        for m in Mentorship.objects.filter(program__in=[genai, earlier])
    }
    assert len(repeated) == Mentorship.objects.filter(program__in=[genai, earlier]).count()
    certificate = Certificate.objects.filter(program=earlier).first()
    assert Certificate.objects.filter(program=earlier).count() == 2 * len(done)
    page = client.get(f"/verify/{certificate.code}/").content.decode()
    assert certificate.full_name in page
    approved = earlier.testimonials.filter(status="approved")
    assert approved.count() >= 2
    manager = next(login for login in demo_org if login.role == "Program manager")
    client.force_login(User.objects.get(email=manager.email))
    page = client.get(f"/insights/programs/{earlier.pk}/").content.decode()
    assert _card(page, "Satisfaction (1–5)") not in ("", "fewer than 5")
    for chart in ("participation", "meetings", "levels", "adoption", "satisfaction"):
        assert "<svg" in _chart(page, chart), chart  # every chart of the past cohort is full


def test_it_shows_chat_and_calendar_settings_and_sends_nothing(
    db, django_capture_on_commit_callbacks, client
):
    from django_tasks_db.models import DBTaskResult

    from tandem.operations.models import Delivery
    from tandem.people.models import ContactPreference
    from tandem.programs.models import ProgramIntegration

    with django_capture_on_commit_callbacks(execute=True):  # as when `tandem demo` commits
        assert builder.build(seed=builder.DEFAULT_SEED, today=TODAY)
    demo_org = builder.logins()
    integration = ProgramIntegration.objects.get(program__slug="genai-leaders")
    assert integration.chat_kind == "teams_webhook" and integration.calendar_invitations
    assert integration.chat_webhook.startswith("https://learn.microsoft.com/")
    assert ContactPreference.objects.filter(channel__in=["chat", "both"]).count() == 2
    assert not Delivery.objects.exists() and not DBTaskResult.objects.exists()
    manager = User.objects.get(email=demo_org[0].email)
    client.force_login(manager)
    page = client.get("/programs/genai-leaders/integrations/").content.decode()
    assert "Microsoft Teams incoming webhook at learn.microsoft.com" in page
    assert "meet.example.com/hexalis-{program}-{pair}" in page


def _card(page: str, label: str) -> str:
    import re

    found = re.search(
        r'<span class="figure-value">([^<]*)</span>\s*<span class="figure-label">'
        + re.escape(label),
        page,
    )
    return found.group(1) if found else ""


def _chart(page: str, slug: str) -> str:
    start = page.index(f'id="chart-{slug}"')
    return page[start : page.index("</figure>", start)]


def test_it_shows_a_silent_pair_about_to_be_closed(client, demo_org):
    from tandem.accounts.models import AuditEvent
    from tandem.insights.models import Alert

    genai = Program.objects.get(slug="genai-leaders")
    alert = Alert.objects.get(program=genai, kind="inactive", closed_at=None)
    closes = dt.date.fromisoformat(alert.params["closes_on"])
    assert 1 <= (closes - TODAY).days <= 14  # not closed yet, but soon
    assert alert.opened_at.date().isoformat() == alert.params["noticed_on"] < TODAY.isoformat()
    history = AuditEvent.objects.filter(object_id=str(alert.mentorship_id)).values_list(
        "action", flat=True
    )
    assert {"mentorship.inactivity_nudge", "mentorship.inactivity_notice"} <= set(history)
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)):
        call_command("remind", stdout=StringIO())  # nothing due again today
    assert Mentorship.objects.get(pk=alert.mentorship_id).status == Mentorship.Status.ACTIVE


def test_last_year_s_cohort_reads_as_last_year_in_the_audit_trail(demo_org):
    from tandem.accounts.models import AuditEvent

    earlier = Program.objects.get(slug="genai-leaders-2025")
    pairs = [str(pk) for pk in earlier.mentorships.values_list("pk", flat=True)]
    completed = AuditEvent.objects.filter(action="mentorship.completed", object_id__in=pairs)
    assert completed.count() == len(pairs)
    assert all(e.at.date() <= earlier.end for e in completed)
    reviews = AuditEvent.objects.filter(action="recognition.testimonial_reviewed")
    assert reviews.exists() and all(e.at.date() < TODAY for e in reviews)
