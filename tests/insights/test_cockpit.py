"""The program cockpit: every pair with its people, status and health (at risk first), last
and next meeting, alerts and coach; filters, search, pages and a CSV of statuses and dates;
a fixed number of queries whatever the program's size; nothing a pair wrote."""

import csv
import datetime as dt
import io
import re

import pytest

from tandem.accounts.models import AuditEvent
from tandem.insights.models import Alert
from tandem.insights.services.alerts import refresh_alerts
from tandem.mentorships.models import Meeting, Mentorship
from tandem.programs.models import Enrolment
from tests.insights import builders as b
from tests.mentorships.views_helpers import sign_in, text

NOW = b.STARTED + dt.timedelta(days=60)
A, C = Mentorship.Status.ACTIVE, Mentorship.Status.COMPLETED


@pytest.fixture
def clock_start():
    return NOW


@pytest.fixture
def program_pairs(cast, clock):
    """The cast's pair (at risk: no meeting for 60 days), a healthy pair coached by the cast's
    coach, a completed one and a proposal."""
    risky = b.pair(cast.program, cast.mentor.person, cast.mentee.person)
    Enrolment.objects.filter(program=cast.program).update(coach=None)
    healthy, done = b.pairs(cast.program, 2, [A, C])
    b.meeting(healthy, Meeting.Status.HELD, 55, log_mentor_learned="a private lesson")
    b.meeting(healthy, Meeting.Status.PLANNED, 70)
    Enrolment.objects.filter(program=cast.program, person=b.person_of(healthy, "mentee")).update(
        coach=cast.coach.person
    )
    refresh_alerts(cast.program, NOW)
    return {"risky": risky, "healthy": healthy, "done": done}


def _cockpit(client, cast, query=""):
    return text(sign_in(client, cast.manager).get(f"/programs/{cast.program.slug}/pairs/{query}"))


def test_it_lists_every_pair_at_risk_first_with_names_dates_and_alerts(client, cast, program_pairs):
    page = _cockpit(client, cast)
    risky, healthy = program_pairs["risky"], program_pairs["healthy"]
    assert page.index(f"/pairs/{risky.pk}/") < page.index(f"/pairs/{healthy.pk}/")
    assert "Jean Moreau" in page and "Léa Bernard" in page
    assert "No meeting held for 60 days" in page  # the alert, worded
    assert "8 March 2026" in page and "23 March 2026" in page  # last and next meeting
    assert "Marc Petit" in page  # the healthy pair's coach
    assert "a private lesson" not in page and "secret words" not in page
    assert "1 At risk" in " ".join(re.sub(r"<[^>]+>", "", page).split())


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?health=at-risk", ["risky"], ["healthy", "done"]),
        ("?health=on-track", ["healthy"], ["risky", "done"]),
        ("?status=completed", ["done"], ["risky", "healthy"]),
        ("?q=moreau", ["risky"], ["healthy", "done"]),
        ("?q=MENTEE+0", ["healthy"], ["risky", "done"]),
        ("?coach={coach}", ["healthy"], ["risky", "done"]),
        ("?coach=none", ["risky", "done"], ["healthy"]),
        ("?topic={genai}", ["risky", "healthy", "done"], []),
        ("?topic={cyber}", [], ["risky", "healthy", "done"]),
    ],
)
def test_it_filters_by_health_status_name_coach_and_topic(
    client, cast, program_pairs, query, shown, hidden
):
    ids = {"coach": cast.coach.person.pk, "genai": b.f.topic("genai").pk}
    ids["cyber"] = b.f.topic("cyber").pk
    page = _cockpit(client, cast, query.format(**ids))
    for name in shown:
        assert f"/pairs/{program_pairs[name].pk}/" in page, name
    for name in hidden:
        assert f"/pairs/{program_pairs[name].pk}/" not in page, name


def test_it_ignores_a_forged_filter_and_says_so(client, cast, program_pairs):
    page = _cockpit(client, cast, "?health=sick&coach=abc&topic=x")
    assert "Some filters are not valid" in page
    assert f"/pairs/{program_pairs['risky'].pk}/" in page
    nul = client.get(f"/programs/{cast.program.slug}/pairs/?topic=x%00")  # refused at the door
    assert nul.status_code == 400 and "topic" in nul.content.decode()


def test_it_pages_by_twenty_five(client, cast, clock):
    b.pairs(cast.program, 27)
    first = _cockpit(client, cast)
    assert "27 pairs" in first and "Page 1 of 2" in first
    second = _cockpit(client, cast, "?page=2")
    assert second.count('class="badge health-') == 2


def test_it_exports_statuses_and_dates_only_and_audits_it(client, cast, program_pairs):
    sign_in(client, cast.manager)
    response = client.get(f"/programs/{cast.program.slug}/pairs/export.csv?health=at-risk")
    assert response["Content-Disposition"].endswith('-pairs.csv"')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["pair"] for r in rows] == [str(program_pairs["risky"].pk)]
    (row,) = rows
    assert row["status"] == "active" and row["health"] == "at-risk"
    assert row["mentees"] == "Jean Moreau" and row["mentors"] == "Léa Bernard"
    assert row["started_on"] == "2026-01-12" and row["open_alerts"] == "no-recent-meeting"
    assert "secret" not in response.content.decode()
    assert AuditEvent.objects.filter(action="insights.pairs_exported").exists()


def test_it_reads_a_page_in_a_fixed_number_of_queries(
    client, cast, clock, django_assert_max_num_queries
):
    b.pairs(cast.program, 3)
    sign_in(client, cast.manager)
    url = f"/programs/{cast.program.slug}/pairs/"
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    b.pairs(cast.program, 30)
    refresh_alerts(cast.program, NOW)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_it_shows_a_pair_to_its_managers_and_coaches_only(client, cast, program_pairs):
    risky = program_pairs["risky"]
    url = f"/programs/{cast.program.slug}/pairs/{risky.pk}/"
    page = text(sign_in(client, cast.manager).get(url))
    assert "Jean Moreau & Léa Bernard" in page or "Léa Bernard & Jean Moreau" in page
    assert "No meeting held for 60 days" in page and "At risk" in page
    assert "secret words" not in page
    assert AuditEvent.objects.filter(action="mentorship.read", object_id=str(risky.pk)).exists()
    assert sign_in(client, cast.coach).get(url).status_code == 200
    for who in (cast.mentee, cast.outsider, cast.sponsor):
        assert sign_in(client, who).get(url).status_code == 404


def test_it_lists_the_coach_s_pairs_at_risk_first(client, cast, program_pairs):
    page = text(sign_in(client, cast.coach).get("/coach/"))
    risky, healthy = program_pairs["risky"], program_pairs["healthy"]
    assert page.index(f"/pairs/{risky.pk}/") < page.index(f"/pairs/{healthy.pk}/")
    page = text(client.get("/coach/?health=at-risk"))
    assert f"/pairs/{healthy.pk}/" not in page


def test_it_sends_a_manager_who_coaches_nothing_to_the_cockpit(client, cast, program_pairs):
    page = text(sign_in(client, cast.manager).get("/coach/"))
    assert f'href="/programs/{cast.program.slug}/pairs/"' in page


def test_it_closes_an_unanswered_proposal_s_alert_as_soon_as_it_is_answered(cast, clock):
    from tandem.mentorships.models import Participant
    from tandem.mentorships.services.lifecycle import accept_proposal, decline_proposal

    for answer in ("accept", "decline"):
        proposal = Mentorship.objects.create(program=cast.program)
        for user, role in ((cast.mentor, "mentor"), (cast.mentee, "mentee")):
            Participant.objects.create(mentorship=proposal, person=user.person, role=role)
        Mentorship.objects.filter(pk=proposal.pk).update(created_at=NOW - dt.timedelta(days=9))
        refresh_alerts(cast.program, NOW)
        alert = Alert.objects.get(mentorship=proposal, kind="proposal-unanswered")
        assert alert.params["waiting"] == sorted([cast.mentor.person.pk, cast.mentee.person.pk])
        if answer == "accept":
            accept_proposal(proposal.participants.get(person=cast.mentor.person), cast.mentor)
            alert.refresh_from_db()
            assert alert.closed_at is None  # the mentee is still awaited
            accept_proposal(proposal.participants.get(person=cast.mentee.person), cast.mentee)
        else:
            decline_proposal(
                proposal.participants.get(person=cast.mentee.person), cast.mentee, "No time"
            )
        alert.refresh_from_db()
        assert alert.closed_at == NOW, answer


def test_it_reads_the_dashboard_in_a_fixed_number_of_queries(
    client, cast, clock, django_assert_max_num_queries
):
    from tests.insights.conftest import answer_mentees

    answer_mentees(b.pairs(cast.program, 5), 5)
    sign_in(client, cast.manager)
    url = f"/insights/programs/{cast.program.pk}/"
    client.get(url)
    with django_assert_max_num_queries(80) as few:
        client.get(url)
    count = len(few.captured_queries)  # read now: the next request resets the log
    more = b.pairs(cast.program, 25)
    answer_mentees(more, 5)
    for m in more:
        b.meeting(m, Meeting.Status.HELD, 30)
    client.get(url)  # the first read refreshes the summaries of what changed
    with django_assert_max_num_queries(count):
        client.get(url)


def test_it_names_each_person_s_role_as_their_own_in_french(client, cast, program_pairs):
    cast.mentee.person.gender, cast.mentor.person.gender = "m", "f"
    cast.mentee.person.save()
    cast.mentor.person.save()
    sign_in(client, cast.manager)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    url = f"/programs/{cast.program.slug}/pairs/{program_pairs['risky'].pk}/"
    page = text(client.get(url))
    assert "Jean Moreau</strong> — mentoré · Finance" in page
    assert "Léa Bernard</strong> — mentore · Digital" in page
    assert "Aucune séance depuis 60 jours" in page  # the alert, in the reader's language


def test_the_export_defuses_a_name_a_spreadsheet_would_run(client, cast, program_pairs):
    from tests.hardening.test_csv_exports import EVIL, assert_all_cells_safe

    cast.mentee.person.full_name = EVIL[0]
    cast.mentee.person.save()
    sign_in(client, cast.manager)
    text = client.get(f"/programs/{cast.program.slug}/pairs/export.csv").content.decode()
    assert "'=HYPERLINK" in text
    assert assert_all_cells_safe(text) > 15


def test_the_manager_s_home_counts_the_pairs_by_health_with_links(client, cast, program_pairs):
    page = " ".join(re.sub(r"<[^>]+>", " ", text(sign_in(client, cast.manager).get("/"))).split())
    assert "1 Pairs at risk" in page and "1 Pairs on track" in page and "1 Pairs ended" in page
    slug = cast.program.slug
    home = text(client.get("/"))
    for health in ("at-risk", "watch", "on-track", "closed"):
        assert f'href="/programs/{slug}/pairs/?health={health}"' in home
