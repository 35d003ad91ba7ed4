"""The home and sponsor pages read a fixed number of queries whatever the number of
programs, and never read the signed-in person twice (bench/load.py: every request read it
in PersonTimeZoneMiddleware, then the page read it again)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.programs.models import Enrolment
from tests import factories as f


def _programs(cast, n: int, first: int = 0) -> None:
    """``n`` programs the CEO (the cast's sponsor) sponsors, manages and coaches."""
    ceo = cast.sponsor
    for i in range(first, first + n):
        program = f.program(f"Program {i}", sponsor=ceo.person)
        program.managers.add(ceo)
        program.coaches.add(ceo.person)
        f.enrol(cast.outsider.person, program, Enrolment.Role.MENTEE, coach=ceo.person)


def _read(client, url: str) -> tuple[list[str], str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries], response.content.decode()


def _person_reads(queries: list[str]) -> int:
    """Reads of the people table by itself (the signed-in person comes with the header's
    roles: ``web.signed_in``)."""
    return sum(
        1
        for q in queries
        if q.startswith(('SELECT "people_person"."id"', 'SELECT "people_person".*'))
    )


def test_it_reads_the_home_of_a_manager_coach_and_sponsor_in_fixed_queries(client, cast):
    client.force_login(cast.sponsor)
    _programs(cast, 1)
    few, _page = _read(client, "/")
    _programs(cast, 5, first=1)
    many, page = _read(client, "/")
    # 16 before the three program lists were one query; 14 then; 19 with the pairs by health
    # (managed and coached programs) and the sponsor's participation figures; +1: the header
    # asks whether a survey or a training module is due.
    assert len(many) == len(few) <= 20
    for heading in ("Programs you manage", "Programs you coach", "Programs you sponsor"):
        assert heading in page
    assert page.count("Program 5") >= 3  # managed, coached and sponsored


def test_it_shows_a_participant_no_program_section_they_do_not_hold(client, cast):
    client.force_login(cast.mentor)
    queries, page = _read(client, "/")
    # with what is next: the next meeting, goals and to-dos (+1: endorsements asked); -1: the
    # header's roles (managing, coaching, sponsoring nothing) skip the programs by role;
    # -4: the to-dos filter the enrolments and places the page already read (proposals,
    # charters, the training's programs, the programs where a mentee may choose)
    assert len(queries) <= 17
    assert not any('"is_managed"' in q for q in queries)
    for heading in ("Programs you manage", "Programs you coach", "Programs you sponsor"):
        assert heading not in page


def test_it_reads_the_sponsor_page_in_fixed_queries_and_the_person_once(client, cast):
    client.force_login(cast.sponsor)
    _programs(cast, 1)
    few, _page = _read(client, "/sponsor/")
    _programs(cast, 5, first=1)
    many, page = _read(client, "/sponsor/")
    assert len(many) == len(few) <= 8
    assert _person_reads(many) == 1
    assert "Program 5" in page
