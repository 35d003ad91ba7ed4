"""The header's "a survey is due" and "a module to finish" query is compiled once per process
(``operations.compiled``) and answers exactly as the queryset the services write."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tandem.insights.services.surveys import refresh_dues
from tandem.operations.compiled import CompiledQuery
from tandem.people.models import Person
from tandem.programs.models import TrainingModule
from tandem.web.templatetags.participant_nav import DUE, _due_query
from tests.factories import accept_all, propose_pair, sign_all


def _orm(person, today):
    return _due_query(person.pk, today).first()


@pytest.fixture
def clock():
    with time_machine.travel(dt.datetime(2026, 1, 6, 8, 0, tzinfo=dt.UTC), tick=False) as t:
        yield t


def test_the_compiled_header_query_answers_as_the_orm(client, cast, clock):
    pair = sign_all(accept_all(propose_pair(cast)))
    module = TrainingModule.objects.order_by("position").first()
    cast.program.required_modules.add(module)  # added since: the mentor has a module to finish
    first = pair.meetings.order_by("starts_at").first()
    clock.move_to(first.starts_at + dt.timedelta(minutes=70))
    refresh_dues(cast.program)
    today = timezone.localdate()
    people = [cast.mentor.person, cast.mentee.person, cast.outsider.person]
    for day in (today - dt.timedelta(days=30), today, today + dt.timedelta(days=30)):
        for person in people:
            assert DUE.first(person_id=person.pk, today=day) == _orm(person, day)
    assert DUE.first(person_id=cast.mentee.person.pk, today=today)[0]  # a survey is due
    assert DUE.first(person_id=cast.mentor.person.pk, today=today)[1] == cast.program.slug
    client.force_login(cast.mentee)
    page = client.get("/people/profile/").content.decode()
    assert 'href="/surveys/"' in page  # the header's link, from the compiled query


def test_a_query_that_ignores_a_value_is_refused(db):
    unused = CompiledQuery(lambda person_id: Person.objects.all(), person_id=int)
    with pytest.raises(ValueError, match="does not use person_id"):
        unused.first(person_id=1)
