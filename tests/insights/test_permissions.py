"""Who sees a program's dashboard, CSV and report: its managers, its sponsor and superusers;
never its mentors, mentees, coaches, or outsiders (404). Every export leaves an audit event."""

import pytest

from tandem.accounts.models import AuditEvent, User
from tests.insights import builders as b

PAGES = [
    "/insights/programs/{pk}/",
    "/insights/programs/{pk}/aggregates.csv",
    "/insights/programs/{pk}/impact-report.pdf",
]


@pytest.fixture
def pair(cast):
    return b.pair(cast.program, cast.mentor.person, cast.mentee.person)


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 200),
        ("sponsor", 200),
        ("mentor", 404),
        ("mentee", 404),
        ("coach", 404),
        ("other_member", 404),
        ("outsider", 404),
    ],
)
def test_it_shows_the_dashboard_to_managers_and_sponsors_only(cast, pair, client, url, who, status):
    client.force_login(getattr(cast, who))
    assert client.get(url.format(pk=cast.program.pk)).status_code == status


def test_it_shows_the_dashboard_to_superusers(cast, client):
    admin = User.objects.create_superuser(email="root@example.com", password="x" * 12)
    client.force_login(admin)
    assert client.get(f"/insights/programs/{cast.program.pk}/").status_code == 200


def test_it_sends_anonymous_visitors_to_the_login(cast, client):
    response = client.get(f"/insights/programs/{cast.program.pk}/")
    assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_it_audits_each_export_and_report_download(cast, client):
    client.force_login(cast.sponsor)
    client.get(f"/insights/programs/{cast.program.pk}/aggregates.csv")
    client.get(f"/insights/programs/{cast.program.pk}/impact-report.pdf")
    actions = list(AuditEvent.objects.filter(actor=cast.sponsor).values_list("action", flat=True))
    assert sorted(actions) == ["insights.csv_exported", "insights.report_downloaded"]


def test_it_shows_a_coach_the_alerts_of_supervised_pairs_only(cast, pair, client):
    from tandem.insights.models import Alert

    other_program = b.f.program("Other", slug="other")
    mentor, mentee = b.f.person(), b.f.person()
    elsewhere = b.pair(other_program, mentor, mentee)
    now = pair.started_at
    Alert.objects.create(program=cast.program, mentorship=pair, kind="two-missed", opened_at=now)
    Alert.objects.create(program=other_program, mentorship=elsewhere, kind="no-goal", opened_at=now)
    client.force_login(cast.coach)
    page = client.get("/insights/alerts/").content.decode()
    assert f"/pairs/{pair.pk}/" in page and f"/pairs/{elsewhere.pk}/" not in page
    assert "Léa Bernard" in page and "Jean Moreau" in page
    client.force_login(cast.outsider)
    assert f"/pairs/{pair.pk}/" not in client.get("/insights/alerts/").content.decode()


def test_it_lists_a_pair_s_alerts_together_where_its_oldest_stands(cast, pair, client):
    import datetime as dt

    from tandem.insights.models import Alert

    other = b.pair(cast.program, b.f.person(), b.f.person())
    day = dt.timedelta(days=1)
    for mentorship, kind, opened in (
        (pair, "two-missed", pair.started_at),
        (other, "no-goal", pair.started_at + day),
        (pair, "low-satisfaction", pair.started_at + 2 * day),
    ):
        Alert.objects.create(
            program=cast.program, mentorship=mentorship, kind=kind, opened_at=opened
        )
    client.force_login(cast.manager)
    page = client.get("/insights/alerts/").content.decode()
    links = [page.index(f"/pairs/{m.pk}/", start) for m, start in ((pair, 0), (other, 0))]
    second = page.index(f"/pairs/{pair.pk}/", links[0] + 1)
    assert links[0] < second < links[1]
