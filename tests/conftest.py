"""The cast shared by the tests: a manager, a coach, a mentor, a mentee, another pair's
member, a sponsor and an outsider, around one running program."""

import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine
from django.utils import translation

from tandem.accounts.models import User
from tandem.programs.models import Enrolment, Program
from tests import factories as f

# Shared fixtures: a real SMTP server (smtp) and local Slack/Teams services (chat).
pytest_plugins = ["tests.mail_server", "tests.operations.chat_server"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 costs a fifth of a second per hash; only its own test needs the real cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache(request):
    """Rate limits and lock-outs count in the shared cache (the database's, whose rows a
    transactional test's flush does not remove): every test starts from zero."""
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            from django.core.cache import cache

            request.getfixturevalue(name)
            cache.clear()
            break
    yield


@pytest.fixture(autouse=True)
def english_by_default():
    """A request in French leaves French active in the thread (LocaleMiddleware activates it
    and nothing resets it), which would leak into the next test."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def clock_start() -> dt.datetime:
    """Where ``clock`` stops time: day 2 of the cast's program. A test module that needs another
    moment overrides this fixture, or a test parametrizes ``clock_start``."""
    return f.START


@pytest.fixture
def clock(clock_start):
    """Time frozen at ``clock_start``; tests move it with ``clock.move_to``/``clock.shift``."""
    with time_machine.travel(clock_start, tick=False) as traveller:
        yield traveller


EARLY_IN_THE_PROGRAMS = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def early_in_the_programs():
    """Today is the cast's program start (``factories.program``'s default): a program whose
    end date has passed cannot be published, whatever the real date."""
    with time_machine.travel(EARLY_IN_THE_PROGRAMS, tick=True) as traveller:
        yield traveller


@pytest.fixture
def reference_data_present(transactional_db):
    f.seed_reference_data()


@dataclass
class Cast:
    program: Program
    manager: User
    coach: User
    mentor: User
    mentee: User
    other_member: User
    sponsor: User
    outsider: User


@pytest.fixture
def cast(db) -> Cast:
    ceo = f.person("Claire Dumas", title="Chief Executive Officer", with_user=True)
    manager_person = f.person("Hélène Martin", manager=ceo, department="HR", with_user=True)
    manager_person.user.is_program_manager = True
    manager_person.user.save()
    coach = f.person("Marc Petit", manager=manager_person, department="HR", with_user=True)
    mentor = f.person("Léa Bernard", manager=coach, department="Digital", with_user=True)
    mentee = f.person("Jean Moreau", manager=ceo, department="Finance", with_user=True)
    other = f.person("Inès Garcia", manager=mentee, department="Finance", with_user=True)
    outsider = f.person("Paul Roux", manager=ceo, department="Legal", with_user=True)
    prog = f.program(status=Program.Status.RUNNING, sponsor=ceo)
    prog.managers.add(manager_person.user)
    prog.coaches.add(coach)
    f.competence(mentor, "genai", 3, 2)
    f.need(mentee, "genai", 2)
    f.enrol(mentor, prog, Enrolment.Role.MENTOR, coach=coach)
    f.enrol(mentee, prog, Enrolment.Role.MENTEE, coach=coach)
    f.enrol(other, prog, Enrolment.Role.MENTOR)
    return Cast(
        program=prog,
        manager=manager_person.user,
        coach=coach.user,
        mentor=mentor.user,
        mentee=mentee.user,
        other_member=other.user,
        sponsor=ceo.user,
        outsider=outsider.user,
    )
