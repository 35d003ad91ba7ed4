"""Mentorship fixtures: time frozen early in the cast's program, and builders that walk a
mentorship through its services."""

import datetime as dt

import pytest
import time_machine

from tandem.mentorships.models import Mentorship, Participant
from tandem.mentorships.services import lifecycle

START = dt.datetime(2026, 1, 6, 8, 0, tzinfo=dt.UTC)  # a Tuesday, day 2 of the program


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def participant(mentorship: Mentorship, user) -> Participant:
    return mentorship.participants.get(person=user.person)


def propose_pair(cast, justification=None) -> Mentorship:
    """The cast's pair proposed by the manager (``justification``: to pair them against a
    matching rule a test has broken)."""
    return lifecycle.create_mentorship(
        cast.program,
        [cast.mentor.person],
        [cast.mentee.person],
        cast.manager,
        justification=justification,
    )


def accept_all(mentorship: Mentorship) -> Mentorship:
    for p in mentorship.participants.select_related("person__user"):
        lifecycle.accept_proposal(p, p.person.user)
    mentorship.refresh_from_db()
    return mentorship


def sign_all(mentorship: Mentorship) -> Mentorship:
    for p in mentorship.participants.select_related("person__user"):
        lifecycle.sign_charter(p, p.person.user)
    mentorship.refresh_from_db()
    return mentorship


@pytest.fixture
def active_pair(cast, clock) -> Mentorship:
    mentorship = sign_all(accept_all(propose_pair(cast)))
    assert mentorship.status == Mentorship.Status.ACTIVE
    return mentorship
