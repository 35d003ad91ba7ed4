"""The sponsor page: people per stage in each sponsored program, never a number below 5."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.mentorships.models import Mentorship, Participant
from tandem.programs.models import Enrolment
from tandem.web.sponsor import participation_counts
from tests import factories as f


def _cells(page: str, program: str) -> list[str]:
    row = re.search(rf"<tr>\s*<th scope=\"row\">{program}.*?</tr>", page, re.S).group(0)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row)]


def _pair(program, mentor, mentee, status):
    mentorship = Mentorship.objects.create(program=program, status=status)
    Participant.objects.create(mentorship=mentorship, person=mentor, role="mentor")
    Participant.objects.create(mentorship=mentorship, person=mentee, role="mentee")


def _crowd(program, pairs: int, status: str) -> None:
    for _n in range(pairs):
        mentor, mentee = f.person(), f.person()
        f.enrol(mentor, program, Enrolment.Role.MENTOR)
        f.enrol(mentee, program, Enrolment.Role.MENTEE)
        _pair(program, mentor, mentee, status)


def test_it_shows_counts_of_five_or_more_and_hides_smaller_ones(client, cast):
    _crowd(cast.program, 3, Mentorship.Status.ACTIVE)  # 6 more people in active pairs
    client.force_login(cast.sponsor)
    page = client.get("/sponsor/").content.decode()
    # enrolled: the cast's 3 + 6; matched and active: 6; completed: none
    assert _cells(page, cast.program.name) == ["9", "6", "6", "fewer than 5"]


def test_it_hides_every_count_of_a_small_program(client, cast):
    client.force_login(cast.sponsor)
    page = client.get("/sponsor/").content.decode()
    assert _cells(page, cast.program.name) == ["fewer than 5"] * 4
    assert "3" not in "".join(_cells(page, cast.program.name))


def test_it_counts_people_not_enrolments_or_pairs(cast):
    mentor = f.person()
    f.enrol(mentor, cast.program, Enrolment.Role.MENTOR)
    f.enrol(mentor, cast.program, Enrolment.Role.MENTEE)
    for _n in range(2):
        _pair(cast.program, mentor, f.person(), Mentorship.Status.COMPLETED)
    _pair(cast.program, mentor, f.person(), Mentorship.Status.PROPOSED)
    counts = participation_counts([cast.program.pk])[cast.program.pk]
    assert counts == {"enrolled": 4, "matched": 3, "active": 0, "completed": 3}


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
