"""The sponsor's pages: per sponsored program, the participation figures as the dashboard
defines them (one definition everywhere), never a figure over fewer than 5 people, and the
way to each program's dashboard and impact report."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.insights.services import metrics
from tandem.mentorships.models import Mentorship
from tandem.programs.models import Enrolment
from tests import factories as f


def _figures(page: str, program: str) -> list[str]:
    card = re.search(rf"<h3>{program}</h3>.*?</ul>", page, re.S).group(0)
    values = re.findall(r'<span class="figure-value">(.*?)</span>', card)
    return [v.strip() for v in values]


def _crowd(program, pairs: int, status: str) -> None:
    for _n in range(pairs):
        mentor, mentee = f.person(), f.person()
        f.enrol(mentor, program, Enrolment.Role.MENTOR)
        f.enrol(mentee, program, Enrolment.Role.MENTEE)
        f.pair(program, mentor, mentee, status)


def test_it_shows_figures_over_five_people_and_hides_smaller_ones(client, cast):
    _crowd(cast.program, 3, Mentorship.Status.ACTIVE)  # 6 more people in active pairs
    client.force_login(cast.sponsor)
    page = client.get("/sponsor/").content.decode()
    # enrolled: the cast's 3 + 6; matched: 6; 3 active pairs of 6 people; none completed
    assert _figures(page, cast.program.name) == ["9", "6", "3", "fewer than 5"]


def test_it_hides_every_figure_of_a_small_program(client, cast):
    client.force_login(cast.sponsor)
    page = client.get("/sponsor/").content.decode()
    assert _figures(page, cast.program.name) == ["fewer than 5"] * 4


def test_it_shows_the_same_figures_as_the_dashboard(client, cast):
    f.enrol(f.person(), cast.program, Enrolment.Role.MENTEE, status=Enrolment.Status.APPLIED)
    _crowd(cast.program, 3, Mentorship.Status.ACTIVE)
    client.force_login(cast.sponsor)
    sponsor = client.get("/sponsor/").content.decode()
    home = client.get("/").content.decode()
    dashboard = client.get(f"/insights/programs/{cast.program.pk}/").content.decode()
    figures = metrics.participation([cast.program.pk])
    assert str(figures["enrolled"]) == "9"  # the applicant is not enrolled yet
    for key, label in (("enrolled", "People enrolled"), ("matched", "People matched")):
        shown = (
            f'<span class="figure-value">{figures[key]}</span><span class="figure-label">{label}'
        )
        for page in (sponsor, home):
            assert shown in page, (key, label)
        card = (
            f'<span class="figure-value">{figures[key]}</span>\n      <span class="figure-label">'
        )
        assert card + label in dashboard


def test_it_counts_people_not_enrolments_or_pairs(cast):
    mentor = f.person()
    f.enrol(mentor, cast.program, Enrolment.Role.MENTOR)
    f.enrol(mentor, cast.program, Enrolment.Role.MENTEE)
    for _n in range(2):
        f.pair(cast.program, mentor, f.person(), Mentorship.Status.COMPLETED)
    f.pair(cast.program, mentor, f.person(), Mentorship.Status.PROPOSED)
    figures = metrics.participation_by_program([cast.program.pk])[cast.program.pk]
    assert {key: fig.value for key, fig in figures.items()} == {
        "enrolled": 4,
        "matched": 3,
        "active": 0,
        "completed": 2,
        "ended": 0,
    }
    assert figures == metrics.participation([cast.program.pk])


def test_it_leads_to_each_program_s_dashboard_and_report(client, cast):
    client.force_login(cast.sponsor)
    for url in ("/", "/sponsor/"):
        page = client.get(url).content.decode()
        assert f'href="/insights/programs/{cast.program.pk}/"' in page
        assert f'action="/insights/programs/{cast.program.pk}/impact-report.pdf"' in page


def test_it_shows_only_the_sponsors_programs(client, cast):
    f.program("Someone else's", sponsor=cast.outsider.person)
    client.force_login(cast.sponsor)
    page = client.get("/sponsor/").content.decode()
    assert cast.program.name in page and "Someone else" not in page
    client.force_login(cast.mentee)
    assert "You do not sponsor any program." in client.get("/sponsor/").content.decode()


def test_it_reads_in_a_constant_number_of_queries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.sponsor)
    client.get("/sponsor/")
    with CaptureQueriesContext(connection) as few:
        client.get("/sponsor/")
    few_queries = len(few)  # read now: each request resets the query log
    for n in range(5):
        program = f.program(f"Program {n}", sponsor=cast.sponsor.person)
        _crowd(program, 1, Mentorship.Status.ACTIVE)
    with django_assert_max_num_queries(few_queries):
        assert "Program 4" in client.get("/sponsor/").content.decode()
